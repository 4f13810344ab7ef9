// Lake: writing 200,000 OCSF 1.3.0 events to Parquet (Security Lake layout, zstd) with
// okta-device-ocsf/lake, against DuckDB's own COPY … TO parquet of the same NDJSON, in the
// same run. Both read the same NDJSON file and write zstd Parquet. The writer runs in a
// child process (bench/lake-writer-process.mjs) so that its peak memory (max RSS) is its own.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { toOcsfDeviceInventory } from "okta-device-ocsf";
import { generateOktaDevices } from "okta-device-ocsf/testing";
import { record } from "./lib.mjs";

const COUNT = 200_000;
const dir = mkdtempSync(join(tmpdir(), "bench-lake-"));
const input = join(dir, "events.ndjson");

// The events, as a pipeline would hand them over: NDJSON of "ocsf" profile events, 1.3.0.
const stream = createWriteStream(input);
for (let start = 0; start < COUNT; start += 10_000) {
  const devices = generateOktaDevices(10_000, { seed: start + 1, expand: "user" });
  const lines = devices.map((device) =>
    JSON.stringify(toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion: "1.3.0" })),
  );
  if (!stream.write(`${lines.join("\n")}\n`))
    await new Promise((done) => stream.once("drain", done));
}
await new Promise((done) => stream.end(done));

function writer(out) {
  const output = execFileSync(
    process.execPath,
    [new URL("./lake-writer-process.mjs", import.meta.url).pathname, input, out, "1.3.0"],
    { encoding: "utf8", maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(output);
}

async function duckdb(sql) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(sql);
  const ms = performance.now() - started;
  connection.closeSync();
  instance.closeSync();
  return ms;
}

const quoted = (path) => `'${path.replaceAll("'", "''")}'`;
// The reference: one file, no partitioning, no sort.
const copySql = (out) =>
  `COPY (SELECT * FROM read_json(${quoted(input)})) TO ${quoted(out)} (FORMAT parquet, COMPRESSION zstd)`;
// Like for like: the same layout (a folder per event day), rows sorted by time.
const partitionedSql = (out) =>
  `COPY (SELECT *, strftime(make_timestamp(time * 1000), '%Y%m%d') AS eventDay FROM read_json(${quoted(input)}) ORDER BY time) TO ${quoted(out)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (eventDay))`;

// Alternate the contestants so that a change in the machine's load hits both alike.
const runs = [];
for (let round = 0; round < 2; round++) {
  const ours = writer(join(dir, `lake-${round}`));
  const copyMs = await duckdb(copySql(join(dir, `duck-${round}.parquet`)));
  const partitionedMs = await duckdb(partitionedSql(join(dir, `duck-partitioned-${round}`)));
  if (ours.rows !== COUNT || ours.rejected !== 0)
    throw new Error(`wrote ${ours.rows}, rejected ${ours.rejected}`);
  runs.push({ ours, copyMs, partitionedMs });
  rmSync(join(dir, `lake-${round}`), { recursive: true, force: true });
}
rmSync(dir, { recursive: true, force: true });

const best = (values) => Math.min(...values);
const oursMs = best(runs.map((run) => run.ours.ms));
const copyMs = best(runs.map((run) => run.copyMs));
const partitionedMs = best(runs.map((run) => run.partitionedMs));
const files = runs[0].ours.files;
record(
  "lake: 200k events to Parquet / DuckDB COPY to parquet (zstd)",
  oursMs / copyMs,
  2,
  "ratio",
  `(best of 2 each: writer ${(oursMs / 1000).toFixed(1)} s for ${files} files (one per event day), DuckDB ${(copyMs / 1000).toFixed(1)} s for one file; DuckDB writing the same layout (PARTITION_BY eventDay, ORDER BY time) ${(partitionedMs / 1000).toFixed(1)} s, ratio ${(oursMs / partitionedMs).toFixed(2)})`,
);
record(
  "lake: writer peak memory (max RSS of its process), 200k events",
  Math.max(...runs.map((run) => run.ours.maxRssMiB)) * 1.048576,
  256,
  "MB",
  "(NDJSON streamed in, default rotation: 32 MiB a file, 96 MiB buffered)",
);
