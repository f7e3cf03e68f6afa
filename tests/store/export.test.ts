import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ImportError, checksumOf, exportCsv, exportHtml, exportJson, exportJsonToFile, importJson, renderGraphSvg,
} from '../../src/main/services/export/index.js';
import { generateSeedData } from '../../src/main/services/store/seed.js';
import { openStore, type PracticeStore } from '../../src/main/services/store/index.js';
import { FIXED_NOW, freshStore, removeTempDirs, snapshot } from './helpers.js';
import { buildFixture } from './fixture.js';

afterEach(removeTempDirs);

function seeded(): PracticeStore & { learnerId?: string } {
  const { store } = freshStore();
  store.merge(generateSeedData({ profiles: 3, attempts: 600, seed: 11, until: FIXED_NOW }));
  const { a, attempts, s3 } = buildFixture(store);
  const teacher = store.createProfile({ name: 'শিক্ষক <b>&"', role: 'teacher' });
  store.addReview({ reviewerId: teacher.id, attemptId: attempts[3]!.id, solutionId: s3.id, verdict: 'partly',
    nodeNotes: [{ nodeId: 'z', note: 'ভাগ ঠিক আছে' }], correctedAnswer: 4, comment: null });
  return Object.assign(store, { learnerId: a.id });
}

/**
 * Refuses `text`, given as text and as the bytes of a file, for the same reason, and proves the
 * store is byte-for-byte as before.
 */
function expectRefused(store: PracticeStore, text: string, reason: string, message: RegExp) {
  const before = snapshot(store);
  for (const content of [text, Buffer.from(text, 'utf8')]) {
    let error: unknown;
    try {
      importJson(store, content);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).reason).toBe(reason);
    expect((error as ImportError).message).toMatch(message);
    expect((error as ImportError).message).toMatch(/Nothing was imported/);
    expect(snapshot(store)).toEqual(before);
  }
}

describe('JSON export and import', () => {
  it('round-trips losslessly into an empty store, and re-importing changes nothing', () => {
    const source = seeded();
    const text = exportJson(source, {}, { now: FIXED_NOW });
    const { store: target } = freshStore();
    const first = importJson(target, text);
    expect(first.added).toEqual(source.counts());
    expect(target.dump()).toEqual(source.dump());
    // Derived tables are rebuilt to the same values.
    expect(target.stats({ now: FIXED_NOW, utcOffsetMinutes: 0 })).toEqual(source.stats({ now: FIXED_NOW, utcOffsetMinutes: 0 }));
    const before = snapshot(target);
    const second = importJson(target, text);
    expect(Object.values(second.added).every((n) => n === 0)).toBe(true);
    expect(second.alreadyPresent).toEqual(source.counts());
    expect(snapshot(target)).toEqual(before);
    expect(exportJson(target, {}, { now: FIXED_NOW })).toBe(text);
  });

  it('writes the same file straight to disk, which imports from its bytes', () => {
    const source = seeded();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-export-'));
    try {
      const file = path.join(dir, 'nested', 'history.json');
      const size = exportJsonToFile(source, file, {}, { now: FIXED_NOW });
      const bytes = fs.readFileSync(file);
      expect(size).toBe(bytes.length);
      expect(bytes.toString('utf8')).toBe(exportJson(source, {}, { now: FIXED_NOW }));
      expect(fs.readdirSync(path.dirname(file))).toEqual(['history.json']); // no temporary left
      const { store: target } = freshStore();
      expect(importJson(target, bytes).added).toEqual(source.counts());
      expect(target.dump()).toEqual(source.dump());
      // With a byte-order mark, as some editors save it.
      const { store: withBom } = freshStore();
      expect(importJson(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])).added).toEqual(source.counts());
      // One learner's export, streamed, is the same text too.
      const one = path.join(dir, 'one.json');
      exportJsonToFile(source, one, { profileId: source.learnerId! }, { now: FIXED_NOW });
      expect(fs.readFileSync(one, 'utf8')).toBe(exportJson(source, { profileId: source.learnerId! }, { now: FIXED_NOW }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cleans up the temporary file of an export killed midway when the store is next opened', async () => {
    const { spawn } = await import('node:child_process');
    const { tempDataDir } = await import('./helpers.js');
    const dataDir = tempDataDir();
    const target = path.join(tempDataDir(), 'class.json');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'killed-export.ts'), dataDir, target], { stdio: 'inherit' });
    const [, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, sig) => resolve([code, sig])));
    expect(signal).toBe('SIGKILL');
    const left = () => fs.readdirSync(path.dirname(target)).filter((name) => name.endsWith('.partial'));
    expect(left()).toHaveLength(1);
    // A file being written right now by a running export (this process) is left alone.
    const { listPartial } = await import('../../src/main/services/export/partials.js');
    const mine = `${target}.${process.pid}.partial`;
    fs.writeFileSync(mine, '{');
    const unlist = listPartial(path.join(dataDir, 'partial-exports'), mine);
    openStore(dataDir).close();
    expect(left()).toEqual([path.basename(mine)]);
    expect(fs.existsSync(target)).toBe(false);
    unlist();
    fs.rmSync(mine);
    expect(fs.readdirSync(path.join(dataDir, 'partial-exports'))).toEqual([]);
  });

  it('leaves an earlier file whole when an export fails midway', () => {
    const source = seeded();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-export-'));
    try {
      const file = path.join(dir, 'history.json');
      fs.writeFileSync(file, 'the previous export');
      const failing = Object.create(source) as PracticeStore;
      failing.writeDumpJson = (_scope, write) => {
        write('{"profiles":[');
        throw new Error('disk full');
      };
      expect(() => exportJsonToFile(failing, file)).toThrow('disk full');
      expect(fs.readFileSync(file, 'utf8')).toBe('the previous export');
      expect(fs.readdirSync(dir)).toEqual(['history.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports one learner self-contained, and merges it into a store that has other data', () => {
    const source = seeded();
    const learner = source.getProfile(source.learnerId!)!;
    const text = exportJson(source, { profileId: learner.id });
    const file = JSON.parse(text);
    expect(new Set(file.data.attempts.map((x: { profileId: string }) => x.profileId))).toEqual(new Set([learner.id]));
    expect(file.data.reviews).toHaveLength(1); // the teacher's review, and the teacher's profile with it
    expect(file.data.profiles.map((p: { role: string }) => p.role).sort()).toEqual(['student', 'teacher']);
    const { store: target } = freshStore();
    target.merge(generateSeedData({ profiles: 2, attempts: 100, seed: 99, until: FIXED_NOW }));
    const countsBefore = target.counts();
    const result = importJson(target, text);
    expect(result.added.attempts).toBe(7);
    expect(target.counts().attempts).toBe(countsBefore.attempts + 7);
    expect(target.stats({ profileId: learner.id, now: FIXED_NOW, utcOffsetMinutes: 360 }))
      .toEqual(source.stats({ profileId: learner.id, now: FIXED_NOW, utcOffsetMinutes: 360 }));
  });

  it('exports selected attempts with exactly what they refer to, importable on their own', () => {
    const source = seeded();
    const all = source.dump();
    const reviewed = all.reviews.find((r) => r.attemptId !== null)!;
    const withModel = all.attempts.find((a) => a.solutionId !== null && a.id !== reviewed.attemptId)!;
    const picked = [reviewed.attemptId!, withModel.id, all.attempts[all.attempts.length - 1]!.id];
    const data = source.dump({ attemptIds: picked });
    expect(data.attempts.map((a) => a.id).sort()).toEqual([...new Set(picked)].sort());
    const problems = new Set(data.attempts.map((a) => a.problemId));
    expect(new Set(data.problems.map((p) => p.id))).toEqual(problems);
    // The solutions the attempts used, and the reference graph of each of their problems; no other.
    const used = new Set(data.attempts.flatMap((a) => (a.solutionId ? [a.solutionId] : [])));
    const expected = all.solutions.filter((s) => used.has(s.id) || (s.kind === 'reference' && problems.has(s.problemId)));
    expect(data.solutions).toEqual(expected);
    expect(data.reviews.map((r) => r.id)).toContain(reviewed.id);
    for (const r of data.reviews) expect(r.attemptId === null || picked.includes(r.attemptId)).toBe(true);
    expect(new Set(data.sessions.map((s) => s.id))).toEqual(new Set(data.attempts.flatMap((a) => (a.sessionId ? [a.sessionId] : []))));
    const owners = new Set([...data.attempts.map((a) => a.profileId), ...data.reviews.map((r) => r.reviewerId), ...data.sessions.map((s) => s.profileId)]);
    expect(new Set(data.profiles.map((p) => p.id))).toEqual(owners);
    // Self-contained: it imports into an empty store, and within a profile it narrows further.
    const { store: target } = freshStore();
    expect(importJson(target, exportJson(source, { attemptIds: picked })).added.attempts).toBe(new Set(picked).size);
    const mine = source.dump({ profileId: withModel.profileId, attemptIds: picked }).attempts;
    expect(mine.map((a) => a.profileId)).toEqual(mine.map(() => withModel.profileId));
    expect(source.dump({ attemptIds: [] }).attempts).toEqual([]);
  });

  it('refuses a truncated file', () => {
    const source = seeded();
    const text = exportJson(source);
    const { store } = freshStore();
    buildFixture(store);
    expectRefused(store, text.slice(0, Math.floor(text.length * 0.7)), 'NOT_JSON', /not complete JSON/);
  });

  it('refuses an altered file (one changed answer)', () => {
    const source = seeded();
    const file = JSON.parse(exportJson(source));
    file.data.attempts[5].correct = !file.data.attempts[5].correct;
    const { store } = freshStore();
    buildFixture(store);
    expectRefused(store, JSON.stringify(file, null, 2), 'CHECKSUM', /altered or damaged/);
  });

  it('refuses an altered file in the exported layout (checked as written, then re-serialised)', () => {
    const source = seeded();
    const text = exportJson(source);
    const { store } = freshStore();
    buildFixture(store);
    // A digit changed in place: the layout stays as exported, so the fast path hashes the altered text.
    const at = text.indexOf('"timeMs":') + '"timeMs":'.length;
    const altered = `${text.slice(0, at)}${text[at] === '9' ? '8' : '9'}${text.slice(at + 1)}`;
    expectRefused(store, altered, 'CHECKSUM', /altered or damaged/);
    // Cut inside the data: the header still parses, the data does not.
    expectRefused(store, `${text.slice(0, text.length - 200)}}`, 'NOT_JSON', /not complete JSON/);
    // A second "data" member after the exported one is not what the checksum covers.
    const file = JSON.parse(text);
    const twice = `${text.trimEnd().slice(0, -1)},"data":${JSON.stringify({ ...file.data, attempts: [] })}}`;
    expectRefused(store, twice, 'CHECKSUM', /altered or damaged/);
  });

  it('accepts an intact file that was re-indented or has its keys reordered', () => {
    const source = seeded();
    const file = JSON.parse(exportJson(source));
    const { store: indented } = freshStore();
    expect(importJson(indented, `\uFEFF${JSON.stringify(file, null, 2)}\n`).added).toEqual(source.counts());
    const { store: reordered } = freshStore();
    const { data, ...header } = file;
    expect(importJson(reordered, JSON.stringify({ data, ...header })).added).toEqual(source.counts());
  });

  it('refuses foreign files, naming what they are', () => {
    const { store } = freshStore();
    buildFixture(store);
    expectRefused(store, JSON.stringify({ format: 'dagger-tutor.problem-set', version: 1 }), 'FOREIGN', /problem set/);
    expectRefused(store, '[1, 2, 3]', 'FOREIGN', /not a DAGGER Tutor practice-history export/);
    expectRefused(store, 'attempt_id,created_at\n1,2', 'NOT_JSON', /not complete JSON/);
  });

  it('refuses a file from a newer version', () => {
    const source = seeded();
    const file = JSON.parse(exportJson(source));
    file.version = 2;
    const { store } = freshStore();
    expectRefused(store, JSON.stringify(file), 'NEWER_VERSION', /newer DAGGER Tutor.*version 2/);
  });

  it('refuses invalid records and dangling references even with a correct checksum', () => {
    const source = seeded();
    const file = JSON.parse(exportJson(source));
    const { store } = freshStore();
    buildFixture(store);
    const bad = structuredClone(file);
    bad.data.attempts[0].timeMs = -5;
    bad.checksum.value = checksumOf(bad.data);
    expectRefused(store, JSON.stringify(bad), 'INVALID', /data\.attempts\.0\.timeMs/);
    const dangling = structuredClone(file);
    dangling.data.problems.splice(0, 1);
    dangling.checksum.value = checksumOf(dangling.data);
    expectRefused(store, JSON.stringify(dangling), 'DANGLING_REFERENCE', /not in the file/);
  });

  it('refuses deeply nested data as an invalid file, in either layout, wherever it is', () => {
    const file = JSON.parse(exportJson(seeded()));
    const { store } = freshStore();
    const withDeep = (place: (copy: typeof file, deep: unknown) => void, levels = 2_000) => {
      const copy = structuredClone(file);
      place(copy, JSON.parse(`${'{"k":'.repeat(levels)}1${'}'.repeat(levels)}`));
      copy.checksum.value = checksumOf(copy.data);
      return copy;
    };
    const deepSettings = withDeep((copy, deep) => {
      copy.data.solutions.find((s: { settings: unknown }) => s.settings !== null).settings = { nested: deep };
    });
    expectRefused(store, JSON.stringify(deepSettings), 'INVALID', /nested more than 64 levels deep/); // as exported
    expectRefused(store, JSON.stringify(deepSettings, null, 1), 'INVALID', /nested more than 64 levels deep/); // re-indented
    expectRefused(store, JSON.stringify(withDeep((copy, deep) => { copy.data.attempts[0].answerText = deep; })), 'INVALID', /nested more than 64/);
    expectRefused(store, JSON.stringify(withDeep((copy, deep) => { copy.app = deep; })), 'INVALID', /nested more than 64/);
    // Far deeper than any stack, in the header and in the data.
    const text = exportJson(seeded());
    const abyss = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expectRefused(store, text.replace('"app":', `"app":${abyss},"x":`), 'INVALID', /nested more than 64/);
    // Settings nested well within the bound are kept as they are.
    const fine = withDeep((copy, deep) => {
      copy.data.solutions.find((s: { settings: unknown }) => s.settings !== null).settings = { nested: deep };
    }, 40);
    importJson(store, JSON.stringify(fine));
    expect(store.dump().solutions.find((s) => s.settings !== null && 'nested' in s.settings)).toBeDefined();
  });

  it('refuses a record nested too deeply when it is saved directly', () => {
    const { store } = freshStore();
    const problem = store.recordProblem({ source: 'user', text: 'কত?' });
    const deep = JSON.parse(`${'['.repeat(5_000)}${']'.repeat(5_000)}`) as never[];
    expect(() => store.recordSolution({ problemId: problem.id, kind: 'model', settings: { deep } })).toThrow(/nested more than 64 levels deep/);
  });
});

describe('CSV export', () => {
  it('writes one row per attempt with a BOM, Bangla intact and formulas defused', () => {
    const { store } = freshStore();
    const { a } = buildFixture(store);
    store.recordAttempt({ profileId: a.id, problemId: store.recordProblem({ source: 'user', text: '=HYPERLINK("x") ৫ + ৫' }).id,
      answerText: '-10', correct: false, timeMs: 1000, createdAt: '2025-03-06T00:00:00.000Z' });
    const csv = exportCsv(store, { profileId: a.id });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(8);
    expect(parsed.data[0]).toMatchObject({ profile_name: 'মিনা', answer_typed: '২৮', correct: '1', time_ms: '10000', distractor_types: 'RED' });
    const hostile = parsed.data[7]!;
    expect(hostile.problem_text.startsWith("'=")).toBe(true);
    expect(hostile.answer_typed).toBe("'-10");
  });

  it('defuses every cell that starts a formula, whatever follows (line breaks included)', () => {
    const { store } = freshStore();
    const { a, p1 } = buildFixture(store);
    const starts = ['=', '+', '-', '@', '\t', '\r'];
    const tails = ['HYPERLINK("http://x")', 'cmd|\' /C calc\'!A0\nmore', '1+1\r\nsecond line', '\n', 'x\u2028y'];
    const hostile = starts.flatMap((start) => tails.map((tail) => `${start}${tail}`));
    for (const [i, text] of hostile.entries()) {
      const learner = store.createProfile({ name: `${text} ${i}`, role: 'student' });
      const problem = store.recordProblem({ source: 'user', text: `${text} #${i}` });
      const solution = store.recordSolution({ problemId: problem.id, kind: 'model', model: { name: text, file: 'm.gguf' } });
      store.recordAttempt({ profileId: learner.id, problemId: problem.id, solutionId: solution.id, answerText: text, correct: false, timeMs: 1,
        distractorMarks: { values: [], nodeIds: [text] } });
    }
    store.recordAttempt({ profileId: a.id, problemId: p1.id, answerText: '২৮', correct: true, timeMs: 1 });
    const parsed = Papa.parse<string[]>(exportCsv(store).slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const cells = parsed.data.slice(1).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    // Each hostile text is still there, whole, after its quote mark.
    for (const text of hostile) expect(cells).toContain(`'${text}`);
  });
});

describe('HTML report', () => {
  it('is self-contained, escapes everything and draws graphs', () => {
    const { store } = freshStore();
    const { a, p3 } = buildFixture(store);
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    store.recordAttempt({ profileId: a.id, problemId: p3.id, answerText: evil, correct: false, timeMs: 1, createdAt: '2025-03-06T00:00:00.000Z' });
    store.recordSolution({ problemId: p3.id, kind: 'model', graph: { nodes: [
      { id: 'q', op: 'const', val: 1, args: [], distractor: false, label: '</text><script>x</script>' }] } });
    const html = exportHtml(store, { profileId: a.id }, { now: FIXED_NOW });
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/ style="/); // inline style attributes would break the CSP
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing fetched from anywhere
    // 8 attempts; the two at P3 without a model solution have no graph (P3 has no reference).
    expect(html.match(/<svg /g)?.length).toBe(6);
    expect(html).toContain('<mark class="RED"');
    expect(html).toContain('মিনা');
  });

  it('lays a graph out in layers, inputs above the answer', () => {
    const svg = renderGraphSvg({ nodes: [
      { id: 'n1', op: 'const', val: 3, args: [], distractor: false },
      { id: 'n2', op: 'const', val: 4, args: [], distractor: true },
      { id: 'n3', op: 'mul', args: ['n1', 7], distractor: false },
      { id: 'final_result', op: 'identity', args: ['n3'], distractor: false },
    ] }, { idPrefix: 't' });
    const ys = [...svg.matchAll(/<rect x="[^"]+" y="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(ys[0]).toBe(ys[1]);
    expect(ys[2]).toBeGreaterThan(ys[0]!);
    expect(ys[3]).toBeGreaterThan(ys[2]!);
    expect(svg.match(/class="edge"/g)).toHaveLength(2);
    expect(svg).toContain('class="node distractor"');
    expect(svg).toContain('(7)');
  });
});

describe('files', () => {
  it('the CLI round trip works on real files', async () => {
    const { runCli } = await import('../../src/cli/cli.js');
    const { tempDataDir } = await import('./helpers.js');
    const from = tempDataDir();
    const to = tempDataDir();
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), readStdin: async () => '', env: {} };
    expect(await runCli(['--data-dir', from, 'dev', 'seed', '--profiles', '2', '--attempts', '300', '--until', '2025-03-01', '--json'], io)).toBe(0);
    const file = path.join(from, 'export.json');
    expect(await runCli(['--data-dir', from, 'export', '--format', 'json', '--out', file], io)).toBe(0);
    expect(await runCli(['--data-dir', to, 'import', file, '--json'], io)).toBe(0);
    fs.writeFileSync(`${file}.cut`, fs.readFileSync(file, 'utf8').slice(0, 5000));
    expect(await runCli(['--data-dir', to, 'import', `${file}.cut`, '--json'], io)).toBe(1);
    expect(JSON.parse(out.find((l) => l.includes('"ok":false'))!)).toMatchObject({ ok: false, reason: 'NOT_JSON' });
    out.length = 0;
    expect(await runCli(['--data-dir', to, 'stats', '--json'], io)).toBe(0);
    expect(JSON.parse(out[0]!).totals.attempts).toBe(300);
    // Deep nesting is refused like any other invalid file: exit 1 and the same JSON shape.
    const deep = JSON.parse(fs.readFileSync(file, 'utf8'));
    deep.data.solutions.find((s: { settings: unknown }) => s.settings !== null).settings = { k: JSON.parse(`${'{"k":'.repeat(2_000)}1${'}'.repeat(2_000)}`) };
    deep.checksum.value = checksumOf(deep.data);
    fs.writeFileSync(`${file}.deep`, JSON.stringify(deep));
    out.length = 0;
    expect(await runCli(['--data-dir', to, 'import', `${file}.deep`, '--json'], io)).toBe(1);
    expect(JSON.parse(out.find((l) => l.includes('"ok":false'))!)).toMatchObject({ ok: false, reason: 'INVALID', message: expect.stringMatching(/nested/) });
  });

  it('stops quietly when the reader of standard output goes away early (export --out - | head)', async () => {
    const { spawn } = await import('node:child_process');
    const { tempDataDir } = await import('./helpers.js');
    const dir = tempDataDir();
    const store = openStore(dir);
    store.merge(generateSeedData({ profiles: 2, attempts: 300, seed: 3, until: FIXED_NOW })); // about 350 KB of JSON
    store.close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', dir, 'export', '--format', 'json', '--out', '-'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('export text', () => {
  it('equals the plain serialisation of the export object', async () => {
    const { buildExport } = await import('../../src/main/services/export/index.js');
    const { store } = freshStore();
    buildFixture(store);
    expect(exportJson(store, {}, { now: FIXED_NOW })).toBe(`${JSON.stringify(buildExport(store, {}, { now: FIXED_NOW }))}\n`);
  });

  it('is written straight from the rows exactly as JSON.stringify would write the dump', () => {
    const store = seeded();
    // Awkward values: quotes, controls, astral characters, a lone surrogate where the store keeps
    // one (free-form settings, stored as JSON), and numbers whose text is easy to get wrong.
    const me = store.createProfile({ name: 'নাম "উদ্ধৃতি" \\ \n\t\u0001 😀 </script>', role: 'student' });
    const problem = store.recordProblem({ source: 'user', text: 'কত? \u2028', answer: 0.1 + 0.2, unit: { bn: 'টাকা', en: 'taka' } });
    const solution = store.recordSolution({ problemId: problem.id, kind: 'model', rawOutput: '```json\n{"nodes": []}\n```', answer: 1e21,
      graph: { nodes: [{ id: '2', op: 'const', val: -0, args: [], distractor: false, label: 'x' }] }, settings: { '10': 1, b: [true, null], a: 'y \ud800' } });
    store.recordAttempt({ profileId: me.id, problemId: problem.id, solutionId: solution.id, answerText: '-০.৫', answerValue: -0.5,
      correct: false, timeMs: 7, distractorMarks: { values: [1.5e-7], nodeIds: ['2'] }, distractorSpotting: { truePositives: 0, falsePositives: 1, falseNegatives: 0 } });
    const sessionId = store.dump().sessions[0]!.id;
    const someAttempts = store.dump().attempts.filter((_, i) => i % 7 === 0).map((a) => a.id);
    for (const scope of [{}, { profileId: me.id }, { profileId: store.learnerId! }, { sessionId }, { attemptIds: someAttempts }]) {
      expect(store.dumpJson(scope)).toBe(JSON.stringify(store.dump(scope)));
    }
  });
});
