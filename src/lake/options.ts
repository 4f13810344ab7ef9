import { isOcsfVersion, type OcsfVersion } from "../ocsf/versions.js";
import { LAKE_EVENT_CLASSES } from "./classes.js";
import type { LakeRecordError } from "./errors.js";
import { LakeOptionsError } from "./errors.js";

/** One Parquet file the lake writer completed (renamed into place). */
export interface LakeFile {
  /** Path of the file relative to `outDir`, with `/` separators: `ext/<source>/region=…/accountId=…/eventDay=…/<name>.parquet`. */
  key: string;
  /** Absolute path of the file. */
  path: string;
  /** The custom source (folder under `ext/`). */
  source: string;
  /** OCSF `class_uid` of every row. */
  classUid: number;
  /** The partition's day, `YYYYMMDD` (UTC day of the rows' `time`). */
  eventDay: string;
  /** Number of rows (events). */
  rows: number;
  /** Size of the file in bytes. */
  bytes: number;
  /** Smallest `time` in the file, epoch milliseconds (the first row's: rows are sorted by `time`). */
  firstTime: number;
  /** Largest `time` in the file, epoch milliseconds (the last row's). */
  lastTime: number;
}

/**
 * When a file is closed and a new one started. A file holds the events of one class and one
 * event day; its rows are buffered (to be sorted by `time`) until one of these bounds is met,
 * or the writer is closed.
 */
export interface LakeRotationOptions {
  /**
   * Close a file when its buffered rows take this many bytes of memory (the buffer they are
   * kept in as they arrive: UTF-8 text and 8-byte numbers, tagged by column; the Parquet
   * file is several times smaller). The buffer grows by powers of two from 256 bytes, so with
   * a power of two here a file closes holding between half and all of it in rows. Buffers
   * outgrown, and each file's once it is written, are kept for the next ones (up to twice
   * this, outside `maxBufferedBytes`) and let go of when the writer is closed or aborted.
   * Default 8 MiB; at most 256 MiB.
   */
  maxFileBytes?: number;
  /**
   * Close a file this many milliseconds after its first row arrived (checked whenever an
   * event is written). Default 15 minutes; Security Lake expects data in increments of
   * 5 minutes to 1 day.
   */
  maxFileAgeMs?: number;
  /**
   * Bound of the memory the rows buffered across all open files (one per class and event
   * day, each one buffer) take: past it, the largest files are closed early. Default 48 MiB.
   */
  maxBufferedBytes?: number;
}

/** Options of {@link writeOcsfLake} and {@link OcsfLakeWriter}. */
export interface OcsfLakeOptions {
  /** The local directory the `ext/<source>/…` tree is written under (created when missing). */
  outDir: string;
  /** AWS region of the Security Lake (`us-east-1`): the `region=` partition. */
  region: string;
  /** The `accountId=` partition: a 12-digit AWS account id, or `"external"` (default) for data from outside AWS. */
  account?: string;
  /**
   * Custom source name of Device Inventory Info (5001) events: the folder under `ext/`.
   * Default `"okta-device-inventory"`. Letters, digits, `-` and `_`, at most 64 characters.
   */
  source?: string;
  /**
   * Custom source names by `class_uid` (they win over `source`): Entity Management (3004,
   * deleted devices) defaults to `"okta-device-deletions"`. Every class needs its own source.
   */
  sources?: Readonly<Record<number, string>>;
  /** The OCSF version every event must declare in `metadata.version`: picks the Parquet schema. Default `"1.3.0"` (the newest Security Lake accepts). */
  ocsfVersion?: OcsfVersion;
  /** When files are closed; see {@link LakeRotationOptions}. */
  rotation?: LakeRotationOptions;
  /**
   * Flush each file to disk (fsync) before renaming it into place, so that even a power loss
   * cannot leave an empty file behind. Default `false`: the rename alone already guarantees
   * that a running sync never sees a partial file, and a flush per file is slow.
   */
  durable?: boolean;
  /**
   * Encode files on a worker thread (one per writer, started with the first file, stopped by
   * `close` or `abort`), so that encoding a file (splitting its rows into columns in `time`
   * order, then zstd and Parquet's encodings, in WebAssembly) overlaps with taking in the
   * next events. Default `false`.
   *
   * On a machine with a core to spare it shortens a large write (see the README's Performance
   * section for the measured figures), at the cost of a second JavaScript thread and its own
   * copy of the Parquet libraries: peak memory is higher. A file's rows are moved to the
   * thread, not copied. Where the thread cannot start (the lake entry bundled into another
   * program, a runtime without `node:worker_threads`, a worker file of another version of this
   * package that lays rows out differently) or is not ready within 30 seconds, every
   * file is encoded on the calling thread instead; if the thread stops while encoding, or
   * does not answer for a file within 5 minutes (it is then stopped), the writer fails with
   * an error (nothing is lost silently). At most as many encoder threads as the machine has
   * cores (`os.availableParallelism()`) run at once in a process, across all writers: a
   * writer that finds none free encodes on its calling thread. At most two files are in flight
   * (being encoded or written) at a time, whichever thread encodes them.
   */
  workerThread?: boolean;
  /** Called with each file once it is complete and in place. */
  onFile?: (file: LakeFile) => void;
  /** Called with each event that cannot be written; the others are still written. */
  onRejected?: (error: LakeRecordError) => void;
  /** Clock for file age, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** What {@link writeOcsfLake} (or {@link OcsfLakeWriter.close}) reports. */
export interface OcsfLakeResult {
  /** Every file written, in the order they were completed. */
  files: LakeFile[];
  /** Events written. */
  rows: number;
  /** Events rejected (each also passed to `onRejected`). */
  rejected: number;
  /** The first 100 rejected events' errors (all of them are counted in `rejected`). */
  errors: LakeRecordError[];
}

/** Options with defaults filled in and checked. */
export interface ResolvedLakeOptions {
  outDir: string;
  region: string;
  account: string;
  sources: ReadonlyMap<number, string>;
  ocsfVersion: OcsfVersion;
  maxFileBytes: number;
  maxFileAgeMs: number;
  maxBufferedBytes: number;
  durable: boolean;
  workerThread: boolean;
  onFile: ((file: LakeFile) => void) | undefined;
  onRejected: ((error: LakeRecordError) => void) | undefined;
  now: () => number;
}

const SOURCE = /^[A-Za-z0-9_-]{1,64}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^(\d{12}|external)$/;
const MIB = 1024 * 1024;

function positive(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new LakeOptionsError(name, `must be a number above 0 and at most ${max}, got ${value}`);
  }
  return value;
}

/** Fills in defaults and checks every option; throws {@link LakeOptionsError} naming the bad one. */
export function resolveLakeOptions(options: OcsfLakeOptions): ResolvedLakeOptions {
  if (typeof options.outDir !== "string" || options.outDir === "") {
    throw new LakeOptionsError("outDir", "must be a directory path");
  }
  if (typeof options.region !== "string" || !REGION.test(options.region)) {
    throw new LakeOptionsError(
      "region",
      `must be an AWS region such as "us-east-1", got ${JSON.stringify(options.region)}`,
    );
  }
  const account = options.account ?? "external";
  if (!ACCOUNT.test(account)) {
    throw new LakeOptionsError(
      "account",
      `must be a 12-digit AWS account id or "external", got ${JSON.stringify(account)}`,
    );
  }
  const ocsfVersion = options.ocsfVersion ?? "1.3.0";
  if (!isOcsfVersion(ocsfVersion)) {
    throw new LakeOptionsError(
      "ocsfVersion",
      `must be one of the supported OCSF versions, got ${JSON.stringify(ocsfVersion)}`,
    );
  }
  const sources = new Map<number, string>();
  for (const eventClass of LAKE_EVENT_CLASSES.values())
    sources.set(eventClass.classUid, eventClass.defaultSource);
  if (options.source !== undefined) sources.set(5001, options.source);
  for (const [classUid, name] of Object.entries(options.sources ?? {}))
    sources.set(Number(classUid), name);
  for (const [classUid, name] of sources) {
    if (!SOURCE.test(name)) {
      throw new LakeOptionsError(
        classUid === 5001 && options.sources?.[5001] === undefined
          ? "source"
          : `sources.${classUid}`,
        `must be 1 to 64 letters, digits, "-" or "_", got ${JSON.stringify(name)}`,
      );
    }
  }
  const names = [...sources.values()];
  if (new Set(names).size !== names.length) {
    throw new LakeOptionsError(
      "sources",
      "must give each class its own source: Security Lake takes one OCSF class per source",
    );
  }
  if (options.workerThread !== undefined && typeof options.workerThread !== "boolean") {
    throw new LakeOptionsError(
      "workerThread",
      `must be true or false, got ${JSON.stringify(options.workerThread)}`,
    );
  }
  const rotation = options.rotation ?? {};
  return {
    outDir: options.outDir,
    region: options.region,
    account,
    sources,
    ocsfVersion,
    maxFileBytes: positive("rotation.maxFileBytes", rotation.maxFileBytes, 8 * MIB, 256 * MIB),
    maxFileAgeMs: positive("rotation.maxFileAgeMs", rotation.maxFileAgeMs, 15 * 60_000, 86_400_000),
    maxBufferedBytes: positive(
      "rotation.maxBufferedBytes",
      rotation.maxBufferedBytes,
      48 * MIB,
      4096 * MIB,
    ),
    durable: options.durable === true,
    workerThread: options.workerThread === true,
    onFile: options.onFile,
    onRejected: options.onRejected,
    now: options.now ?? Date.now,
  };
}
