// Where `map` and `fetch` put their events: NDJSON (stdout or --out FILE), or Parquet files
// in Amazon Security Lake's layout (--format parquet --out-dir DIR). The lake entry (and its
// Parquet libraries) is loaded only for Parquet.
import type { OcsfLakeResult } from "../lake/index.js";
import type { OcsfVersion } from "../ocsf/versions.js";
import { UsageError } from "./args.js";
import { openSink } from "./output.js";
import { serializeEvent } from "./serialize.js";

/** The options every command that writes events takes, beside its own. */
export const OUTPUT_OPTIONS = {
  format: { type: "string" },
  "out-dir": { type: "string" },
  "lake-source": { type: "string" },
  "lake-region": { type: "string" },
  "lake-account": { type: "string" },
} as const;

/** Help text of {@link OUTPUT_OPTIONS}. */
export const OUTPUT_HELP = `  --format ndjson|parquet  ndjson (default): one event per line; parquet: Parquet files
                          for Amazon Security Lake (implies --profile ocsf, OCSF 1.3.0)
  --out-dir DIR           parquet: write DIR/ext/<source>/region=…/accountId=…/eventDay=…/
  --lake-region REGION    parquet: the lake's AWS region, e.g. us-east-1 (required)
  --lake-source NAME      parquet: custom source name (default okta-device-inventory)
  --lake-account ID       parquet: 12-digit AWS account id, or external (default)`;

/** What the options chose. */
export type OutputChoice =
  | { format: "ndjson"; out: string | undefined }
  | { format: "parquet"; outDir: string; region: string; source?: string; account?: string };

type OutputValues = { [K in keyof typeof OUTPUT_OPTIONS]?: string | undefined } & {
  out?: string | undefined;
  profile?: string | undefined;
};

/** Reads and checks the output options; a wrong combination is a usage error. */
export function readOutputChoice(values: OutputValues): OutputChoice {
  const format = values.format ?? "ndjson";
  const lakeFlags = (["out-dir", "lake-source", "lake-region", "lake-account"] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (format === "ndjson") {
    if (lakeFlags.length > 0) {
      throw new UsageError(`--${lakeFlags[0]} needs --format parquet`);
    }
    return { format, out: values.out };
  }
  if (format !== "parquet") {
    throw new UsageError(`--format must be ndjson or parquet, got ${JSON.stringify(format)}`);
  }
  if (values.out !== undefined)
    throw new UsageError("--format parquet writes to --out-dir, not --out");
  if (values.profile !== undefined && values.profile !== "ocsf") {
    throw new UsageError("--format parquet writes strict OCSF: use --profile ocsf or leave it out");
  }
  const outDir = values["out-dir"];
  const region = values["lake-region"];
  if (outDir === undefined) throw new UsageError("--format parquet needs --out-dir DIR");
  if (region === undefined) throw new UsageError("--format parquet needs --lake-region REGION");
  const choice: OutputChoice = { format, outDir, region };
  if (values["lake-source"] !== undefined) choice.source = values["lake-source"];
  if (values["lake-account"] !== undefined) choice.account = values["lake-account"];
  return choice;
}

/** The OCSF version events must be mapped to for Parquet: Security Lake's newest. */
export const LAKE_OCSF_VERSION: OcsfVersion = "1.3.0";

/** Takes the events of a command. */
export interface EventOutput {
  /**
   * Writes one event; await it before the next. Resolves to why the event could not be
   * written (NDJSON: it does not serialise), or `undefined`. The Parquet writer's rejections
   * are reported on stderr as they happen and counted by `close`.
   */
  write(event: object): Promise<string | undefined>;
  /** Flushes everything; returns a summary for stderr (files written, events rejected). */
  close(): Promise<{ summary: string; rejected: number }>;
  /** Drops what is not yet written (Parquet: no partial file remains). */
  abort(): Promise<void>;
}

/**
 * Opens the chosen output. Parquet options are checked here (a bad region or source name
 * is a usage error); each event the lake writer rejects is reported on stderr.
 */
export async function openEventOutput(choice: OutputChoice): Promise<EventOutput> {
  if (choice.format === "ndjson") {
    const sink = openSink(choice.out);
    return {
      write: async (event) => {
        const serialized = serializeEvent(event);
        if (!serialized.ok) return serialized.reason;
        await sink.write(serialized.line);
        return undefined;
      },
      close: async () => {
        await sink.close();
        return { summary: "", rejected: 0 };
      },
      abort: () => sink.close().catch(() => undefined),
    };
  }
  const lake = await import("../lake/index.js");
  let writer: InstanceType<typeof lake.OcsfLakeWriter>;
  try {
    writer = new lake.OcsfLakeWriter({
      outDir: choice.outDir,
      region: choice.region,
      ...(choice.account === undefined ? {} : { account: choice.account }),
      ...(choice.source === undefined ? {} : { source: choice.source }),
      ocsfVersion: LAKE_OCSF_VERSION,
      onRejected: (error) => process.stderr.write(`not written to Parquet: ${error.message}\n`),
    });
  } catch (error) {
    if (error instanceof lake.LakeOptionsError) {
      throw new UsageError(
        `--${lakeFlag(error.option)} ${error.message.replace(/^lake option "[^"]+" /, "")}`,
      );
    }
    throw error;
  }
  return {
    write: async (event) => {
      await writer.write(event);
      return undefined;
    },
    close: async () => {
      const result: OcsfLakeResult = await writer.close();
      const sources = [...new Set(result.files.map((file) => file.source))].join(", ");
      return {
        summary: `${result.rows} event(s) in ${result.files.length} Parquet file(s) under ${choice.outDir}/ext/${sources === "" ? "" : `{${sources}}`}, ${result.rejected} rejected`,
        rejected: result.rejected,
      };
    },
    abort: () => writer.abort(),
  };
}

function lakeFlag(option: string): string {
  if (option === "region") return "lake-region";
  if (option === "account") return "lake-account";
  if (option === "outDir") return "out-dir";
  return "lake-source";
}
