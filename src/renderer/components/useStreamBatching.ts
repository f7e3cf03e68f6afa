/**
 * Keeping the window responsive while the model streams (used by the solve screen and measured
 * by bench/ui.bench.ts):
 *   - events (one per token, hundreds a second) are queued and handed over once per animation
 *     frame, so React renders at most once a frame;
 *   - the streamed graph is re-laid out at most every `ms` milliseconds: a dagre layout of a big
 *     graph costs tens of milliseconds, and doing it every frame would make typing stutter.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function useFrameBatched<E>(apply: (events: E[]) => void): (event: E) => void {
  const pending = useRef<E[]>([]);
  const frame = useRef<number | null>(null);
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  });
  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);
  return useCallback((event: E) => {
    pending.current.push(event);
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const batch = pending.current;
      pending.current = [];
      applyRef.current(batch);
    });
  }, []);
}

/** `value`, updated at most once every `ms` while it keeps changing (always ends on the latest). */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    if (wait <= 0) {
      last.current = performance.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
