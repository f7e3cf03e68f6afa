/**
 * `npm run bench:ui [-- --json]`: UI performance in real Chromium (found as the e2e tests find it: e2e/browser.ts).
 *
 * Builds the benchmark page (src/renderer/bench/bench.html: the app's own components and CSS)
 * with Vite, serves it on 127.0.0.1 and drives it with Playwright:
 *   1. graph: a 200-node graph laid out (dagre) and drawn (React + d3 SVG), median of 10 runs
 *      after a warm-up; `totalMs` runs until the next frame, so style, layout and paint count.
 *      Target: under 100 ms.
 *   2. stream: a simulated model stream (tokens and nodes at a fast GPU's pace) through the solve
 *      screen's batching into the solution view, while Playwright types into a text box and
 *      scrolls; reports how long keystrokes waited for their frame and the longest frame gap.
 * Prints one JSON line with --json, else a short summary.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { buildRenderer } from '../src/main/browser-host/build-renderer.js';
import { CHROMIUM_ARGS, findChromium } from '../e2e/browser.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, '.cache', 'ui-bench');
const json = process.argv.includes('--json');
const log = (line: string) => {
  if (!json) console.log(line);
};

const GRAPH_NODES = 200;
const GRAPH_RUNS = 11;
const STREAM = { nodes: 60, tokens: 1200, durationMs: 4000 };

/** The benchmark page, built with the renderer's own build settings. */
function buildPage(): Promise<void> {
  return buildRenderer(ROOT, OUT, { input: path.join(ROOT, 'src', 'renderer', 'bench', 'bench.html'), logLevel: 'error' });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench/bench.html`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  log('Building the benchmark page …');
  await buildPage();
  const site = await serve(OUT);
  const browser = await chromium.launch({
    executablePath: findChromium().executablePath,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(site.url);
    await page.waitForFunction(() => window.daggerBench?.ready === true);

    log(`Laying out and drawing a ${GRAPH_NODES}-node graph ${GRAPH_RUNS} times …`);
    const graph = await page.evaluate(([n, runs]) => window.daggerBench!.graph(n!, runs!), [GRAPH_NODES, GRAPH_RUNS]);

    log(`Streaming ${STREAM.nodes} nodes and ${STREAM.tokens} tokens over ${STREAM.durationMs / 1000} s while typing …`);
    const streaming = page.evaluate(([n, t, d]) => window.daggerBench!.stream(n!, t!, d!), [STREAM.nodes, STREAM.tokens, STREAM.durationMs]);
    await page.getByTestId('typing').waitFor();
    await page.getByTestId('typing').click();
    const typing = (async () => {
      const end = Date.now() + STREAM.durationMs - 300;
      while (Date.now() < end) {
        await page.keyboard.type('রিনার কাছে ৩০টি ললিপপ ', { delay: 30 });
        await page.mouse.wheel(0, 120);
      }
    })();
    const [stream] = await Promise.all([streaming, typing]);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
    const result = {
      graphNodes: graph.nodes,
      layoutMs: round(graph.layoutMs),
      renderMs: round(graph.renderMs),
      graphTotalMs: round(graph.totalMs),
      graphWorstMs: round(graph.worstTotalMs),
      streamNodes: stream.streamedNodes,
      streamTokens: stream.tokens,
      keystrokes: stream.keystrokes,
      keyToFrameP50Ms: round(stream.keyToFrameP50Ms),
      keyToFrameP95Ms: round(stream.keyToFrameP95Ms),
      keyToFrameMaxMs: round(stream.keyToFrameMaxMs),
      longestFrameGapMs: round(stream.longestFrameGapMs),
      framesOver50Ms: stream.framesOver50Ms,
      browser: browser.version(),
    };
    if (json) {
      console.log(JSON.stringify(result));
    } else {
      log(`graph (${result.graphNodes} nodes): layout ${result.layoutMs} ms + render ${result.renderMs} ms; until painted ${result.graphTotalMs} ms (median; worst ${result.graphWorstMs} ms; target < 100)`);
      log(`streaming: ${result.keystrokes} keystrokes, key → frame p50 ${result.keyToFrameP50Ms} ms, p95 ${result.keyToFrameP95Ms} ms, max ${result.keyToFrameMaxMs} ms; longest frame gap ${result.longestFrameGapMs} ms, ${result.framesOver50Ms} frames over 50 ms`);
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
