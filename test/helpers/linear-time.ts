import { expect } from "vitest";

// CPU time of this process, in ms: unlike wall time it does not count the time other
// processes of a busy machine hold the CPU (vitest runs each test file in a process of its own).
// Wall time did: on 2 cores with 3 other busy processes a 7 ms run was nearly always
// preempted and a 1 ms run seldom, so linear work measured 26 to 73 instead of 8 and the
// linear-time tests failed CI; its CPU time measured 6 to 12 on the same machine.
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

// The least CPU time of `runs` runs: the closest to the true cost.
function fastest(run: () => void, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = cpuMs();
    run();
    best = Math.min(best, cpuMs() - start);
  }
  return best;
}

/** Linear within a generous factor: 8x the input may take at most 32x the time (quadratic: 64x). */
export const MAX_LINEAR_RATIO = 32;

/**
 * How much more CPU time `run(make(8n))` takes than `run(make(n))`, each the fastest of `runs`
 * (issue 12 §3). Linear work gives about 8; quadratic about 64. CPU time, not wall time, so
 * that other processes of a busy machine (CI, other jobs) do not stretch the longer runs. A
 * floor of 0.05 ms on the small size keeps timer noise from inflating the ratio of very fast
 * runs. A ratio over {@link MAX_LINEAR_RATIO} is measured again, up to `attempts` times, and
 * the smallest is returned (a garbage collection may land in a run); quadratic work exceeds it
 * every time.
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

// The fastest of several batches is the closest to the true cost.
function fastestCpu(run: () => void, reps: number, batches: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < batches; batch++) {
    const started = cpuMs();
    for (let rep = 0; rep < reps; rep++) run();
    best = Math.min(best, cpuMs() - started);
  }
  return best;
}

/**
 * Fails when `run(input(n))` grows faster than linearly: the time at 8n must stay under 32
 * times the time at n (linear gives 8, quadratic 64). Inputs are built before timing. The
 * small size is repeated until a batch takes 5 ms of CPU, the large one as many times, and
 * sizes stay under 128 KiB (8n is 80,000 by default): larger strings are allocated in V8's
 * large-object space, whose cost would distort the ratio. A ratio of two sizes measured in
 * the same process cancels the machine's speed.
 */
export function expectLinearTime<T>(
  label: string,
  input: (n: number) => T,
  run: (value: T) => unknown,
  n = 10_000,
): void {
  const small = input(n);
  const large = input(n * 8);
  run(small);
  run(large);
  let reps = 1;
  while (fastestCpu(() => run(small), reps, 1) < 5 && reps < 1 << 20) reps *= 2;
  const smallMs = fastestCpu(() => run(small), reps, 2);
  const largeMs = fastestCpu(() => run(large), reps, 2);
  expect(
    largeMs / smallMs,
    `${label}: ${smallMs.toFixed(1)} ms of CPU at n=${n}, ${largeMs.toFixed(1)} ms at 8n (${reps} runs each)`,
  ).toBeLessThan(32);
}
