/**
 * The UI benchmark page (built and driven by bench/ui.bench.ts in real Chromium). It uses the
 * app's own components and stylesheet:
 *   - graph(): lays out and draws a 200-node graph with layoutGraph + GraphView, timing layout,
 *     React/d3 rendering, and the time until the next frame (style, layout and paint included);
 *   - stream(): feeds a simulated model stream (tokens and nodes) through the solve screen's
 *     batching into SolutionView while the driver types into a text box; records how long each
 *     keystroke waited for the main thread and for its frame, and the longest gap between frames.
 */
import { startTransition, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { SolveEvent } from '../../shared/api.js';
import { initI18n } from '../i18n/index.js';
import { GraphView } from '../components/GraphView.js';
import { SolutionView } from '../components/SolutionView.js';
import { useFrameBatched, useThrottled } from '../components/useStreamBatching.js';
import { layoutGraph } from '../lib/graph-layout.js';
import { applySolveEvents, startSolve, type SolveState } from '../lib/solve-stream.js';
import '../styles/app.css';
import { benchGraph } from './graph-fixture.js';

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const container = document.getElementById('root')!;
const root = createRoot(container);

async function graph(size: number, runs: number) {
  const samples: Array<{ layoutMs: number; renderMs: number; totalMs: number }> = [];
  for (let run = 0; run < runs; run++) {
    flushSync(() => root.render(null));
    await nextFrame();
    const g = benchGraph(size, `r${run}_`);
    const values = Object.fromEntries(g.nodes.map((n, i) => [n.id, i]));
    const t0 = performance.now();
    const layout = layoutGraph({ graph: g, values, finalNode: 'final_result' });
    const t1 = performance.now();
    flushSync(() =>
      root.render(<GraphView layout={layout} digits="bn" label="bench" nodeLabel={(n) => `${n.op} ${n.id}`} />),
    );
    const t2 = performance.now();
    // The frame after the commit: style, layout and paint of the new SVG are done by then.
    const t3 = await nextFrame();
    const drawn = container.querySelectorAll('g.node').length;
    if (drawn !== size) throw new Error(`drew ${drawn} nodes, expected ${size}`);
    samples.push({ layoutMs: t1 - t0, renderMs: t2 - t1, totalMs: t3 - t0 });
  }
  // The first run includes JIT warm-up; report the median of the rest.
  const warm = samples.slice(1);
  return {
    nodes: size,
    layoutMs: median(warm.map((s) => s.layoutMs)),
    renderMs: median(warm.map((s) => s.renderMs)),
    totalMs: median(warm.map((s) => s.totalMs)),
    worstTotalMs: Math.max(...warm.map((s) => s.totalMs)),
  };
}

interface StreamMetrics {
  keystrokes: number[];
  inputDelays: number[];
  frameGaps: number[];
}

function StreamHarness({ events, metrics, onDone }: { events: SolveEvent[]; metrics: StreamMetrics; onDone(): void }) {
  const [state, setState] = useState<SolveState>(() => startSolve('bench'));
  const onEvent = useFrameBatched<SolveEvent>((batch) => startTransition(() => setState((s) => applySolveEvents(s, batch))));
  const nodes = useThrottled(state.nodes, 200);
  const [text, setText] = useState('');
  useEffect(() => {
    // Replays the stream at its recorded pace from a timer, like SSE messages arriving.
    const start = performance.now();
    let i = 0;
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      while (i < events.length && (events[i] as { at?: number }).at! <= elapsed) onEvent(events[i++]!);
      if (i >= events.length) {
        clearInterval(timer);
        setTimeout(onDone, 300);
      }
    }, 4);
    return () => clearInterval(timer);
  }, [events, onEvent, onDone]);
  return (
    <div>
      <textarea
        data-testid="typing"
        value={text}
        onChange={(e) => {
          const native = e.nativeEvent as InputEvent;
          const delay = performance.now() - native.timeStamp;
          metrics.inputDelays.push(delay);
          requestAnimationFrame(() => metrics.keystrokes.push(performance.now() - native.timeStamp));
          setText(e.target.value);
        }}
      />
      <p>{state.generatedTokens}</p>
      <SolutionView text="রিনার কাছে ৩০টি ললিপপ ছিল।" analysis={null} streamingNodes={nodes} digits="bn" />
    </div>
  );
}

async function stream(nodeCount: number, tokens: number, durationMs: number) {
  const g = benchGraph(nodeCount, 'st_');
  // Tokens evenly over `durationMs`; node i completes with token ⌊(i+1)·tokens/nodes⌋ − 1.
  const nodesAtToken = new Map<number, number[]>();
  for (let i = 0; i < nodeCount; i++) {
    const t = Math.min(tokens - 1, Math.floor(((i + 1) * tokens) / nodeCount) - 1);
    nodesAtToken.set(t, [...(nodesAtToken.get(t) ?? []), i]);
  }
  const events: Array<SolveEvent & { at: number }> = [];
  for (let t = 0; t < tokens; t++) {
    const at = (t / tokens) * durationMs;
    events.push({ requestId: 'bench', type: 'token', text: 'x', generatedTokens: t + 1, tokensPerSecond: tokens / (durationMs / 1000), at });
    for (const i of nodesAtToken.get(t) ?? []) events.push({ requestId: 'bench', type: 'node', index: i, node: g.nodes[i]!, at });
  }
  const metrics: StreamMetrics = { keystrokes: [], inputDelays: [], frameGaps: [] };
  let running = true;
  let last = performance.now();
  const loop = () => {
    const now = performance.now();
    metrics.frameGaps.push(now - last);
    last = now;
    if (running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  await new Promise<void>((resolve) => {
    flushSync(() => root.render(<StreamHarness events={events} metrics={metrics} onDone={resolve} />));
  });
  running = false;
  const drawn = container.querySelectorAll('g.node').length;
  return {
    streamedNodes: nodeCount,
    drawnNodes: drawn,
    tokens,
    durationMs,
    keystrokes: metrics.keystrokes.length,
    keyToFrameP50Ms: metrics.keystrokes.length ? median(metrics.keystrokes) : null,
    keyToFrameP95Ms: metrics.keystrokes.length ? percentile(metrics.keystrokes, 0.95) : null,
    keyToFrameMaxMs: metrics.keystrokes.length ? Math.max(...metrics.keystrokes) : null,
    inputDelayMaxMs: metrics.inputDelays.length ? Math.max(...metrics.inputDelays) : null,
    longestFrameGapMs: Math.max(...metrics.frameGaps.slice(1)),
    framesOver50Ms: metrics.frameGaps.filter((g) => g > 50).length,
  };
}

declare global {
  interface Window {
    daggerBench?: { graph: typeof graph; stream: typeof stream; ready: boolean };
  }
}

void initI18n('bn').then(() => {
  window.daggerBench = { graph, stream, ready: true };
});
