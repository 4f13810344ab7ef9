// Child process of the lake bench: the part of a write that no code of this library can
// shorten, measured alone on one thread, so that the writer's ratio to DuckDB can be read
// against it:
// - `parseMs`: reading the NDJSON and `JSON.parse` of every line (V8's parser; the bench's
//   source does exactly this while the writer runs);
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

// Reads and parses every line, then JSON-encodes the nested values of its `unmapped`, timing
// the two apart; nothing is kept, as in the writer's run.
function parseAndStringify() {
  let parseMs = 0;
  let stringifyMs = 0;
  let rows = 0;
  let started = performance.now();
  const text = readFileSync(input, "utf8");
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    if (end > at) {
      const unmapped = JSON.parse(text.slice(at, end)).unmapped ?? {};
      rows++;
      const parsed = performance.now();
      parseMs += parsed - started;
      for (const key in unmapped) {
        const value = unmapped[key];
        if (typeof value === "object" && value !== null) JSON.stringify(value);
      }
      started = performance.now();
      stringifyMs += started - parsed;
    }
    at = end + 1;
  }
  parseMs += performance.now() - started;
  return { parseMs, stringifyMs, rows };
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

// The NDJSON text is freed before encoding, so each step has the machine alone.
const { parseMs, stringifyMs, rows: parsedRows } = parseAndStringify();
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
