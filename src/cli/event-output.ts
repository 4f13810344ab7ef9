// Where `map`, `fetch` and `sync` put their events: NDJSON (stdout, or `--out FILE`), or
// Parquet files in Amazon Security Lake's layout (`--format parquet --out-dir DIR`). The
// commands only add events, flush and close; which output it is, and the profile and OCSF
// version it needs, are decided here. The lake entry (and its Parquet libraries) is loaded
// only for Parquet.
import type { LakeOptionsError as LakeOptionsErrorClass, OcsfLakeWriter } from "../lake/index.js";
import type { OcsfProfile } from "../mapping/to-ocsf.js";
import type { OcsfVersion } from "../ocsf/versions.js";
import { UsageError } from "./args.js";
import { LocalIoError } from "./failures.js";
import { type OCSF_VERSION_OPTION, readOcsfVersion } from "./ocsf-version.js";
import { openSink } from "./output.js";
import { readProfile } from "./profile.js";
import { serializeEvent } from "./serialize.js";

/** The output options every command that writes events takes (`--out` is each command's own). */
export const EVENT_OUTPUT_OPTIONS = {
  format: { type: "string" },
  "out-dir": { type: "string" },
  "lake-region": { type: "string" },
  "lake-account": { type: "string" },
  "lake-source": { type: "string" },
  "lake-deletion-source": { type: "string" },
} as const;

/** Help lines of {@link EVENT_OUTPUT_OPTIONS}. */
export const EVENT_OUTPUT_HELP = `  --format ndjson|parquet ndjson (default): one event per line; parquet: Parquet files in
                          Amazon Security Lake's layout (profile ocsf, OCSF 1.3.0 unless
                          --ocsf-version says otherwise)
  --out-dir DIR           parquet: write DIR/ext/<source>/region=…/accountId=…/eventDay=…/
  --lake-region REGION    parquet: the lake's AWS region, e.g. us-east-1 (required)
  --lake-account ID       parquet: 12-digit AWS account id, or external (default)
  --lake-source NAME      parquet: custom source of the inventory events (default
                          okta-device-inventory)
  --lake-deletion-source NAME  parquet, sync: custom source of the deletion events
                          (default okta-device-deletions)`;

/** The Parquet options' flag names, by the lake writer's option names (for its errors). */
const LAKE_FLAGS: Readonly<Record<string, string>> = {
  outDir: "out-dir",
  region: "lake-region",
  account: "lake-account",
  source: "lake-source",
  "sources.3004": "lake-deletion-source",
  sources: "lake-deletion-source",
  ocsfVersion: "ocsf-version",
};

/** Security Lake takes OCSF 1.3.0 or earlier: the Parquet default. */
export const LAKE_OCSF_VERSION: OcsfVersion = "1.3.0";

type OutputValues = { [K in keyof typeof EVENT_OUTPUT_OPTIONS]?: string | undefined } & {
  [K in keyof typeof OCSF_VERSION_OPTION]?: string | undefined;
} & { out?: string | undefined; profile?: string | undefined };

/** A command's events go here: add them, flush, close (or abort). */
export interface EventOutput {
  /**
   * Takes one event. Returns why it cannot be written (NDJSON: it cannot be serialised), so
   * that the command reports that record and goes on; `undefined` when taken.
   */
  add(event: object): string | undefined;
  /** Writes what was added since the last flush (backpressure: await it before adding more). */
  flush(): Promise<void> | undefined;
  /**
   * Flushes and completes everything (Parquet: every file renamed into place); only after it
   * resolves may a checkpoint or state move. `summary` is a clause for the command's summary
   * line ("" for NDJSON); `rejected` counts the events the Parquet writer refused (each
   * reported on stderr): they count as failed records.
   * @throws {@link LocalIoError} when a file cannot be written
   */
  close(): Promise<{ summary: string; rejected: number }>;
  /** Drops what is not written yet: no partial file remains. */
  abort(): Promise<void>;
}

/** What the options chose: the mapping's profile and version, and how to open the output. */
export interface EventOutputChoice {
  /** `ndjson` or `parquet`. */
  readonly format: "ndjson" | "parquet";
  /** The profile to map with (`ocsf` for Parquet). */
  readonly profile: OcsfProfile;
  /** The OCSF version to map with (`1.3.0` by default for Parquet). */
  readonly ocsfVersion: OcsfVersion | undefined;
  /** Opens the output (a bad Parquet option is a {@link UsageError} naming the flag). */
  open(): Promise<EventOutput>;
}

/**
 * Reads `--format`, `--out`, `--out-dir`, `--lake-*`, `--profile` and `--ocsf-version`; a
 * wrong combination is a {@link UsageError}. Parquet needs the strict profile (the sekoia
 * profile has no fixed Parquet schema) and defaults to OCSF 1.3.0, Security Lake's newest.
 */
export function readEventOutput(values: OutputValues): EventOutputChoice {
  const format = values.format ?? "ndjson";
  if (format === "ndjson") {
    const lakeFlag = (Object.keys(EVENT_OUTPUT_OPTIONS) as (keyof OutputValues)[]).find(
      (name) => name !== "format" && values[name] !== undefined,
    );
    if (lakeFlag !== undefined) throw new UsageError(`--${lakeFlag} needs --format parquet`);
    const profile = readProfile(values.profile);
    const ocsfVersion = readOcsfVersion(values["ocsf-version"], profile);
    return { format, profile, ocsfVersion, open: async () => ndjsonOutput(values.out) };
  }
  if (format !== "parquet") throw new UsageError("--format must be ndjson or parquet");
  if (values.out !== undefined) {
    throw new UsageError("--format parquet writes under --out-dir DIR, not to --out");
  }
  if (values.profile !== undefined && values.profile !== "ocsf") {
    throw new UsageError(
      "--format parquet writes the strict OCSF profile: use --profile ocsf or leave --profile out",
    );
  }
  const outDir = values["out-dir"];
  const region = values["lake-region"];
  if (outDir === undefined) throw new UsageError("--format parquet needs --out-dir DIR");
  if (region === undefined) throw new UsageError("--format parquet needs --lake-region REGION");
  const ocsfVersion = readOcsfVersion(values["ocsf-version"], "ocsf") ?? LAKE_OCSF_VERSION;
  const lake = {
    outDir,
    region,
    account: values["lake-account"],
    source: values["lake-source"],
    deletionSource: values["lake-deletion-source"],
    ocsfVersion,
  };
  return { format, profile: "ocsf", ocsfVersion, open: () => parquetOutput(lake) };
}

function ndjsonOutput(out: string | undefined): EventOutput {
  const sink = openSink(out);
  let lines = "";
  const flush = () => {
    if (lines === "") return undefined;
    const text = lines;
    lines = "";
    return sink.write(text);
  };
  return {
    add(event) {
      const serialized = serializeEvent(event);
      if (!serialized.ok) return serialized.reason;
      lines += serialized.line;
      return undefined;
    },
    flush,
    async close() {
      await flush();
      await sink.close();
      return { summary: "", rejected: 0 };
    },
    async abort() {
      lines = "";
      await sink.close().catch(() => undefined);
    },
  };
}

interface LakeChoice {
  outDir: string;
  region: string;
  account: string | undefined;
  source: string | undefined;
  deletionSource: string | undefined;
  ocsfVersion: OcsfVersion;
}

async function parquetOutput(choice: LakeChoice): Promise<EventOutput> {
  const lake = await import("../lake/index.js");
  if (choice.ocsfVersion !== LAKE_OCSF_VERSION) {
    process.stderr.write(
      `okta-device-ocsf: note: Parquet of OCSF ${choice.ocsfVersion}: Amazon Security Lake takes OCSF 1.3.0 or earlier; these files are for other readers\n`,
    );
  }
  let rejected = 0;
  let writer: OcsfLakeWriter;
  try {
    writer = new lake.OcsfLakeWriter({
      outDir: choice.outDir,
      region: choice.region,
      ocsfVersion: choice.ocsfVersion,
      ...(choice.account === undefined ? {} : { account: choice.account }),
      ...(choice.source === undefined ? {} : { source: choice.source }),
      ...(choice.deletionSource === undefined ? {} : { sources: { 3004: choice.deletionSource } }),
      onRejected: (error) => {
        rejected++;
        process.stderr.write(`not written to Parquet: ${error.message}\n`);
      },
    });
  } catch (error) {
    throw usageOf(error, lake.LakeOptionsError);
  }
  // Events added since the last flush: at most one input batch (map) or one event.
  let queue: object[] = [];
  const ioError = (error: unknown) =>
    error instanceof Error && "code" in error
      ? new LocalIoError("write Parquet files under", choice.outDir, error)
      : error;
  const flush = async () => {
    const events = queue;
    queue = [];
    try {
      for (const event of events) await writer.write(event);
    } catch (error) {
      throw ioError(error);
    }
  };
  return {
    add(event) {
      queue.push(event);
      return undefined;
    },
    flush: () => (queue.length === 0 ? undefined : flush()),
    async close() {
      await flush();
      let result: Awaited<ReturnType<OcsfLakeWriter["close"]>>;
      try {
        result = await writer.close();
      } catch (error) {
        throw ioError(error);
      }
      const sources = [...new Set(result.files.map((file) => file.source))].sort();
      const where = `${choice.outDir}/ext/${sources.length === 1 ? sources[0] : `{${sources.join(",")}}`}`;
      return {
        summary: `${result.rows} event(s) in ${result.files.length} Parquet file(s)${sources.length === 0 ? "" : ` under ${where}`}, ${rejected} not written to Parquet`,
        rejected,
      };
    },
    async abort() {
      queue = [];
      await writer.abort();
    },
  };
}

function usageOf(error: unknown, optionsError: typeof LakeOptionsErrorClass): unknown {
  if (!(error instanceof optionsError)) return error;
  const flag = LAKE_FLAGS[error.option] ?? error.option;
  // "lake option "region" must be … , got "x"" → "--lake-region must be …": the value is not
  // echoed (it may be a secret typed after the wrong option).
  const reason = error.message.replace(/^lake option "[^"]+" /, "").replace(/, got .*$/s, "");
  return new UsageError(`--${flag} ${reason}`);
}
