/**
 * Hugging Face Gemma-3 checkpoint → GGUF, inside the app (no Python, no llama.cpp tools):
 * - planConversion(dir, quant): what a job needs before starting (sizes, layout) or a refusal;
 * - convertCheckpoint(opts): streaming convert + quantise + verify, temporary name, then rename;
 * - verifyGguf(file): the checks a converted file must pass before it is offered.
 */
export { convertCheckpoint, temporaryOutputName, type ConvertOptions, type ConvertProgress, type ConvertResult } from './convert.js';
export { planConversion, isOutputType, OUTPUT_TYPES, type ConversionPlan } from './plan.js';
export { verifyGguf, type GgufVerification, type VerifyOptions } from './verify.js';
export { ConvertError, type ConvertErrorCode } from './errors.js';
export type { OutputType } from '../gguf/gemma3-metadata.js';
