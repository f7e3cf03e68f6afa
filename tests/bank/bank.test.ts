/**
 * The whole built-in bank must validate: a bad entry in any resources/bank/*.json fails here.
 * Also the Node-side loader and the `bank` CLI command, on real files.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bankCommand } from '../../src/cli/commands/bank.js';
import type { CliIO } from '../../src/cli/command.js';
import { UsageError } from '../../src/cli/command.js';
import type { summariseProblems } from '../../src/core/bank/query.js';
import type { BankReport } from '../../src/core/bank/validate.js';
import { listBankFiles, loadBank, resolveBankDir, validateBankFiles } from '../../src/main/services/bank.js';

const repoBank = path.resolve(import.meta.dirname, '../../resources/bank');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dagger-bank-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the built-in problem bank', () => {
  it('has no validation failures', async () => {
    const report = await validateBankFiles(undefined, repoBank);
    const listing = report.failures.map((f) => `[${f.code}] ${f.source} ${f.problemId} ${f.variantId ?? ''}: ${f.message}`);
    expect(listing).toEqual([]);
  });

  it('has no reading warnings (ambiguous references, sentences after the question, node order, units, near-duplicates)', async () => {
    const report = await validateBankFiles(undefined, repoBank);
    const listing = report.warnings.map((w) => `[${w.code}] ${w.source} ${w.problemId} ${w.variantId ?? ''}: ${w.message}`);
    expect(listing).toEqual([]);
  });

  it('covers classes 1–8 and every topic (issue 15): ≥320 problems, ≥40 for classes 1–2 and for 7–8, ≥12 per new topic', async () => {
    const report = await validateBankFiles(undefined, repoBank);
    expect(report.problems).toBeGreaterThanOrEqual(320);
    expect(report.byGrade['1-2']).toBeGreaterThanOrEqual(40);
    expect(report.byGrade['7-8']).toBeGreaterThanOrEqual(40);
    const newTopics = ['ratio-proportion', 'profit-loss-percent', 'simple-interest', 'geometry', 'data-reading', 'calendar', 'negative-numbers', 'order-of-operations'] as const;
    for (const topic of newTopics) expect(report.byTopic[topic], topic).toBeGreaterThanOrEqual(12);
  });

  it('is large and varied enough for the issue: ≥150 problems, every kind of distractor, multi-sentence variants', async () => {
    const bank = await loadBank(repoBank);
    expect(bank.errors).toEqual([]);
    const problems = bank.sets.flatMap((s) => s.set.problems);
    expect(problems.length).toBeGreaterThanOrEqual(150);
    expect(problems.every((p) => p.variants.length >= 1)).toBe(true);
    const variants = problems.flatMap((p) => p.variants);
    for (const type of ['RED', 'OAD', 'NEED'] as const) {
      expect(variants.some((v) => v.distractors.some((d) => d.type === type))).toBe(true);
    }
    expect(variants.filter((v) => v.distractors.length >= 2).length).toBeGreaterThan(variants.length / 5);
    const core = bank.sets.find((s) => s.set.id === 'core');
    expect(core?.set.problems.length).toBeGreaterThanOrEqual(52);
  });

  it('writes numbers in Bangla digits in every text of the core set', async () => {
    const bank = await loadBank(repoBank);
    const core = bank.sets.find((s) => s.set.id === 'core')!;
    const texts = core.set.problems.flatMap((p) => [p.clean.text, ...p.variants.map((v) => v.text)]);
    expect(texts.filter((t) => /[0-9]/.test(t))).toEqual([]);
  });
});

describe('bank service', () => {
  it('finds resources/bank from the source tree', () => {
    expect(resolveBankDir(undefined, {})).toBe(repoBank);
    expect(resolveBankDir('/x/y', {})).toBe('/x/y');
    expect(resolveBankDir(undefined, { DAGGER_TUTOR_BANK_DIR: '/z' })).toBe('/z');
  });

  it('loads the good files of a folder and reports the bad ones', async () => {
    const dir = path.join(tmp, 'mixed');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a-good.json'), readFileSync(path.join(repoBank, 'set-01-core.json')));
    writeFileSync(path.join(dir, 'b-bad.json'), '{ not json');
    writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    expect((await listBankFiles(dir)).map((f) => path.basename(f))).toEqual(['a-good.json', 'b-bad.json']);
    const bank = await loadBank(dir);
    expect(bank.sets.map((s) => s.set.id)).toEqual(['core']);
    expect(bank.errors).toEqual([expect.objectContaining({ source: expect.stringContaining('b-bad.json') })]);
    const report = await validateBankFiles(undefined, dir);
    expect(report.failures.map((f) => f.code)).toEqual(['LOAD_ERROR']);
  });
});

function captureIO(): CliIO & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t), err: (t) => void (err += t),
    readStdin: async () => '', env: {},
    stdout: () => out, stderr: () => err,
  };
}

async function runBank(argv: string[]) {
  const io = captureIO();
  const code = await bankCommand.run({ argv, dataDir: tmp, io });
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('bank CLI command', () => {
  it('validate --json prints the report and exits 0 on the built-in bank', async () => {
    const { code, out } = await runBank(['validate', '--json', '--dir', repoBank]);
    const report = JSON.parse(out) as BankReport;
    expect(Object.keys(report)).toEqual(['problems', 'withDistractorVariant', 'byType', 'byTopic', 'byGrade', 'failures', 'warnings']);
    expect(report.failures).toEqual([]);
    expect(Object.values(report.byGrade).reduce((a, b) => a + b)).toBe(report.problems);
    expect(report.problems).toBeGreaterThanOrEqual(150);
    expect(report.byType.RED + report.byType.OAD + report.byType.NEED).toBeGreaterThan(report.problems);
    expect(code).toBe(0);
  });

  it('validate exits 1 and names the problem when a file has a wrong answer', async () => {
    const set = JSON.parse(readFileSync(path.join(repoBank, 'set-01-core.json'), 'utf8'));
    set.problems[0].clean.answer += 1;
    const file = path.join(tmp, 'wrong.json');
    writeFileSync(file, JSON.stringify(set));
    const text = await runBank(['validate', '--file', file]);
    expect(text.code).toBe(1);
    expect(text.out).toContain(`[WRONG_ANSWER] ${file} › ${set.problems[0].id}`);
    const json = await runBank(['validate', '--json', '--file', file]);
    expect((JSON.parse(json.out) as BankReport).failures.map((f) => f.code)).toEqual(['WRONG_ANSWER', 'VARIANT_ANSWER']);
  });

  it('validate reports reading warnings with the sentence, and still exits 0 when there are no failures', async () => {
    const set = JSON.parse(readFileSync(path.join(repoBank, 'set-01-core.json'), 'utf8'));
    const problem = set.problems.find((p: { id: string }) => p.id === 'hilsa-sold');
    const variant = problem.variants.find((v: { id: string }) => v.id === 'hilsa-sold-d1');
    // Put the added weight sentence after the question: a reading problem, not a failure.
    const added = variant.distractors[0].text as string;
    variant.text = `${variant.text.replace(`${added} `, '')} ${added}`;
    const file = path.join(tmp, 'after-question.json');
    writeFileSync(file, JSON.stringify({ ...set, problems: [problem] }));
    const text = await runBank(['validate', '--file', file]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('⚠ [ADDED_AFTER_QUESTION]');
    const report = JSON.parse((await runBank(['validate', '--json', '--file', file])).out) as BankReport;
    expect(report.failures).toEqual([]);
    // Its number (২) now also comes after ৩৫ in the text while the graph still numbers it n2.
    expect(report.warnings.map((w) => w.code).sort()).toEqual(['ADDED_AFTER_QUESTION', 'NODE_ORDER']);
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'ADDED_AFTER_QUESTION', variantId: 'hilsa-sold-d1', sentence: added }));
  });

  it('list filters by topic and grade', async () => {
    const { code, out } = await runBank(['list', '--json', '--topic', 'division', '--grade', '3-4', '--dir', repoBank]);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as ReturnType<typeof summariseProblems>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.topics.includes('division') && r.grade === '3-4')).toBe(true);
  });

  it('refuses unknown subcommands, options and topics', async () => {
    await expect(runBank([])).rejects.toThrow(UsageError);
    await expect(runBank(['check'])).rejects.toThrow(UsageError);
    await expect(runBank(['validate', '--verbose'])).rejects.toThrow(UsageError);
    await expect(runBank(['list', '--topic', 'algebra'])).rejects.toThrow(/unknown topic/);
    await expect(runBank(['validate', '--file'])).rejects.toThrow(/needs a value/);
  });
});
