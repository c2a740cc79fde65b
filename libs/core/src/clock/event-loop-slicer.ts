import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Cooperative time slicing for long synchronous loops (a 50,000-row import): call the returned
 * function once per unit of work; after `budgetMs` of uninterrupted work it gives the event loop a
 * turn, so requests that arrive meanwhile wait at most about that long. Measured with the real
 * clock on purpose: it bounds CPU time, not business time.
 */
export function eventLoopSlicer(budgetMs = 10): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < budgetMs) return undefined;
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}
