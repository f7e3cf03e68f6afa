/**
 * Text with a lone surrogate (half of a UTF-16 pair, e.g. "\ud800") cannot be stored as it is:
 * SQLite keeps UTF-8, where it becomes U+FFFD. It is refused wherever text comes in (API requests,
 * records saved directly, imported files, by zod and by the compiled bulk check alike), so what is
 * answered is always what was stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ImportError, checksumOf, exportJson, importJson } from '../../src/main/services/export/index.js';
import { isValidBulk } from '../../src/main/services/export/bulkValidation.js';
import { StoreError } from '../../src/main/services/store/index.js';
import { attemptSchema, solutionSchema } from '../../src/shared/practice/records.js';
import { requestSchemas } from '../../src/shared/schemas.js';
import { buildFixture } from './fixture.js';
import { freshStore, removeTempDirs, snapshot } from './helpers.js';

afterEach(removeTempDirs);

const LONE = ['\ud800', 'ক\udc00', 'end \udbff', '\udfff\ud800'];

describe('lone surrogates', () => {
  it('are refused by the store, which keeps well-formed text (astral characters included) exactly', () => {
    const { store } = freshStore();
    const { a, p1 } = buildFixture(store);
    const before = snapshot(store);
    for (const bad of LONE) {
      expect(() => store.createProfile({ name: `মিনা ${bad}`, role: 'student' })).toThrow(StoreError);
      expect(() => store.recordProblem({ source: 'user', text: bad })).toThrow(/lone surrogate/);
      expect(() => store.recordAttempt({ profileId: a.id, problemId: p1.id, answerText: bad, correct: false, timeMs: 1 })).toThrow(/lone surrogate/);
      expect(() => store.recordSolution({ problemId: p1.id, kind: 'model', rawOutput: bad })).toThrow(/lone surrogate/);
    }
    expect(snapshot(store)).toEqual(before);
    const fine = store.createProfile({ name: 'মিনা 😀 𝒙', role: 'student' });
    expect(store.getProfile(fine.id)!.name).toBe('মিনা 😀 𝒙');
  });

  it('are refused in an import, in the bulk records (Ajv then zod) and the others, naming the field', () => {
    const { store: source } = freshStore();
    buildFixture(source);
    const file = JSON.parse(exportJson(source));
    const { store } = freshStore();
    const cases: Array<[(copy: typeof file) => void, RegExp]> = [
      [(copy) => { copy.data.attempts[2].answerText = LONE[1]; }, /data\.attempts\.2\.answerText: .*lone surrogate/],
      [(copy) => { copy.data.solutions[0].graph.nodes[0].id = LONE[0]; }, /data\.solutions\.0\.graph\.nodes\.0\.id: .*lone surrogate/],
      [(copy) => { copy.data.profiles[0].name = `x${LONE[2]}`; }, /data\.profiles\.0\.name: .*lone surrogate/],
      [(copy) => { copy.data.problems[0].text = LONE[3]; }, /data\.problems\.0\.text: .*lone surrogate/],
    ];
    const before = snapshot(store);
    for (const [change, message] of cases) {
      const copy = structuredClone(file);
      change(copy);
      copy.checksum.value = checksumOf(copy.data);
      // JSON.stringify writes a lone surrogate as the escape \udXXX: the file itself is plain ASCII there.
      const text = JSON.stringify(copy);
      expect(text).toMatch(/\\ud[89a-f][0-9a-f]{2}/);
      const error = (() => { try { importJson(store, text); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).reason).toBe('INVALID');
      expect((error as ImportError).message).toMatch(message);
    }
    expect(snapshot(store)).toEqual(before);
  });

  it('get the same verdict from the compiled bulk check as from zod', () => {
    const { store } = freshStore();
    buildFixture(store);
    const { attempts, solutions } = store.dump();
    for (const bad of LONE) {
      const attempt = { ...attempts[0]!, answerText: bad };
      const solution = { ...solutions.find((s) => s.rawOutput !== null)!, rawOutput: bad };
      expect(attemptSchema.safeParse(attempt).success).toBe(false);
      expect(isValidBulk('attempts', [structuredClone(attempt)])).toBe(false);
      expect(solutionSchema.safeParse(solution).success).toBe(false);
      expect(isValidBulk('solutions', [structuredClone(solution)])).toBe(false);
    }
    expect(isValidBulk('attempts', [{ ...attempts[0]!, answerText: '২৮ 😀' }])).toBe(true);
  });

  it('are refused by the API request schemas, in every free-text field', () => {
    const id = '3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60';
    const requests: Array<[keyof typeof requestSchemas, (text: string) => object]> = [
      ['createProfile', (text) => ({ name: text })],
      ['solve', (text) => ({ requestId: 'r1', question: text })],
      ['listProblems', (text) => ({ search: text })],
      ['recordAttempt', (text) => ({ profileId: id, text, answerText: '1' })],
      ['recordAttempt', (text) => ({ profileId: id, text: 'x', answerText: text })],
      ['recordAttempt', (text) => ({ profileId: id, text: 'x', answerText: '1', markedDistractors: { values: [], nodeIds: [text] } })],
      ['addReview', (text) => ({ reviewerId: id, attemptId: id, verdict: 'correct', comment: text })],
      ['addReview', (text) => ({ reviewerId: id, attemptId: id, verdict: 'correct', nodeNotes: [{ nodeId: 'n1', note: text }] })],
      ['addReview', (text) => ({ reviewerId: id, attemptId: id, verdict: 'correct', nodeNotes: [{ nodeId: text, note: 'x' }] })],
    ];
    for (const [method, request] of requests) {
      expect(requestSchemas[method].safeParse(request('ঠিক আছে 😀')).success, method).toBe(true);
      for (const bad of LONE) {
        const result = requestSchemas[method].safeParse(request(`ঠিক ${bad}`));
        expect(result.success, `${method} ${JSON.stringify(request(bad))}`).toBe(false);
        expect(result.error!.issues.map((i) => i.message).join(' ')).toMatch(/lone surrogate/);
      }
    }
  });
});
