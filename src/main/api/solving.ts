/**
 * `solve` and `cancel`: queues each request (one model context → one generation at a time),
 * loads the selected model lazily, streams token and node events tagged with the request id,
 * and stores the finished solution so attempts and teacher reviews can refer to it.
 */
import path from 'node:path';
import { analyse } from '../../core/index.js';
import type { GenerationStats, SolveEvent, SolveResult } from '../../shared/api.js';
import type { ParsedRequest } from '../../shared/schemas.js';
import type { InferenceService } from '../services/inference/inference-service.js';
import type { SolveResult as InferenceResult } from '../services/inference/types.js';
import type { PracticeStore } from '../services/store/index.js';
import type { JobQueue } from './job-queue.js';
import { toApiError, type ModelManager } from './models.js';
import { ensureStoredProblem } from './practice.js';
import type { ProblemCatalogue } from './problems.js';

export interface SolvingDeps {
  queue: JobQueue;
  inference: InferenceService;
  models: ModelManager;
  store: PracticeStore;
  catalogue: ProblemCatalogue;
}

const emptyStats: GenerationStats = {
  promptTokens: 0, generatedTokens: 0, timeToFirstTokenMs: null, timeToFirstNodeMs: null, tokensPerSecond: null, totalMs: 0,
};

export function solve(
  deps: SolvingDeps,
  request: ParsedRequest<'solve'>,
  emit: (event: SolveEvent) => void,
): Promise<SolveResult> {
  const { requestId, question } = request;
  const cancelledBeforeStart = (): SolveResult => ({
    requestId, ok: false, cancelled: true, answer: null, analysis: analyse('', question), rawOutput: '',
    stats: emptyStats, backend: deps.inference.status.backend ?? 'none', model: '', solutionId: null,
  });

  const run = async (signal: AbortSignal): Promise<SolveResult> => {
    if (!deps.inference.status.modelPath || deps.inference.status.state !== 'ready') {
      emit({ requestId, type: 'progress', phase: 'loading-model' });
    }
    await deps.models.ensureLoaded();
    if (signal.aborted) return cancelledBeforeStart();
    emit({ requestId, type: 'progress', phase: 'reading-problem' });

    let generated = 0;
    let firstTokenAt: number | null = null;
    let writing = false;
    const result: InferenceResult = await deps.inference
      .solve(question, {
        signal,
        ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
        ...(request.grammar === undefined ? {} : { grammar: request.grammar }),
        onToken: (text) => {
          const now = performance.now();
          firstTokenAt ??= now;
          generated += 1;
          if (!writing) {
            writing = true;
            emit({ requestId, type: 'progress', phase: 'writing-graph' });
          }
          const seconds = (now - firstTokenAt) / 1000;
          emit({ requestId, type: 'token', text, generatedTokens: generated, tokensPerSecond: seconds > 0 ? (generated - 1) / seconds : null });
        },
        onNode: ({ index, node }) => emit({ requestId, type: 'node', index, node }),
      })
      .catch((error: unknown) => {
        throw toApiError(error);
      });

    const modelPath = deps.inference.status.modelPath ?? '';
    const analysis = result.analysis ?? analyse(result.rawOutput, question);
    const stats: GenerationStats = {
      promptTokens: result.stats.promptTokens,
      generatedTokens: result.stats.generatedTokens,
      timeToFirstTokenMs: result.stats.timeToFirstTokenMs,
      timeToFirstNodeMs: result.stats.timeToFirstNodeMs,
      tokensPerSecond: result.stats.tokensPerSecond,
      totalMs: result.stats.totalMs,
    };
    let solutionId: string | null = null;
    if (!result.cancelled) {
      // Stored so an attempt can point at it and a teacher can review it later.
      const problem = ensureStoredProblem(deps.store, deps.catalogue, request.itemId ?? null, question);
      solutionId = deps.store.recordSolution({
        problemId: problem.id,
        kind: 'model',
        rawOutput: result.rawOutput,
        graph: result.graph,
        diagnostics: analysis.diagnostics,
        answer: analysis.ok ? analysis.answer : null,
        model: { name: path.basename(modelPath, path.extname(modelPath)), file: path.basename(modelPath) },
        settings: { temperature: 0, maxTokens: request.maxTokens ?? null, grammar: request.grammar ?? true, backend: result.backend },
        stats,
      }).id;
    }
    return {
      requestId,
      ok: result.ok,
      cancelled: result.cancelled,
      answer: analysis.ok ? analysis.answer : null,
      analysis,
      rawOutput: result.rawOutput,
      stats,
      backend: result.backend,
      model: path.basename(modelPath),
      solutionId,
    };
  };

  return deps.queue
    .run(requestId, run, { onQueued: (position) => emit({ requestId, type: 'queued', position }), onDropped: cancelledBeforeStart })
    .then(
      (result) => {
        emit({ requestId, type: 'done', result });
        return result;
      },
      (error: unknown) => {
        const apiError = toApiError(error);
        emit({ requestId, type: 'error', error: apiError.toJSON() });
        throw apiError;
      },
    );
}
