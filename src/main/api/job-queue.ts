/**
 * Runs jobs one at a time, in order, each with its own AbortSignal, addressable by request id.
 *
 * The model has one context: two generations cannot share it, so solves queue. Cancelling a
 * request aborts only that request's signal (running) or drops it from the queue (waiting);
 * nothing else is touched, which is what "cancelling one never disturbs another" needs.
 * Downloads use the same registry of ids without the one-at-a-time rule (`concurrent: true`).
 */
import { DaggerApiError } from '../../shared/api.js';

interface Entry {
  controller: AbortController;
  /** Called when the job is dropped before it started. */
  dropped: () => void;
  started: boolean;
}

export class JobQueue {
  private readonly entries = new Map<string, Entry>();
  private tail: Promise<unknown> = Promise.resolve();
  /** Every job promise not yet settled (for `close`). */
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  /** Number of jobs waiting or running. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Queues `job` under `requestId`. `onQueued(position)` is told how many jobs are ahead.
   * `onDropped` produces the result for a job cancelled before it started.
   */
  run<T>(
    requestId: string,
    job: (signal: AbortSignal) => Promise<T>,
    options: { onQueued?: (position: number) => void; onDropped: () => T; concurrent?: boolean },
  ): Promise<T> {
    if (this.closed) return Promise.reject(new DaggerApiError('SHUTTING_DOWN', 'the app is closing'));
    if (this.entries.has(requestId)) {
      return Promise.reject(new DaggerApiError('DUPLICATE_REQUEST', `request "${requestId}" is already running`));
    }
    const controller = new AbortController();
    let resolveDropped!: (value: T) => void;
    let rejectDropped!: (error: unknown) => void;
    const droppedResult = new Promise<T>((resolve, reject) => {
      resolveDropped = resolve;
      rejectDropped = reject;
    });
    const dropped = () => {
      try {
        resolveDropped(options.onDropped());
      } catch (error) {
        rejectDropped(error);
      }
    };
    const entry: Entry = { controller, started: false, dropped };
    this.entries.set(requestId, entry);

    const start = async (): Promise<T> => {
      if (controller.signal.aborted) return droppedResult;
      entry.started = true;
      try {
        return await job(controller.signal);
      } finally {
        this.entries.delete(requestId);
      }
    };

    let result: Promise<T>;
    if (options.concurrent) {
      result = start();
    } else {
      options.onQueued?.(this.entries.size - 1);
      result = this.tail.then(start, start);
      // The chain continues after this job whatever its outcome; failures go to the caller only.
      this.tail = result.catch(() => undefined);
    }
    const settled = result.catch(() => undefined);
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return Promise.race([result, droppedResult]);
  }

  /** Cancels one request. Returns false when no such request is waiting or running. */
  cancel(requestId: string): boolean {
    const entry = this.entries.get(requestId);
    if (!entry) return false;
    entry.controller.abort(new DaggerApiError('CANCELLED', 'cancelled'));
    if (!entry.started) {
      this.entries.delete(requestId);
      entry.dropped();
    }
    return true;
  }

  /** Refuses new jobs, cancels every job, and waits for the running one to wind down. */
  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.entries.keys()]) this.cancel(id);
    await Promise.all([...this.pending]);
  }
}
