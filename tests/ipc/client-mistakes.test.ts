/**
 * Client mistakes are the client's: a malformed cursor, an id that is well formed but names
 * nothing, a path that is not a model file. Each answers INVALID_REQUEST or NOT_FOUND (with a
 * sentence), never INTERNAL, through the real dispatcher with the real store behind it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/shared/api.js';
import { createBackend, type Backend } from '../../src/main/api/backend.js';

let backend: Backend;
let dataDir: string;
let profileId: string;
let attemptId: string;
/** A well-formed id (the store's shape) that names nothing. */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const call = (method: string, request: unknown) => backend.dispatcher.dispatch(method, request);
function errorOf(envelope: Envelope<unknown>) {
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.value).slice(0, 200)}`);
  return envelope.error;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-mistakes-'));
  backend = await createBackend({ dataDir, host: 'browser' });
  const profile = await call('createProfile', { name: 'মিনা' });
  if (!profile.ok) throw new Error('createProfile failed');
  profileId = (profile.value as { id: string }).id;
  const attempt = await call('recordAttempt', { profileId, text: '২ আর ৩ মিলে কত?', answerText: '৫' });
  if (!attempt.ok) throw new Error(JSON.stringify(attempt.error));
  attemptId = (attempt.value as { attempt: { id: string } }).attempt.id;
});

afterAll(async () => {
  await backend?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('client mistakes answer INVALID_REQUEST or NOT_FOUND, never INTERNAL', () => {
  it('a malformed history cursor is INVALID_REQUEST', async () => {
    for (const cursor of ['garbage', '!!!', Buffer.from('a|b|c').toString('base64url')]) {
      const error = errorOf(await call('historyPage', { cursor }));
      expect(error.code, cursor).toBe('INVALID_REQUEST');
      expect(error.message).toMatch(/cursor/);
    }
  });

  it.each([
    ['endSession', () => ({ sessionId: UNKNOWN })],
    ['startSession', () => ({ profileId: UNKNOWN })],
    ['selectProfile', () => ({ profileId: UNKNOWN })],
    ['getAttempt', () => ({ attemptId: UNKNOWN })],
    ['recordAttempt', () => ({ profileId, sessionId: UNKNOWN, text: '১ আর ১', answerText: '২' })],
    ['recordAttempt', () => ({ profileId, solutionId: UNKNOWN, text: '১ আর ১', answerText: '২' })],
    ['recordAttempt', () => ({ profileId, itemId: 'no-such-item', answerText: '২' })],
    ['recordAttempt', () => ({ profileId: UNKNOWN, text: '১ আর ১', answerText: '২' })],
    ['addReview', () => ({ reviewerId: profileId, solutionId: UNKNOWN, verdict: 'correct' })],
    ['addReview', () => ({ reviewerId: profileId, attemptId: UNKNOWN, verdict: 'correct' })],
    ['addReview', () => ({ reviewerId: UNKNOWN, attemptId, verdict: 'correct' })],
    ['exportData', () => ({ format: 'json', profileId: UNKNOWN })],
    ['exportData', () => ({ format: 'csv', sessionId: UNKNOWN })],
    ['exportData', () => ({ format: 'html', attemptIds: [UNKNOWN] })],
    ['stats', () => ({ profileId: UNKNOWN })],
    ['reviewQueue', () => ({ profileId: UNKNOWN })],
    ['historyPage', () => ({ profileId: UNKNOWN })],
    ['getProblem', () => ({ itemId: 'no-such-item' })],
    ['selectModel', () => ({ fileName: 'nothing.gguf' })],
    ['deleteModel', () => ({ fileName: 'nothing.gguf' })],
    ['importModel', () => ({ requestId: 'import-missing', path: path.join(dataDir, 'nothing.gguf') })],
    ['importModel', () => ({ requestId: 'import-folder', path: dataDir })],
  ])('%s with an id or path that names nothing is NOT_FOUND', async (method, request) => {
    const error = errorOf(await call(method, request()));
    expect(error.code, error.message).toBe('NOT_FOUND');
  });

  it('a bad model file path is a refusal with its reason', async () => {
    const notModel = path.join(dataDir, 'notes.gguf');
    fs.writeFileSync(notModel, 'hello');
    expect(errorOf(await call('importModel', { requestId: 'import-notes', path: notModel }))).toMatchObject({ code: 'MODEL_LOAD_FAILED', details: { reason: 'NOT_GGUF' } });
  });
});
