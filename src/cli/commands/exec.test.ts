/** `dagger-tutor exec`, run as a real process, as a user or script would run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDaggerExamples } from '../../../tests/support/dagger-fixtures.js';

interface Example { question: string; output: string; answer: number }
const examples: Example[] = loadDaggerExamples();
const dir = mkdtempSync(path.join(tmpdir(), 'dagger-exec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  // The same as `npx tsx src/cli/main.ts exec …`, minus npx's start-up time.
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'exec', ...args], {
    input, encoding: 'utf8', env: { ...process.env, DAGGER_TUTOR_DATA_DIR: dir },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('dagger-tutor exec', () => {
  it('prints one JSON object and exits 0 for a graph that executes', () => {
    const { code, stdout } = cli(['--json', file('ex1.txt', examples[0]!.output)]);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['ok', 'answer', 'finalNode', 'steps', 'distractors', 'diagnostics', 'repairs']);
    expect(out).toMatchObject({ ok: true, answer: examples[0]!.answer, finalNode: 'final_result', diagnostics: [] });
    expect(out.distractors).toMatchObject({ flagged: ['n2', 'n3', 'n4'] });
  });
  it('reads standard input with "-" and links numbers with --question', () => {
    const e = examples[3]!;
    const { code, stdout } = cli(['--json', '--question', e.question, '-'], e.output);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { answer: number; links: Array<{ nodeId: string; status: string }> };
    expect(out.answer).toBe(23);
    expect(out.links.find((l) => l.nodeId === 'n2')?.status).toBe('implied');
  });
  it('exits 1 with an error diagnostic when the graph cannot execute', () => {
    const graph = '{"nodes": [{"id": "a", "op": "const", "val": 1}, {"id": "b", "op": "div", "args": ["a", 0]}, {"id": "final_result", "op": "identity", "args": ["b"]}]}';
    const { code, stdout } = cli(['--json', '-'], graph);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { ok: boolean; answer: null; diagnostics: Array<{ code: string; severity: string; nodeId: string }> };
    expect(out).toMatchObject({ ok: false, answer: null });
    expect(out.diagnostics).toEqual([expect.objectContaining({ code: 'DIV_BY_ZERO', severity: 'error', nodeId: 'b' })]);
  });
  it('exits 1 on output that is not a graph', () => {
    const { code, stdout } = cli(['--json', '-'], 'I am not sure.');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, diagnostics: [{ code: 'PARSE_ERROR', severity: 'error' }] });
  });
  it('prints a readable Bangla/English summary without --json', () => {
    const { code, stdout } = cli([file('ex4.txt', examples[3]!.output)]);
    expect(code).toBe(0);
    expect(stdout).toContain('উত্তর / Answer: ২৩ (23)');
    expect(stdout).toContain('২৫ − ২ = ২৩ (সিওভানের রত্ন)');
    expect(stdout).toContain('25 − 2 = 23 (সিওভানের রত্ন)');
    expect(stdout).toContain('flagged: n6, n7');
  });
  it.each([
    ['no file', []],
    ['two files', ['a', 'b']],
    ['an unknown option', ['--fast', 'x']],
  ])('exits 2 on a usage error: %s', (_, args) => {
    const { code, stderr } = cli(args);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: dagger-tutor exec');
  });
  it('exits 2 when the file cannot be read', () => {
    const { code, stderr } = cli([path.join(dir, 'missing.txt')]);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read');
  });
});
