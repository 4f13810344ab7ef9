import { CHECKPOINT_CLOCK_TOLERANCE_MS, type DeviceCheckpoint } from "../client/checkpoint.js";
import { parseIsoDateTimeMs } from "../mapping/time.js";
import { UsageError } from "./args.js";
import { readJsonFile, writeJsonFile } from "./json-file.js";

// A start time in the future would make every run list nothing and exit 0: refused, with the
// same tolerance advanceCheckpoint allows for clocks that differ a little.
function refuseFuture(what: string, ms: number, now: number): void {
  if (ms > now + CHECKPOINT_CLOCK_TOLERANCE_MS) {
    throw new UsageError(
      `${what} (${new Date(ms).toISOString()}) is in the future (this machine's clock says ${new Date(now).toISOString()}): a listing from it would skip every update until then. Fix or delete it, or check the clock`,
    );
  }
}

/**
 * Reads `--since`: a strict ISO 8601 date-time with a time zone, not in the future. The value
 * is not echoed when it is refused: it may be a secret typed after the wrong option.
 */
export function readSince(value: string, now: number = Date.now()): string {
  const ms = parseIsoDateTimeMs(value);
  if (ms === undefined) {
    throw new UsageError(
      "--since must be an ISO 8601 date-time with a time zone, e.g. 2025-08-26T09:30:00Z",
    );
  }
  refuseFuture("--since", ms, now);
  return value;
}

/**
 * Reads a checkpoint file written by `fetch --checkpoint`; `undefined` when it does not exist.
 * With `revision` (the mapping revision this run writes), a checkpoint that records another
 * one is refused: the devices fetched before it are in another shape, and fetching only the
 * changes would leave the consumer with a mix. A checkpoint of an earlier release records
 * none and is taken as it is.
 */
export function readCheckpoint(
  path: string,
  now: number = Date.now(),
  revision?: string,
): DeviceCheckpoint | undefined {
  const parsed = readJsonFile(
    path,
    "checkpoint",
    "fix it, or delete it to list every device again",
  );
  if (parsed === undefined) return undefined;
  const candidate = parsed as Partial<DeviceCheckpoint> | null;
  const ms =
    candidate !== null && typeof candidate === "object" && typeof candidate.lastUpdated === "string"
      ? parseIsoDateTimeMs(candidate.lastUpdated)
      : undefined;
  if (
    candidate === null ||
    ms === undefined ||
    !Array.isArray(candidate.ids) ||
    !candidate.ids.every((id) => typeof id === "string")
  ) {
    throw new UsageError(
      `checkpoint ${path} is not a { lastUpdated, ids } checkpoint (lastUpdated must be an ISO 8601 date-time with a time zone)`,
    );
  }
  refuseFuture(`checkpoint ${path}`, ms, now);
  const stored: unknown = (parsed as { mappingRevision?: unknown }).mappingRevision;
  if (revision !== undefined && stored !== undefined && stored !== revision) {
    // Named only when it looks like a revision: the file's text is not ours to print.
    const named =
      typeof stored === "string" && /^[A-Za-z0-9.-]{1,40}$/.test(stored) ? ` ${stored}` : "";
    throw new UsageError(
      `checkpoint ${path} follows events of another mapping revision${named}, this run writes ${revision} (another --profile or --ocsf-version, or a release that maps differently): fetching only the changes would leave a mix of both. Delete the checkpoint to fetch every device again, or run with the options that wrote it`,
    );
  }
  return { lastUpdated: candidate.lastUpdated as string, ids: candidate.ids };
}

/**
 * Writes a checkpoint atomically (see {@link writeJsonFile}): a reader never sees half a
 * one. `revision`, the mapping revision of the events written, is recorded beside it.
 */
export function writeCheckpoint(
  path: string,
  checkpoint: DeviceCheckpoint,
  revision?: string,
): void {
  const content =
    revision === undefined ? checkpoint : { ...checkpoint, mappingRevision: revision };
  writeJsonFile(path, content, "checkpoint");
}
