/**
 * The single point where inference hands the model's text to the graph engine (src/core, helper A's
 * part): parse, validate, execute and analyse against the question.
 */
import { analyse } from '../../../core/index.js';
import type { Analysis } from '../../../core/graph/types.js';

export function analyseOutput(rawOutput: string, question: string): Analysis {
  return analyse(rawOutput, question);
}
