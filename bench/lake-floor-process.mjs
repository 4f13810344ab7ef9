// Child process of the lake bench: the part of a write that no code of this library can
// shorten, measured alone on one thread, so that the writer's ratio to DuckDB can be read
// against it:
// - `parseMs`: `JSON.parse` of every line of the NDJSON (V8's parser; the bench's source
//   does the same while the writer runs, after splitting the lines; reading and splitting
//   are not timed here);
// - `stringifyMs`: `JSON.stringify` of each nested value in `unmapped` (#17: `unmapped` is a
//   map of strings to strings, nested values JSON-encoded), on the parsed events;
// - `encodeMs`: parquet-wasm encoding the same rows again: each file the writer wrote is read
//   back into parquet-wasm's own table (not timed) and encoded with the writer's settings
//   (src/lake/parquet-bytes.ts: zstd, V1 pages, no dictionary, 1 MiB pages), timing only
//   `writeParquet`: Parquet's encodings and zstd, in WebAssembly.
// Arguments: the NDJSON file and the lake directory the writer wrote.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as parquet from "parquet-wasm";

const [input, lakeDir] = process.argv.slice(2);

// The file's lines, read and split untimed: the floor is the parsing, not the reading.
function lines() {
  const text = readFileSync(input, "utf8");
  const result = [];
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    if (end > at) result.push(text.slice(at, end));
    at = end + 1;
  }
  return result;
}

// `JSON.parse` of every line, timed alone.
function parse(all) {
  const started = performance.now();
  for (const line of all) JSON.parse(line);
  return performance.now() - started;
}

// JSON-encoding the nested values of each event's `unmapped`, timed alone: the events are
// parsed again (untimed) one at a time, as the writer sees them, and nothing is kept.
function stringify(all) {
  let ms = 0;
  for (const line of all) {
    const unmapped = JSON.parse(line).unmapped ?? {};
    const started = performance.now();
    for (const key in unmapped) {
      const value = unmapped[key];
      if (typeof value === "object" && value !== null) JSON.stringify(value);
    }
    ms += performance.now() - started;
  }
  return ms;
}

function encode() {
  const files = readdirSync(lakeDir, { recursive: true }).filter((name) =>
    `${name}`.endsWith(".parquet"),
  );
  let ms = 0;
  let rows = 0;
  for (const name of files) {
    const table = parquet.readParquet(readFileSync(join(lakeDir, `${name}`)));
    rows += countRows(table);
    const properties = new parquet.WriterPropertiesBuilder()
      .setWriterVersion(parquet.WriterVersion.V1)
      .setDictionaryEnabled(false)
      .setCompression(parquet.Compression.ZSTD)
      .setDataPageSizeLimit(1024 * 1024)
      .setDictionaryPageSizeLimit(1024 * 1024)
      .setMaxRowGroupBytes(128 * 1024 * 1024)
      .build();
    const started = performance.now();
    parquet.writeParquet(table, properties);
    ms += performance.now() - started;
  }
  return { ms, rows, files: files.length };
}

function countRows(table) {
  let rows = 0;
  for (let i = 0; i < table.numBatches; i++) {
    const batch = table.recordBatch(i);
    rows += batch.numRows;
    batch.free();
  }
  return rows;
}

let all = lines();
const parsedRows = all.length;
const parseMs = parse(all);
const stringifyMs = stringify(all);
// The lines are freed before encoding, so that each step has the machine alone.
all = undefined;
const encoded = encode();
process.stdout.write(
  JSON.stringify({
    parseMs,
    stringifyMs,
    parsedRows,
    encodeMs: encoded.ms,
    encodedRows: encoded.rows,
    files: encoded.files,
  }),
);
