/**
 * `npm run bench:core [-- --json]`: time to parse, validate and execute a 10,000-node graph given
 * as model-output TEXT (a ```json fence, one node per line). Median of several runs after warm-up.
 * Target: totalMs < 50 on the project's 2-core machines.
 */
import { parseArgs } from 'node:util';
import { executeGraph, parseModelOutput, prepareGraph, serialiseGraph, validateGraph, type GraphNode } from '../src/core/index.js';

const NODES = 10_000;
const WARMUP = 5;
const RUNS = 21;

/** Half constants (some distractors), half operations over earlier nodes, mixing every kind of op. */
function bigModelOutput(): string {
  const nodes: GraphNode[] = [];
  const consts = NODES / 2;
  for (let i = 0; i < consts; i++) {
    nodes.push({ id: `n${i}`, op: 'const', val: (i % 97) + 1, args: [], distractor: i % 10 === 0, label: `সংখ্যা ${i}` });
  }
  const ops = ['add', 'mul', 'sub', 'div', 'max', 'mean', 'sum', 'min'];
  for (let i = 0; nodes.length < NODES - 1; i++) {
    const prev = nodes.at(-1)!.id;
    const other = `n${(i * 7919) % consts}`;
    // Keep the chain's values bounded: a mul is followed by a div.
    nodes.push({ id: `v${i}`, op: ops[i % ops.length]!, args: [prev, other], distractor: false, label: `ধাপ ${i}` });
  }
  nodes.push({ id: 'final_result', op: 'identity', args: [nodes.at(-1)!.id], distractor: false, label: 'চূড়ান্ত উত্তর' });
  return serialiseGraph({ nodes });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function main(): void {
  const { values: options } = parseArgs({ options: { json: { type: 'boolean', default: false } }, strict: true });
  const text = bigModelOutput();
  const times = { parse: [] as number[], validate: [] as number[], execute: [] as number[], total: [] as number[] };
  let answer: number | null = null;
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const t0 = performance.now();
    const parsed = parseModelOutput(text);
    const t1 = performance.now();
    const prepared = prepareGraph(parsed.graph!);
    const validation = validateGraph(parsed.graph!, prepared);
    const t2 = performance.now();
    const execution = executeGraph(parsed.graph!, prepared);
    const t3 = performance.now();
    if (!validation.ok || execution.answer === null) throw new Error('benchmark graph did not execute');
    answer = execution.answer;
    if (run < WARMUP) continue;
    times.parse.push(t1 - t0);
    times.validate.push(t2 - t1); // includes preparing the shared structure
    times.execute.push(t3 - t2);
    times.total.push(t3 - t0);
  }
  const result = {
    nodes: NODES,
    textBytes: Buffer.byteLength(text),
    runs: RUNS,
    parseMs: round(median(times.parse)),
    validateMs: round(median(times.validate)),
    executeMs: round(median(times.execute)),
    totalMs: round(median(times.total)),
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(
      `core engine, ${NODES} nodes (${(result.textBytes / 1e6).toFixed(2)} MB of model output), median of ${RUNS} runs:\n` +
      `  parse ${result.parseMs} ms, validate ${result.validateMs} ms, execute ${result.executeMs} ms\n` +
      `  total ${result.totalMs} ms (target < 50 ms) — answer ${answer}\n`,
    );
  }
}

main();
