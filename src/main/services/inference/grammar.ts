/**
 * The GBNF grammar that constrains generation to the shape DAGGER was trained to emit: a ```json
 * fence, `{"nodes": [...]}` whose nodes start with "id" then "op" (as every training example does),
 * an operation name the executor knows, then the closing fence. Whitespace between tokens is free
 * (bounded), so the model's own indentation and line breaks are accepted unchanged.
 *
 * Repetitions are bounded so that even a model that never "wants" to stop (like the random test
 * model) reaches the end of the grammar; the bounds are far above anything a real graph needs.
 */
import { OPERATIONS } from '../../../core/graph/types.js';

/** Upper bounds, generous for real graphs (the paper's graphs have under 20 nodes). */
export const GRAMMAR_LIMITS = { nodes: 64, extraFields: 8, args: 16, stringChars: 160, idChars: 48, whitespace: 24 } as const;

export function daggerGrammarText(): string {
  const L = GRAMMAR_LIMITS;
  const ops = OPERATIONS.map((op) => `"${op}"`).join(' | ');
  return [
    'root ::= "```json\\n" ws obj ws "\\n```"',
    `obj ::= "{" ws "\\"nodes\\"" ws ":" ws "[" ws node (ws "," ws node){0,${L.nodes - 1}} ws "]" ws "}"`,
    `node ::= "{" ws idfield ws "," ws opfield (ws "," ws field){0,${L.extraFields}} ws "}"`,
    'idfield ::= "\\"id\\"" ws ":" ws ident',
    'opfield ::= "\\"op\\"" ws ":" ws "\\"" opname "\\""',
    `opname ::= ${ops}`,
    'field ::= valfield | argsfield | distfield | labelfield',
    'valfield ::= "\\"val\\"" ws ":" ws (number | string)',
    `argsfield ::= "\\"args\\"" ws ":" ws "[" ws (arg (ws "," ws arg){0,${L.args - 1}})? ws "]"`,
    'arg ::= ident | number',
    'distfield ::= "\\"distractor\\"" ws ":" ws ("true" | "false")',
    'labelfield ::= "\\"label\\"" ws ":" ws string',
    `ident ::= "\\"" char{1,${L.idChars}} "\\""`,
    `string ::= "\\"" char{0,${L.stringChars}} "\\""`,
    'char ::= [^"\\\\\\x00-\\x1f] | "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4})',
    'number ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,15})? ([eE] [-+]? [0-9]{1,3})?',
    `ws ::= [ \\t\\n]{0,${L.whitespace}}`,
    '',
  ].join('\n');
}
