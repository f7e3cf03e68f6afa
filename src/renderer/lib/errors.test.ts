import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { API_ERROR_CODES, DaggerApiError } from '../../shared/api.js';
import { IMPORT_REFUSAL_REASONS } from '../../shared/practice/exportFile.js';
import { toApiError } from '../../main/api/models.js';
import { DownloadError } from '../../main/services/models/download.js';
import { ModelFileError, type ModelFileErrorCode } from '../../main/services/models/gguf/inspect.js';
import { InferenceError } from '../../main/services/inference/types.js';
import { MODEL_REQUEST_ERROR_CODES, ModelRequestError } from '../../main/services/models/model-service.js';
import { bn } from '../i18n/bn.js';
import { en } from '../i18n/en.js';
import type { ConvertErrorCode } from '../../main/services/models/convert/errors.js';
import { CONVERT_REASONS, DOWNLOAD_REASONS, IMPORT_REASONS, MODEL_FILE_REASONS, REQUEST_REASONS, describeError, errorText } from './errors.js';

const i18n = i18next.createInstance();
await i18n.init({ resources: { bn: { translation: bn }, en: { translation: en } }, lng: 'bn', interpolation: { escapeValue: false } });
const tBn = i18n.getFixedT('bn') as TFunction;
const tEn = i18n.getFixedT('en') as TFunction;
const t = (key: string, options?: Record<string, unknown>) => tBn(key, options);
const te = (key: string, options?: Record<string, unknown>) => tEn(key, options);

// The renderer keeps its own copies of main's reason lists (it may not import main); these
// type-level checks fail to compile when main adds or drops a reason.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const modelReasonsMatch: Same<(typeof MODEL_FILE_REASONS)[number], ModelFileErrorCode> = true;
const downloadReasonsMatch: Same<(typeof DOWNLOAD_REASONS)[number], Exclude<DownloadError['code'], 'CANCELLED'>> = true;
const convertReasonsMatch: Same<(typeof CONVERT_REASONS)[number], Exclude<ConvertErrorCode, 'CANCELLED'>> = true;
const requestReasonsMatch: Same<(typeof REQUEST_REASONS)[number], (typeof MODEL_REQUEST_ERROR_CODES)[number] | 'PROMPT_TOO_LONG'> = true;

describe('errors in the user\'s language', () => {
  it('have a sentence in both catalogues for every code and every reason', () => {
    expect(modelReasonsMatch && downloadReasonsMatch && requestReasonsMatch && convertReasonsMatch).toBe(true);
    expect([...IMPORT_REASONS].sort()).toEqual([...IMPORT_REFUSAL_REASONS].sort());
    const keys = [
      ...API_ERROR_CODES,
      ...MODEL_FILE_REASONS.map((r) => `modelFile_${r}`),
      ...DOWNLOAD_REASONS.map((r) => `download_${r}`),
      ...CONVERT_REASONS.map((r) => `convert_${r}`),
      ...REQUEST_REASONS.map((r) => `request_${r}`),
      ...IMPORT_REASONS.map((r) => `import_${r}`),
    ];
    for (const key of keys) {
      expect({ key, bn: key in bn.errors, en: key in en.errors }).toEqual({ key, bn: true, en: true });
    }
  });

  it('never shows the English developer message as the sentence; keeps it in the details', () => {
    for (const code of API_ERROR_CODES) {
      const { text, detail } = describeError(new DaggerApiError(code, 'developer says: boom'), t);
      expect(text).toBe(bn.errors[code]);
      expect(text).not.toContain('boom');
      expect(detail).toBe(`${code}: developer says: boom`);
    }
  });

  it('maps the model services\' real errors through main\'s toApiError to their own sentences', () => {
    const cases: Array<[unknown, string]> = [
      [new ModelFileError('NOT_GGUF', '/tmp/x.gguf is not a GGUF model file'), bn.errors.modelFile_NOT_GGUF],
      [new ModelFileError('TRUNCATED', '/tmp/x.gguf is incomplete'), bn.errors.modelFile_TRUNCATED],
      [new ModelFileError('UNSUPPORTED_VERSION', 'version 9'), bn.errors.modelFile_UNSUPPORTED_VERSION],
      [new ModelFileError('WRONG_ARCHITECTURE', 'llama'), bn.errors.modelFile_WRONG_ARCHITECTURE],
      [new ModelFileError('MISSING', 'model file not found: /nope'), bn.errors.modelFile_MISSING],
      [new DownloadError('HTTP 404', 'HTTP'), bn.errors.download_HTTP],
      [new DownloadError('sha mismatch', 'CHECKSUM'), bn.errors.download_CHECKSUM],
      [new DownloadError('stopped', 'CANCELLED'), bn.errors.CANCELLED],
      [new InferenceError('does not fit', 'DOES_NOT_FIT'), bn.errors.MODEL_TOO_LARGE],
      [new InferenceError('no model', 'NO_MODEL'), bn.errors.NO_MODEL],
      [new InferenceError('llama failed', 'LOAD_FAILED'), bn.errors.MODEL_LOAD_FAILED],
      [new InferenceError('2900 prompt tokens + 1024 exceed 4096', 'PROMPT_TOO_LONG'), bn.errors.request_PROMPT_TOO_LONG],
      ...MODEL_REQUEST_ERROR_CODES.map((code): [unknown, string] => [new ModelRequestError(code, `developer text for ${code}`), bn.errors[`request_${code}`]]),
    ];
    for (const [serviceError, sentence] of cases) {
      const apiError = toApiError(serviceError);
      expect(describeError(apiError, t).text).toBe(sentence);
      // The same error as it arrives over a transport (plain JSON, e.g. a stream's error event).
      expect(describeError(JSON.parse(JSON.stringify(apiError.toJSON())), t).text).toBe(sentence);
    }
  });

  it('picks the import refusal\'s own sentence from details.reason, in either language', () => {
    for (const reason of IMPORT_REFUSAL_REASONS) {
      const error = new DaggerApiError('IMPORT_REJECTED', 'The file is not self-consistent', { reason });
      expect(describeError(error, t).text).toBe(bn.errors[`import_${reason}`]);
      expect(describeError(error, te).text).toBe(en.errors[`import_${reason}`]);
      expect(describeError(error, t).detail).toBe(`IMPORT_REJECTED / ${reason}: The file is not self-consistent`);
    }
  });

  it('falls back to the code\'s sentence for an unknown reason, and to INTERNAL for an unknown code', () => {
    expect(errorText(new DaggerApiError('IMPORT_REJECTED', 'x', { reason: 'SOMETHING_NEW' }), t)).toBe(bn.errors.IMPORT_REJECTED);
    expect(errorText(new DaggerApiError('NOT_FOUND', 'no attempt a1', { attemptId: 'a1' }), t)).toBe(bn.errors.NOT_FOUND);
    expect(errorText({ code: 'FROM_THE_FUTURE', message: 'x' }, t)).toBe(bn.errors.INTERNAL);
  });

  it('treats anything that is not an answer from the app as a broken connection', () => {
    const { text, detail } = describeError(new TypeError('Failed to fetch'), t);
    expect(text).toBe(bn.errors.network);
    expect(detail).toBe('Failed to fetch');
    expect(describeError('weird', te).text).toBe(en.errors.network);
  });
});
