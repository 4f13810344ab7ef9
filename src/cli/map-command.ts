import { mapOktaDevices } from "../mapping/map-devices.js";
import { parseCommand, UsageError } from "./args.js";
import { EVENT_OUTPUT_HELP, EVENT_OUTPUT_OPTIONS, readEventOutput } from "./event-output.js";
import { EXIT_CODE_HELP, EXIT_DATA_ERROR, EXIT_RECORDS_FAILED } from "./exit-codes.js";
import { InputError } from "./failures.js";
import { type InputEncoding, utf8Chunks } from "./input-encoding.js";
import { type InputRecord, readRecordBatches } from "./input-records.js";
import { inputBytes } from "./input-stream.js";
import { exitCodeOfSignal, onInterrupt } from "./interrupt.js";
import { OCSF_VERSION_HELP, OCSF_VERSION_OPTION } from "./ocsf-version.js";
import { progressLine, rateText } from "./progress.js";

/**
 * Largest input record `map` reads (4 MiB): a device is a few kilobytes, one with hundreds of
 * users embedded some hundreds. The bound is on memory too: JSON.parse can take 60 times a
 * text's size (4 MB of nested arrays take 250 MB once parsed), and 64 MiB let one record
 * take 3.4 GB.
 */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

export const MAP_HELP = `Usage: okta-device-ocsf map [FILE|-] [--profile sekoia|ocsf] [--ocsf-version V]
       okta-device-ocsf map [FILE|-] --format parquet --out-dir DIR --lake-region REGION

Maps Okta devices to OCSF Device Inventory Info events, one JSON event per line on stdout
(or Parquet files for Amazon Security Lake under DIR, with --format parquet).
Input (FILE, or stdin when FILE is - or absent): a JSON array (an Okta list response), a
single device object, pretty-printed objects one after another (as jq '.[]' writes), or
NDJSON (one device per line); UTF-8, or UTF-16 with a byte-order mark. The input is streamed: memory does not grow with its size, and writing waits for a
slow reader. Records are numbered from 1. Every record that cannot be mapped is reported on
stderr with its number, id and reason; the others are still written. A record larger than
4 MiB is reported, not read.

Options:
  --profile sekoia|ocsf   output profile (default sekoia; ocsf is strict OCSF)
${OCSF_VERSION_HELP}
${EVENT_OUTPUT_HELP}
  -h, --help              this help

${EXIT_CODE_HELP}`;

// In its own module now (the output options read it too); re-exported for the commands that
// import it from here.
export { readProfile } from "./profile.js";

function where(record: InputRecord): string {
  return record.line === undefined
    ? `record ${record.number}`
    : `record ${record.number} (line ${record.line})`;
}

/** `okta-device-ocsf map`. */
export async function runMap(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    "map",
    args,
    {
      profile: { type: "string" },
      ...OCSF_VERSION_OPTION,
      ...EVENT_OUTPUT_OPTIONS,
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help === true) {
    process.stdout.write(`${MAP_HELP}\n`);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError("map takes at most one FILE. See: okta-device-ocsf map --help");
  const output = readEventOutput(values);
  const { profile, ocsfVersion } = output;
  const file = positionals[0];
  // Events on stdout: no progress line when it is the same terminal as stderr.
  const progress = progressLine({ toStdout: output.format === "ndjson" });
  if ((file === undefined || file === "-") && process.stdin.isTTY === true) {
    process.stderr.write("map: reading standard input… (end it with Ctrl-D, or pass a FILE)\n");
  }
  const started = Date.now();
  const sink = await output.open();
  let written = 0;
  let failed = 0;
  const report = (record: InputRecord, what: string) => {
    failed++;
    progress.end();
    process.stderr.write(`${where(record)}${what}\n`);
  };
  let closed = { summary: "", rejected: 0 };
  const summary = () =>
    `map: ${written} event(s) written, ${failed} record(s) failed (profile ${profile})${closed.summary === "" ? "" : `; ${closed.summary}`}\n`;
  // Ctrl-C or SIGTERM: the batch being mapped is written whole, then the command stops.
  const stop = new AbortController();
  const interrupt = onInterrupt(() => stop.abort(new Error("interrupted")));
  const encoding: InputEncoding = { name: "UTF-8", markBytes: 0 };
  const batches = readRecordBatches(utf8Chunks(inputBytes(file, stop.signal), encoding), {
    maxRecordBytes: MAX_RECORD_BYTES,
    encoding,
  });
  let failure: unknown;
  try {
    for await (const records of batches) {
      // The signal ends the input (see inputBytes): what it leaves, a half line, is not a record.
      if (interrupt.signal !== undefined) break;
      await mapBatch(records);
      if (interrupt.signal !== undefined) break;
    }
  } catch (error) {
    failure = error;
  }
  interrupt.dispose();
  // An interrupt comes first: input it cut short (an array left open) is not the input's fault.
  if (interrupt.signal !== undefined) {
    // Every write is whole lines: flushing them leaves no half event in the output.
    await sink.close();
    progress.end();
    process.stderr.write(
      `map: interrupted (${interrupt.signal}) after ${written + failed} records, ${written} event(s) written, ${failed} record(s) failed; ` +
        "the output is partial: rerun to map everything\n",
    );
    return exitCodeOfSignal(interrupt.signal);
  }
  if (failure !== undefined) {
    if (!(failure instanceof InputError)) throw failure;
    // What was read before the input broke is written; then the input's fault is said.
    closed = await sink.close();
    progress.end();
    process.stderr.write(`map: ${failure.message}\n${summary()}`);
    return EXIT_DATA_ERROR;
  }
  closed = await sink.close();
  failed += closed.rejected;
  progress.show(() => rateText(written + failed, "records", started), true);
  progress.end();
  process.stderr.write(summary());
  return failed > 0 ? EXIT_RECORDS_FAILED : 0;

  async function mapBatch(records: InputRecord[]): Promise<void> {
    const values = records.map((record) => (record.ok ? record.value : undefined));
    for (const result of mapOktaDevices(values, { profile, ocsfVersion })) {
      const record = records[result.index] as InputRecord;
      if (!record.ok) {
        report(record, `: ${record.reason}`);
      } else if (result.ok) {
        // A record whose event cannot be serialised (too deep for the stack) fails alone.
        const reason = sink.add(result.event);
        if (reason === undefined) written++;
        else report(record, ` (id ${result.deviceId}): ${reason}`);
      } else {
        const id = result.deviceId === undefined ? "no id" : `id ${result.deviceId}`;
        report(record, ` (${id}): ${result.error.message}`);
      }
    }
    // One write per input chunk: many small writes cost more than the mapping.
    await sink.flush();
    progress.show(() => rateText(written + failed, "records", started));
  }
}
