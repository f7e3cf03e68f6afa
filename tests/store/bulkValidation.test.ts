/**
 * The compiled bulk check (Ajv, from zod's JSON Schema) must give zod's verdict on every record
 * and leave an accepted record exactly as zod's output: the import keeps the records it checked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isValidBulk, type BulkKind } from '../../src/main/services/export/bulkValidation.js';
import { generateSeedData } from '../../src/main/services/store/seed.js';
import { attemptSchema, solutionSchema } from '../../src/shared/practice/records.js';
import { FIXED_NOW } from './helpers.js';

const SCHEMAS: Record<BulkKind, z.ZodType> = { attempts: attemptSchema, solutions: solutionSchema };
const seed = generateSeedData({ profiles: 2, attempts: 400, seed: 5, until: FIXED_NOW });
const clone = <T>(value: T): T => structuredClone(value);

/** Both verdicts on one record (each on its own copy), and what each leaves. */
function judge(kind: BulkKind, record: unknown) {
  const zod = SCHEMAS[kind].safeParse(clone(record));
  const checked = [clone(record)];
  const bulk = isValidBulk(kind, checked);
  return { zod, bulk, checked: checked[0] };
}

/** Every path to a value inside `value` (objects and arrays), the empty path included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

type Mutation = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };

/** `record` with one change at `path`: a value replaced, a key or item removed, a key added. */
function mutate(record: unknown, path: (string | number)[], mutation: Mutation): unknown {
  const copy = clone(record);
  if (path.length === 0) return mutation.kind === 'set' ? mutation.value : copy;
  type Node = Record<string | number, unknown> & unknown[];
  const parent = path.slice(0, -1).reduce((node, key) => node[key] as Node, copy as Node);
  const key = path[path.length - 1]!;
  if (mutation.kind === 'set') parent[key] = mutation.value;
  else if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    const target = parent[key];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[mutation.key] = mutation.value;
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value: fc.oneof(fc.jsonValue(), fc.uuid(), fc.constant(null), fc.integer(), fc.string()) }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('add' as const), key: fc.string({ minLength: 1, maxLength: 8 }), value: fc.jsonValue() }),
);

describe('bulk record check', () => {
  it.each(['attempts', 'solutions'] as const)('accepts every seeded %s unchanged, as zod does', (kind) => {
    const records = clone(seed[kind]);
    expect(records.length).toBeGreaterThan(50);
    expect(isValidBulk(kind, records)).toBe(true);
    expect(records).toEqual(z.array(SCHEMAS[kind]).parse(seed[kind]));
  });

  it('drops keys a record does not define, at every depth, as zod does', () => {
    const attempt = { ...clone(seed.attempts.find((a) => a.distractorMarks !== null)!), extra: 1 };
    (attempt.distractorMarks as Record<string, unknown>).note = 'x';
    const solution = { ...clone(seed.solutions.find((s) => s.graph !== null)!), extra: { a: 1 } };
    (solution.graph!.nodes[0] as Record<string, unknown>).colour = 'red';
    for (const [kind, record] of [['attempts', attempt], ['solutions', solution]] as const) {
      const { zod, bulk, checked } = judge(kind, record);
      expect(zod.success && bulk).toBe(true);
      expect(checked).toEqual(zod.data);
      expect(JSON.stringify(checked)).not.toMatch(/extra|note|colour/);
    }
  });

  it.each(['attempts', 'solutions'] as const)('gives zod\'s verdict on any one change to a %s record', (kind) => {
    const records = seed[kind];
    fc.assert(fc.property(fc.nat(records.length - 1), fc.nat(), mutation, (index, pick, change) => {
      const record = records[index];
      const paths = pathsOf(record);
      const changed = mutate(record, paths[pick % paths.length]!, change);
      const { zod, bulk, checked } = judge(kind, changed);
      expect(bulk).toBe(zod.success);
      if (zod.success) expect(checked).toEqual(zod.data);
    }), { numRuns: 1500 });
  });

  it('rejects a list with one bad record among good ones', () => {
    const attempts = clone(seed.attempts);
    (attempts[123] as Record<string, unknown>).timeMs = -1;
    expect(isValidBulk('attempts', attempts)).toBe(false);
  });
});
