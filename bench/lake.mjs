// Lake: writing 200,000 OCSF 1.3.0 events to Parquet (Security Lake layout, zstd) with
// okta-device-ocsf/lake, against DuckDB writing the same NDJSON file to zstd Parquet, in the
// same run. The writer runs in a child process (bench/lake-writer-process.mjs) that streams
// the NDJSON in, so that its peak memory (max RSS) is its own.
//
// Two sets of the same 200,000 generated devices:
// - "one day": the events' `time` within one day, as in a daily incremental run: one
//   partition, so the writer writes few files, like DuckDB's single-file COPY;
// - "two years": `time` = the devices' `lastUpdated`, spread over two years, as in a first
//   full load: hundreds of event-day partitions, each its own files. Compared with DuckDB
//   writing the same layout (PARTITION_BY eventDay, ORDER BY time).
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { toOcsfDeviceInventory } from "okta-device-ocsf";
import { generateOktaDevices } from "okta-device-ocsf/testing";
import { record } from "./lib.mjs";

const COUNT = 200_000;
const DAY = Date.UTC(2025, 10, 1);
const dir = mkdtempSync(join(tmpdir(), "bench-lake-"));

async function writeEvents(path, oneDay) {
  const stream = createWriteStream(path);
  for (let start = 0; start < COUNT; start += 10_000) {
    const devices = generateOktaDevices(10_000, { seed: start + 1, expand: "user" });
    const lines = devices.map((device, i) => {
      const event = toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion: "1.3.0" });
      // Spread over the day, out of order.
      if (oneDay) event.time = DAY + (((start + i) * 7919) % 86_400) * 1000;
      return JSON.stringify(event);
    });
    if (!stream.write(`${lines.join("\n")}\n`)) {
      await new Promise((done) => stream.once("drain", done));
    }
  }
  await new Promise((done) => stream.end(done));
}

// Runs one of the bench's child processes (bench/<name>) and returns what it printed, parsed.
function child(name, args) {
  const script = new URL(`./${name}`, import.meta.url).pathname;
  const output = execFileSync(process.execPath, [script, ...args], {
    encoding: "utf8",
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(output);
}

function writer(input, out, workerThread, { keep = false } = {}) {
  const result = child("lake-writer-process.mjs", [input, out, "1.3.0", `${workerThread}`]);
  if (result.rows !== COUNT || result.rejected !== 0) {
    throw new Error(`wrote ${result.rows}, rejected ${result.rejected}`);
  }
  if (!keep) rmSync(out, { recursive: true, force: true });
  return result;
}

// The steps no code of the library can shorten, on one thread (bench/lake-floor-process.mjs),
// on the files the writer just wrote.
function floor(input, lakeDir) {
  const result = child("lake-floor-process.mjs", [input, lakeDir]);
  if (result.parsedRows !== COUNT || result.encodedRows !== COUNT) {
    throw new Error(`floor: parsed ${result.parsedRows}, encoded ${result.encodedRows}`);
  }
  rmSync(lakeDir, { recursive: true, force: true });
  return { ...result, ms: result.parseMs + result.stringifyMs + result.encodeMs };
}

// DuckDB's wall time and CPU time (all its threads: they are this process's).
async function duckdb(sql, out) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await connection.run(sql);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  connection.closeSync();
  instance.closeSync();
  rmSync(out, { recursive: true, force: true });
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

const quoted = (path) => `'${path.replaceAll("'", "''")}'`;
// The reference: one file, no partitioning, no sort.
const copy = (input, out) =>
  `COPY (SELECT * FROM read_json(${quoted(input)})) TO ${quoted(out)} (FORMAT parquet, COMPRESSION zstd)`;
// The same layout as the writer's: a folder per event day, rows sorted by time.
const partitioned = (input, out) =>
  `COPY (SELECT *, strftime(make_timestamp(time * 1000), '%Y%m%d') AS eventDay FROM read_json(${quoted(input)}) ORDER BY time) TO ${quoted(out)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (eventDay))`;

const ROUNDS = 2;
const MODES = [
  { workerThread: false, label: "default (encoding on the calling thread)" },
  { workerThread: true, label: "workerThread: true" },
];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
// Every run's time, so that the spread on a busy machine is in the results.
const spread = (values) => values.map((ms) => (ms / 1000).toFixed(1)).join("/");
for (const oneDay of [true, false]) {
  const input = join(dir, "events.ndjson");
  await writeEvents(input, oneDay);
  // Alternate the contestants, so that a change in the machine's load hits all alike.
  const ours = MODES.map(() => []);
  const copies = [];
  const layouts = [];
  const floors = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, mode] of MODES.entries()) {
      const keep = i === 0;
      ours[i].push(writer(input, join(dir, "lake"), mode.workerThread, { keep }));
      if (keep) floors.push(floor(input, join(dir, "lake")));
    }
    copies.push(await duckdb(copy(input, join(dir, "x.parquet")), join(dir, "x.parquet")));
    layouts.push(await duckdb(partitioned(input, join(dir, "duck")), join(dir, "duck")));
  }
  rmSync(input);
  const fastest = (runs) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const copyRun = fastest(copies);
  const layoutRun = fastest(layouts);
  const copyMs = copyRun.ms;
  const layoutMs = layoutRun.ms;
  const which = oneDay ? "of one day" : "over two years";
  const floorRun = fastest(floors);
  const reference = oneDay ? copyMs : layoutMs;
  record(
    `lake: floor on one thread, 200k events ${which} (JSON.parse + JSON.stringify of unmapped's nested values + parquet-wasm encoding) / DuckDB ${oneDay ? "COPY … TO parquet (zstd)" : "in the same layout"}`,
    floorRun.ms / reference,
    2,
    "ratio",
    `(not the writer: the steps of a write that no code of this library can shorten, each timed alone, in one process of their own, on the writer's input and output files; best of ${ROUNDS} (runs in s: ${spread(floors.map((run) => run.ms))}): JSON.parse of the NDJSON ${seconds(floorRun.parseMs)}, JSON.stringify of unmapped's nested values ${seconds(floorRun.stringifyMs)}, parquet-wasm writeParquet of the same rows (zstd, the writer's settings) ${seconds(floorRun.encodeMs)} for ${floorRun.files} files; DuckDB ${seconds(reference)})`,
  );
  for (const [i, mode] of MODES.entries()) {
    const runs = ours[i];
    const best = fastest(runs);
    const peakMiB = Math.max(...runs.map((run) => run.maxRssMiB));
    const how = `${mode.label}; best of ${ROUNDS} each (runs in s: writer ${spread(runs.map((run) => run.ms))}, COPY ${spread(copies.map((run) => run.ms))}, same layout ${spread(layouts.map((run) => run.ms))}): writer ${seconds(best.ms)} for ${best.files} files, of which ${seconds(best.sourceMs)} splitting and parsing the NDJSON (the source, on the same thread), CPU time ${seconds(best.cpuMs)}; DuckDB COPY to one file ${seconds(copyMs)} (CPU time ${seconds(copyRun.cpuMs)}); DuckDB in the same layout (PARTITION_BY eventDay, ORDER BY time) ${seconds(layoutMs)} (CPU time ${seconds(layoutRun.cpuMs)})`;
    const suffix = mode.workerThread ? ", workerThread: true" : "";
    if (oneDay) {
      record(
        `lake: 200k events of one day to Parquet / DuckDB COPY … TO parquet (zstd)${suffix}`,
        best.ms / copyMs,
        2,
        "ratio",
        `(${how}, ratio to it ${(best.ms / layoutMs).toFixed(2)})`,
      );
    } else {
      record(
        `lake: 200k events over two years (one partition a day) / DuckDB in the same layout${suffix}`,
        best.ms / layoutMs,
        2,
        "ratio",
        `(${how}; ratio to the single-file COPY ${(best.ms / copyMs).toFixed(2)})`,
      );
    }
    record(
      `lake: writer peak memory (max RSS of its process), 200k events ${which}${suffix}`,
      peakMiB * 1.048576,
      256,
      "MB",
      `(${mode.label}; largest of ${ROUNDS} runs: ${runs.map((run) => run.maxRssMiB.toFixed(0)).join("/")} MiB; NDJSON streamed in and parsed in the same process; default rotation: 8 MiB a file, 48 MiB buffered across ${oneDay ? "one open file" : "hundreds of open files, one per event day"})`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
