import { describe, expect, it } from 'vitest';
import { formatLoadError, formatPath, loadProblemSet } from './load.js';

const problem = {
  id: 'two-plus-three', grade: '1-2', topics: ['addition'],
  clean: {
    text: 'রাজুর ২টি আম আছে। মিনা তাকে ৩টি আম দিল। রাজুর এখন কয়টি আম?',
    answer: 5,
    graph: { nodes: [
      { id: 'n1', op: 'const', val: 2, distractor: false },
      { id: 'n2', op: 'const', val: 3, distractor: false },
      { id: 'total', op: 'add', args: ['n1', 'n2'], distractor: false },
      { id: 'final_result', op: 'identity', args: ['total'], distractor: false },
    ] },
  },
  variants: [{
    id: 'two-plus-three-d1',
    text: 'রাজুর ২টি আম আছে। মিনা তাকে ৩টি আম দিল। রাজুর এখন কয়টি আম?',
    answer: 5,
    graph: { nodes: [{ id: 'final_result', op: 'identity', args: [5] }] },
    distractors: [{ text: 'x', type: 'RED' }],
  }],
};
const set = { format: 'dagger-tutor.problem-set', version: 1, id: 'mine', title: { bn: 'আমার', en: 'Mine' }, problems: [problem] };
const json = (value: unknown) => JSON.stringify(value);
const clone = <T>(value: T): T => structuredClone(value);

describe('loadProblemSet', () => {
  it('loads a valid set and fills defaults', () => {
    const result = loadProblemSet(json(set), 'mine.json');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.set.problems[0]!.clean.ignoredNumbers).toEqual([]);
      expect(result.source).toBe('mine.json');
    }
  });

  it('accepts a byte-order mark', () => {
    expect(loadProblemSet(`\uFEFF${json(set)}`).ok).toBe(true);
  });

  it('explains text that is not JSON', () => {
    const result = loadProblemSet('{"format": ', 'broken.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatLoadError(result.errors[0]!)).toMatch(/^broken\.json: not valid JSON/);
  });

  it('gives one clear error for another kind of file, and for a newer version', () => {
    const other = loadProblemSet(json({ nodes: [] }));
    expect(!other.ok && other.errors).toEqual([expect.objectContaining({ field: 'format' })]);
    const newer = loadProblemSet(json({ ...set, version: 2 }));
    expect(!newer.ok && newer.errors[0]!.message).toContain('update the app');
  });

  it('names the problem and the field of a bad value', () => {
    const bad = clone(set);
    (bad.problems[0]!.clean as { answer: unknown }).answer = 'five';
    bad.problems[0]!.grade = '9-10';
    const result = loadProblemSet(json(bad), 'mine.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.problemId, e.field])).toEqual([
      ['two-plus-three', 'problems[0].grade'],
      ['two-plus-three', 'problems[0].clean.answer'],
    ]);
    expect(formatLoadError(result.errors[1]!)).toContain('mine.json: problem "two-plus-three", field problems[0].clean.answer:');
  });

  it('names the variant of a bad variant field', () => {
    const bad = clone(set);
    (bad.problems[0]!.variants[0]!.distractors[0] as { type: string }).type = 'OTHER';
    const result = loadProblemSet(json(bad));
    expect(!result.ok && result.errors).toEqual([expect.objectContaining({
      problemId: 'two-plus-three', variantId: 'two-plus-three-d1', field: 'problems[0].variants[0].distractors[0].type',
    })]);
  });

  it('refuses a set without problems', () => {
    expect(loadProblemSet(json({ ...set, problems: [] })).ok).toBe(false);
  });
});

describe('formatPath', () => {
  it('writes indices in brackets', () => {
    expect(formatPath(['problems', 3, 'clean', 'graph', 'nodes', 0, 'op'])).toBe('problems[3].clean.graph.nodes[0].op');
    expect(formatPath([])).toBe('');
  });
});
