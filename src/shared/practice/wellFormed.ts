/**
 * Text that can be stored as it is: a JavaScript string with no lone surrogate (half of a UTF-16
 * pair, U+D800–U+DFFF on its own). SQLite keeps text as UTF-8, which cannot hold a lone
 * surrogate, so better-sqlite3 writes U+FFFD in its place: the record read back would differ
 * from the one that was saved (and answered). Such text is refused wherever it comes in: the API
 * request schemas (../schemas.ts), the record schemas (./records.ts), and so imports and the store.
 *
 * A regular expression rather than a refinement, so that z.toJSONSchema carries it to the
 * compiled bulk check of imports (export/bulkValidation.ts) as a `pattern`: with the `u` flag
 * (Ajv's default for patterns too) a paired surrogate reads as one astral code point and only a
 * lone one is in the category Cs.
 */
import { z } from 'zod';

export const WELL_FORMED_TEXT = /^\P{Cs}*$/u;

export const LONE_SURROGATE_MESSAGE = 'contains a lone surrogate (half of a UTF-16 character pair), which cannot be stored';

/** z.string() that refuses lone surrogates. */
export const wellFormedString = () => z.string().regex(WELL_FORMED_TEXT, LONE_SURROGATE_MESSAGE);
