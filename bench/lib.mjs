// Shared by the bench sections (bench/<section>.mjs): recording result rows, timing with
// forced GC, medians, and a fake Okta org in a child process. A section is a plain module
// run by bench/run.mjs in a process of its own; it reports through `record`.
import { fork } from "node:child_process";
import { PerformanceObserver } from "node:perf_hooks";

if (typeof globalThis.gc !== "function") {
  console.error("run with node --expose-gc (npm run bench does)");
  process.exit(2);
}
/** Forces a full collection (node --expose-gc). */
export const gc = globalThis.gc;

/**
 * Reports one measure: prints it, and a `ROW {json}` line that bench/run.mjs collects into
 * bench/results.md. `shape` (optional) names the record shape it was measured on (see
 * bench/shapes.mjs), so the results can be tabulated per shape.
 */
export function record(name, value, target, unit, detail, shape) {
  const pass = value <= target;
  const row = { name, value, target, unit, pass, detail };
  if (shape !== undefined) row.shape = shape;
  process.stdout.write(`ROW ${JSON.stringify(row)}\n`);
  const shown = unit === "MB" ? value.toFixed(1) : value.toFixed(3);
  const suffix = unit === "MB" ? " MB" : "";
  console.log(
    `${pass ? "PASS" : "FAIL"}  ${name}${shape === undefined ? "" : ` [${shape}]`}: ${shown}${suffix} (target <= ${target}${suffix}) ${detail}`,
  );
  return row;
}

/**
 * Reports the size of a record shape a section measured on (a `SHAPE {json}` line), so that
 * bench/results.md can describe each shape.
 */
export function describeShape(shape, count, bytes) {
  const line = { name: shape.name, label: shape.label, count, bytesPerRecord: bytes / count };
  process.stdout.write(`SHAPE ${JSON.stringify(line)}\n`);
}

/** Median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `min–max` of a list of ratios, for the "how" column: the spread is part of the result. */
export function range(values, digits = 2) {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

/** Milliseconds a synchronous function takes, after a forced collection. */
export function timed(fn) {
  gc();
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/**
 * A synchronous function's wall time and this process's CPU time (user + system, all
 * threads), after a forced collection. On a shared machine the CPU time is the steadier
 * measure: time the process spends waiting for a core is not counted.
 */
export function timedCpu(fn) {
  gc();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  fn();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// Garbage-collection pauses, summed: a listing's GC time shows retention problems (a page
// kept alive too long gets promoted and paid for again) that its wall time only hints at.
let gcPauseMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauseMs += entry.duration;
}).observe({ entryTypes: ["gc"] });

/**
 * A timed async run: wall time, the GC pauses within it, and this process's CPU time
 * (user + system, all threads), which a loaded machine disturbs less than wall time. GC entries are delivered a turn of the
 * event loop late: the forced collection's entry is let through before counting starts,
 * and the run's own entries before it ends.
 */
export async function timedWithGc(fn) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const gcBefore = gcPauseMs;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { ms, gcMs: gcPauseMs - gcBefore, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Starts `startFakeOktaOrg(options)` in a child process (bench/fake-org-process.mjs), so
 * that the server's CPU time is not counted against the client being measured.
 */
export function startOrg(options) {
  const child = fork(
    new URL("./fake-org-process.mjs", import.meta.url),
    [JSON.stringify(options)],
    {
      execArgv: ["--max-old-space-size=4096"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", (message) => {
      const ask = (what) =>
        new Promise((done) => {
          child.once("message", (answer) => done(answer));
          child.send(what);
        });
      resolve({
        baseUrl: message.baseUrl,
        token: message.token,
        stats: () => ask("stats"),
        close: () => {
          child.send("close");
          return new Promise((done) => child.once("exit", done));
        },
      });
    });
  });
}
