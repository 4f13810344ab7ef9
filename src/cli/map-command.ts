import { createReadStream } from "node:fs";
import { mapOktaDevices } from "../mapping/map-devices.js";
import type { OcsfProfile } from "../mapping/to-ocsf.js";
import { parseCommand, readAll, UsageError } from "./args.js";
import {
  LAKE_OCSF_VERSION,
  OUTPUT_HELP,
  OUTPUT_OPTIONS,
  openEventOutput,
  readOutputChoice,
} from "./event-output.js";
import { EXIT_RECORDS_FAILED } from "./exit-codes.js";

export const MAP_HELP = `Usage: okta-device-ocsf map [FILE|-] [--profile sekoia|ocsf] [--format parquet --out-dir DIR --lake-region REGION]

Maps Okta devices to OCSF Device Inventory Info events, one JSON event per line on stdout.
Input (FILE, or stdin when FILE is - or absent): a JSON array (an Okta list response), a
single device object, or NDJSON (one device per line).
Every record that cannot be mapped is reported on stderr with its index, id and reason;
the others are still written. Exit code 1 if any record failed, 64 for a usage error.

Options:
  --profile sekoia|ocsf   output profile (default sekoia; ocsf is strict OCSF 1.6.0)
${OUTPUT_HELP}
  -h, --help              this help`;

/** Reads the profile option, refusing unknown ones. */
export function readProfile(value: string | undefined): OcsfProfile {
  if (value === undefined || value === "sekoia" || value === "ocsf") return value ?? "sekoia";
  // The value is not echoed: it may be a secret typed after the wrong option.
  throw new UsageError("--profile must be sekoia or ocsf");
}

/** An input line that is not JSON: it is reported like a record that does not map. */
class UnparsedLine {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {}
}

function parseInput(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new UsageError(
        `the input starts like a JSON array but does not parse: ${(error as Error).message}`,
      );
    }
    if (!Array.isArray(parsed)) throw new UsageError("the input is not a JSON array");
    return parsed;
  }
  if (trimmed.startsWith("{")) {
    try {
      return [JSON.parse(trimmed)];
    } catch {
      // Not one object: NDJSON, one record per line.
    }
    const records: unknown[] = [];
    text.split("\n").forEach((line, index) => {
      if (line.trim() === "") return;
      try {
        records.push(JSON.parse(line));
      } catch (error) {
        records.push(new UnparsedLine(index + 1, (error as Error).message));
      }
    });
    return records;
  }
  throw new UsageError("the input is neither a JSON array, a JSON object, nor NDJSON");
}

/** `okta-device-ocsf map`. */
export async function runMap(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    "map",
    args,
    { profile: { type: "string" }, ...OUTPUT_OPTIONS, help: { type: "boolean", short: "h" } },
    true,
  );
  if (values.help === true) {
    process.stdout.write(`${MAP_HELP}\n`);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError("map takes at most one FILE. See: okta-device-ocsf map --help");
  const output = readOutputChoice(values);
  const profile = output.format === "parquet" ? "ocsf" : readProfile(values.profile);
  const mapOptions =
    output.format === "parquet" ? { profile, ocsfVersion: LAKE_OCSF_VERSION } : { profile };
  const file = positionals[0];
  const input = file === undefined || file === "-" ? process.stdin : createReadStream(file);
  let text: string;
  try {
    text = await readAll(input);
  } catch (error) {
    // Neither the name nor Node's message (which quotes it) is echoed: a stray argument may be
    // a secret typed without its option. The error code says what went wrong.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    throw new UsageError(
      `cannot read ${file === undefined || file === "-" ? "stdin" : "the FILE argument"} (${code})`,
    );
  }
  const records = parseInput(text);
  const sink = await openEventOutput(output);
  let written = 0;
  let failed = 0;
  for (const result of mapOktaDevices(records, mapOptions)) {
    const record = records[result.index];
    if (record instanceof UnparsedLine) {
      failed++;
      process.stderr.write(
        `record ${result.index} (line ${record.line}): not valid JSON: ${record.reason}\n`,
      );
    } else if (result.ok) {
      const reason = await sink.write(result.event);
      if (reason === undefined) {
        written++;
      } else {
        failed++;
        process.stderr.write(`record ${result.index} (id ${result.deviceId}): ${reason}\n`);
      }
    } else {
      failed++;
      const id = result.deviceId === undefined ? "no id" : `id ${result.deviceId}`;
      process.stderr.write(`record ${result.index} (${id}): ${result.error.message}\n`);
    }
  }
  const closed = await sink.close();
  failed += closed.rejected;
  process.stderr.write(
    `map: ${written} event(s) written, ${failed} record(s) failed (profile ${profile})${closed.summary === "" ? "" : `; ${closed.summary}`}\n`,
  );
  return failed > 0 ? EXIT_RECORDS_FAILED : 0;
}
