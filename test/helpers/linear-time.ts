import { performance } from "node:perf_hooks";

function fastest(run: () => void, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Linear within a generous factor: 8x the input may take at most 32x the time (quadratic: 64x). */
export const MAX_LINEAR_RATIO = 32;

/**
 * How much longer `run(make(8n))` takes than `run(make(n))`, each the fastest of `runs`
 * (issue 12 §3). Linear work gives about 8; quadratic about 64. A floor of 0.05 ms on the
 * small size keeps timer noise from inflating the ratio of very fast runs. The machine may be
 * busy (CI, other jobs): a ratio over {@link MAX_LINEAR_RATIO} is measured again, up to
 * `attempts` times, and the smallest is returned; quadratic work exceeds it every time.
 */
export function growthRatio<T>(
  make: (n: number) => T,
  run: (input: T) => void,
  n: number,
  runs = 7,
  attempts = 3,
): number {
  const small = make(n);
  const large = make(8 * n);
  run(small); // warm up: compile before timing
  run(large);
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < attempts && best >= MAX_LINEAR_RATIO; attempt++) {
    const smallMs = fastest(() => run(small), runs);
    const largeMs = fastest(() => run(large), runs);
    best = Math.min(best, largeMs / Math.max(smallMs, 0.05));
  }
  return best;
}
