import { describe, expect, it } from 'vitest';
import { DaggerApiError } from '../../shared/api.js';
import { JobQueue } from './job-queue.js';

/** A job that runs until its signal aborts or `release()` is called, recording what happened. */
function controllable(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const job = async (signal: AbortSignal) => {
    log.push(`start ${name}`);
    await Promise.race([released, new Promise((resolve) => signal.addEventListener('abort', resolve))]);
    log.push(`${signal.aborted ? 'aborted' : 'end'} ${name}`);
    return signal.aborted ? `${name} cancelled` : `${name} done`;
  };
  return { job, release: () => release() };
}

describe('JobQueue', () => {
  it('runs jobs one at a time in order, reporting queue positions', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const a = controllable(log, 'a');
    const b = controllable(log, 'b');
    const positions: number[] = [];
    const ra = queue.run('a', a.job, { onDropped: () => 'dropped', onQueued: (p) => positions.push(p) });
    const rb = queue.run('b', b.job, { onDropped: () => 'dropped', onQueued: (p) => positions.push(p) });
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['start a']);
    a.release();
    await new Promise((r) => setTimeout(r, 10));
    b.release();
    expect(await Promise.all([ra, rb])).toEqual(['a done', 'b done']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(positions).toEqual([0, 1]);
  });

  it('cancelling a running job aborts only it; cancelling a queued one drops it unstarted', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const a = controllable(log, 'a');
    const b = controllable(log, 'b');
    const c = controllable(log, 'c');
    const ra = queue.run('a', a.job, { onDropped: () => 'a dropped' });
    const rb = queue.run('b', b.job, { onDropped: () => 'b dropped' });
    const rc = queue.run('c', c.job, { onDropped: () => 'c dropped' });
    await new Promise((r) => setTimeout(r, 10));
    expect(queue.cancel('b')).toBe(true); // queued
    expect(await rb).toBe('b dropped');
    expect(queue.cancel('a')).toBe(true); // running
    expect(await ra).toBe('a cancelled');
    await new Promise((r) => setTimeout(r, 10));
    c.release();
    expect(await rc).toBe('c done');
    expect(log).toEqual(['start a', 'aborted a', 'start c', 'end c']);
    expect(queue.cancel('a')).toBe(false);
    expect(queue.size).toBe(0);
  });

  it('refuses a request id already in use, and everything after close()', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const a = controllable(log, 'a');
    const ra = queue.run('same', a.job, { onDropped: () => 'x' });
    await expect(queue.run('same', async () => 'y', { onDropped: () => 'x' })).rejects.toMatchObject({ code: 'DUPLICATE_REQUEST' });
    await queue.close(); // cancels the running job and waits for it
    expect(await ra).toBe('a cancelled');
    const refused = await queue.run('later', async () => 'z', { onDropped: () => 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DaggerApiError);
    expect((refused as DaggerApiError).code).toBe('SHUTTING_DOWN');
  });

  it('a failing job rejects its caller only; the next job still runs', async () => {
    const queue = new JobQueue();
    const failing = queue.run('f', async () => { throw new Error('boom'); }, { onDropped: () => 'x' });
    const next = queue.run('n', async () => 'next', { onDropped: () => 'x' });
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });
});
