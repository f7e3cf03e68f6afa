/**
 * A fast check of the two record kinds that make up almost all of a large export (attempts and
 * solutions: 125,000 records in a whole class's file).
 *
 * The zod schemas in src/shared/practice/records.ts stay the one definition of every record.
 * Here they are turned into JSON Schema (zod's own z.toJSONSchema) and compiled once by Ajv into
 * plain JavaScript, which checks the parsed records where they lie instead of building zod's
 * copy of each one: about half the time and a fraction of the memory. It accepts exactly what
 * the zod schema accepts, and leaves each record as zod's output would be:
 *
 * - both schemas convert completely (z.toJSONSchema throws on anything it cannot express), and
 *   neither has a refinement or a transform, which JSON Schema would not carry;
 * - the regular expressions are zod's own (the `pattern` keyword; `format` is not checked again);
 * - zod drops keys a record does not define; Ajv's `removeAdditional` drops the same keys, from
 *   every object whose schema says `additionalProperties: false`, i.e. every z.object.
 *
 * Only acceptance is decided here. When a record fails, the caller validates with zod, whose
 * messages say what is wrong. tests/store/bulkValidation.test.ts holds the two to agreeing.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { attemptSchema, solutionSchema, type Attempt, type Solution } from '../../../shared/practice/records.js';

const BULK_SCHEMAS = { attempts: attemptSchema, solutions: solutionSchema } as const;
export type BulkKind = keyof typeof BULK_SCHEMAS;
interface BulkRecord { attempts: Attempt; solutions: Solution }

let compiled: Record<BulkKind, ValidateFunction> | null = null;

function validators(): Record<BulkKind, ValidateFunction> {
  if (!compiled) {
    const ajv = new Ajv2020({ removeAdditional: true, validateFormats: false, allowUnionTypes: true });
    const compile = (schema: z.ZodType) => ajv.compile(z.toJSONSchema(z.array(schema), { io: 'output' }));
    compiled = { attempts: compile(BULK_SCHEMAS.attempts), solutions: compile(BULK_SCHEMAS.solutions) };
  }
  return compiled;
}

/**
 * Whether every item of `records` is a valid record of `kind`. When it is, the items have been
 * brought to zod's output shape in place (keys the schema does not define removed), so they can
 * be used as they are. When it is not, nothing is said about which record fails.
 */
export function isValidBulk<K extends BulkKind>(kind: K, records: unknown[]): records is BulkRecord[K][] {
  return validators()[kind](records);
}
