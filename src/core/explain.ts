/**
 * The step-by-step solution a student reads: one step per evaluated operation on the answer path,
 * in the order the reference evaluates them, each with a short Bangla and English sentence such
 * as "৩০ − ২ = ২৮ (অবশিষ্ট ললিপপ)". Constants are not steps: they are the numbers of the problem.
 */
import type { ExecutionResult } from './graph/execute.js';
import { prepareGraph, type PreparedGraph, type PreparedNode } from './graph/prepare.js';
import type { Graph, Operation, Step } from './graph/types.js';
import { formatNumber } from './numerals.js';

type Lang = 'bn' | 'en';

/** Digits shown in explanations; full precision stays in `value`. */
const SHOWN_FRACTION_DIGITS = 4;

export function explainSteps(graph: Graph, execution: ExecutionResult, prepared: PreparedGraph = prepareGraph(graph)): Step[] {
  const needed = new Set(execution.needed);
  const steps: Step[] = [];
  for (const id of execution.order) {
    const index = prepared.byId.get(id);
    if (index === undefined || !needed.has(id)) continue;
    const node = prepared.nodes[index]!;
    const value = execution.values[id];
    if (node.op === null || node.op === 'const' || value === undefined) continue;
    const inputs = inputsOf(node, execution.values);
    if (inputs === null) continue;
    const values = inputs.map((input) => input.value);
    const label = node.node.label?.trim() || undefined;
    const isFinal = id === execution.finalNode;
    steps.push({
      index: steps.length,
      nodeId: id,
      op: node.op,
      inputs,
      value,
      ...(label ? { label } : {}),
      explanation: {
        bn: sentence('bn', node.op, values, value, label, isFinal),
        en: sentence('en', node.op, values, value, label, isFinal),
      },
    });
  }
  return steps;
}

/** The evaluated arguments with their values; null when one has no finite value. */
function inputsOf(node: PreparedNode, values: Record<string, number>): Step['inputs'] | null {
  const inputs: Step['inputs'] = [];
  for (const arg of node.args.slice(0, node.used)) {
    if (arg.kind === 'literal') {
      inputs.push({ value: arg.value });
    } else if (arg.kind === 'ref') {
      const id = arg.text;
      const value = values[id];
      if (value === undefined) return null;
      inputs.push({ nodeId: id, value });
    } else {
      return null;
    }
  }
  return inputs;
}

function show(value: number, lang: Lang): string {
  return formatNumber(value, { digits: lang === 'bn' ? 'bn' : 'latin', maxFractionDigits: SHOWN_FRACTION_DIGITS })
    .replace(/^-/, '−');
}

/** A number as an operand: negative ones in parentheses, so "৫ − (−২)" reads right. */
function operand(value: number, lang: Lang): string {
  const text = show(value, lang);
  return value < 0 ? `(${text})` : text;
}

function list(values: number[], lang: Lang): string {
  const items = values.map((v) => show(v, lang));
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${lang === 'bn' ? ' ও ' : ' and '}${items.at(-1)}`;
}

function sentence(lang: Lang, op: Exclude<Operation, 'const'>, args: number[], result: number, label: string | undefined, isFinal: boolean): string {
  const bn = lang === 'bn';
  const r = show(result, lang);
  const a = args[0]!;
  const infix = (symbol: string) => `${args.map((v) => operand(v, lang)).join(` ${symbol} `)} = ${r}`;
  let text: string;
  switch (op) {
    case 'identity':
      text = isFinal ? `${bn ? 'উত্তর' : 'answer'} = ${r}` : r;
      break;
    case 'add':
    case 'sum':
      text = infix('+');
      break;
    case 'sub':
      text = infix('−');
      break;
    case 'mul':
      text = infix('×');
      break;
    case 'div':
      text = infix('÷');
      break;
    case 'pow':
      text = bn ? `${operand(a, lang)} এর ${show(args[1]!, lang)} ঘাত = ${r}` : `${operand(a, lang)} to the power ${show(args[1]!, lang)} = ${r}`;
      break;
    case 'mod':
      text = bn ? `${operand(a, lang)} ÷ ${operand(args[1]!, lang)} এর ভাগশেষ = ${r}` : `remainder of ${operand(a, lang)} ÷ ${operand(args[1]!, lang)} = ${r}`;
      break;
    case 'mean': {
      const sum = `(${args.map((v) => operand(v, lang)).join(' + ')}) ÷ ${show(args.length, lang)}`;
      text = bn ? `${list(args, lang)} এর গড় = ${sum} = ${r}` : `mean of ${list(args, lang)} = ${sum} = ${r}`;
      break;
    }
    case 'min':
      text = bn ? `${list(args, lang)} এর মধ্যে সবচেয়ে ছোট = ${r}` : `smallest of ${list(args, lang)} = ${r}`;
      break;
    case 'max':
      text = bn ? `${list(args, lang)} এর মধ্যে সবচেয়ে বড় = ${r}` : `largest of ${list(args, lang)} = ${r}`;
      break;
    case 'sqrt':
      text = `√${operand(a, lang)} = ${r}`;
      break;
    case 'round':
      text = bn ? `${show(a, lang)} এর নিকটতম পূর্ণসংখ্যা = ${r}` : `${show(a, lang)} rounded to the nearest whole number = ${r}`;
      break;
    case 'floor':
      text = bn ? `${show(a, lang)} কে নিচের দিকে পূর্ণসংখ্যা করলে = ${r}` : `${show(a, lang)} rounded down = ${r}`;
      break;
    case 'ceil':
      text = bn ? `${show(a, lang)} কে উপরের দিকে পূর্ণসংখ্যা করলে = ${r}` : `${show(a, lang)} rounded up = ${r}`;
      break;
    case 'abs':
      text = args.length === 1 ? `|${show(a, lang)}| = ${r}` : `|${operand(a, lang)} − ${operand(args[1]!, lang)}| = ${r}`;
      break;
    case 'gcd':
      text = bn ? `${list(args, lang)} এর গসাগু = ${r}` : `GCD of ${list(args, lang)} = ${r}`;
      break;
    case 'lcm':
      text = bn ? `${list(args, lang)} এর লসাগু = ${r}` : `LCM of ${list(args, lang)} = ${r}`;
      break;
  }
  return label ? `${text} (${label})` : text;
}
