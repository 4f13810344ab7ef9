import { parseIsoDateTimeMs } from "../mapping/time.js";
import type { OktaDevice } from "../okta/device.js";
import { OktaConfigError } from "./errors.js";

/**
 * Where an incremental sync stopped: the newest `lastUpdated` seen, and the ids of the
 * devices seen with exactly that `lastUpdated`. Okta's timestamps have whole-second
 * resolution, so the next listing asks for `lastUpdated ge` that second (not `gt`, which
 * could miss a device updated later in the same second) and drops only these exact repeats.
 * Store it as JSON.
 */
export interface DeviceCheckpoint {
  /** The newest `lastUpdated` seen (ISO 8601 with a time zone, e.g. `2025-08-26T09:30:00.000Z`). */
  lastUpdated: string;
  /** Ids of the devices seen with exactly that `lastUpdated`. */
  ids: string[];
}

/** Options of {@link advanceCheckpoint}. */
export interface AdvanceCheckpointOptions {
  /**
   * The server's clock when the device was listed: a page's `serverTime` (epoch
   * milliseconds, from the response's `Date` header) or a `Date`. A `lastUpdated` later
   * than this plus `toleranceMs` never moves the checkpoint. Default: the local clock. A
   * value later than the local clock is not believed: the earlier of the two is used (a
   * `serverTime` may be up to a day ahead, and a checkpoint past this machine's clock is
   * one the next listing refuses as `updatedSince`).
   */
  now?: number | Date | undefined;
  /**
   * How far past `now` a `lastUpdated` may be, in milliseconds (clock differences between
   * Okta's servers, or between Okta and this machine when `now` is the local clock).
   * Default and maximum `300000` (5 minutes, {@link CHECKPOINT_CLOCK_TOLERANCE_MS}): a larger
   * one would let a checkpoint get further ahead than `updatedSince` accepts.
   */
  toleranceMs?: number | undefined;
}

/** Default of {@link AdvanceCheckpointOptions.toleranceMs}: 5 minutes, in milliseconds. */
export const CHECKPOINT_CLOCK_TOLERANCE_MS = 300_000;

/**
 * Thrown by {@link advanceCheckpoint} for a device that cannot move a checkpoint: a record
 * that is not an object, a `lastUpdated` that is missing or not a strict ISO 8601 date-time
 * with a time zone (`"2999-01-01"`, `"March 7"`, `"2025-02-30T00:00:00Z"`), or one later than
 * the server's clock (`reason: "future"`). The checkpoint stays where it was, so that no
 * later run skips data because of one bad record; catch it, report it and go on.
 * A subclass of `TypeError`, which `advanceCheckpoint` threw before.
 */
export class CheckpointTimeError extends TypeError {
  override readonly name = "CheckpointTimeError";
  /** `"invalid"` (no usable `lastUpdated`) or `"future"` (later than the server's clock). */
  readonly reason: "invalid" | "future";
  /** The device's id, when it has one. */
  readonly deviceId: string | undefined;

  /**
   * Creates the error.
   * @param reason - `"invalid"` or `"future"`
   * @param deviceId - the device's id, when it has one
   * @param message - what is wrong, naming the device and the field
   */
  constructor(reason: "invalid" | "future", deviceId: string | undefined, message: string) {
    super(message);
    this.reason = reason;
    this.deviceId = deviceId;
  }
}

// The earlier of the caller's clock and this machine's: a checkpoint may never get ahead of
// either, or a later listing from it would skip genuine updates (and `updatedSince` refuses
// one ahead of this machine's clock).
function epochMs(now: number | Date | undefined, localNow: number): number {
  if (now === undefined) return localNow;
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new TypeError("advanceCheckpoint: options.now is not a time");
  }
  return Math.min(ms, localNow);
}

function deviceTime(device: unknown, now: number, toleranceMs: number) {
  if (typeof device !== "object" || device === null || Array.isArray(device)) {
    throw new CheckpointTimeError("invalid", undefined, "A listed record is not an object");
  }
  const { id, lastUpdated } = device as { id?: unknown; lastUpdated?: unknown };
  const deviceId = typeof id === "string" && id !== "" ? id : undefined;
  const subject = deviceId === undefined ? "A device without an id" : `Device "${deviceId}"`;
  if (deviceId === undefined) {
    throw new CheckpointTimeError("invalid", undefined, `${subject} cannot be recorded`);
  }
  const ms = typeof lastUpdated === "string" ? parseIsoDateTimeMs(lastUpdated) : undefined;
  if (ms === undefined) {
    throw new CheckpointTimeError(
      "invalid",
      deviceId,
      `${subject}: field "lastUpdated" is not an ISO 8601 date-time with a time zone, so it cannot move the checkpoint`,
    );
  }
  if (ms > now + toleranceMs) {
    throw new CheckpointTimeError(
      "future",
      deviceId,
      `${subject}: field "lastUpdated" (${new Date(ms).toISOString()}) is later than the server's clock (${new Date(now).toISOString()}), so it does not move the checkpoint`,
    );
  }
  return { id: deviceId, lastUpdated: lastUpdated as string, ms };
}

function checkpointMs(checkpoint: DeviceCheckpoint, limit: number): number {
  const ms =
    typeof checkpoint.lastUpdated === "string"
      ? parseIsoDateTimeMs(checkpoint.lastUpdated)
      : undefined;
  if (ms === undefined) {
    throw new TypeError(
      "advanceCheckpoint: checkpoint.lastUpdated is not an ISO 8601 date-time with a time zone",
    );
  }
  // A checkpoint already in the future would stay there (no device moves it back) and skip
  // every update until then: refused like one that is not a time.
  if (ms > limit) {
    throw new TypeError(
      `advanceCheckpoint: checkpoint.lastUpdated (${new Date(ms).toISOString()}) is later than the clock (${new Date(limit).toISOString()} with the tolerance); a listing from it would skip every update until then`,
    );
  }
  return ms;
}

/**
 * Advances a checkpoint past one device. Returns a new checkpoint when the device moves it
 * (the input is never mutated), the same one otherwise.
 *
 * Times are read with the package's strict ISO 8601 parser: a date without a time or a zone,
 * an impossible date or a time later than the clock (the earlier of `options.now` and the
 * local clock, plus `options.toleranceMs`) never moves the checkpoint, because a checkpoint
 * in the future would make every later run skip genuine updates. For the same reason a
 * `checkpoint` that is already later than that is refused.
 *
 * @param checkpoint - the checkpoint so far, `undefined` for the first device of a first run
 * @param device - a listed device (its `id` and `lastUpdated` are read)
 * @param options - the server's clock and the tolerance
 * @returns the advanced checkpoint, or `checkpoint` itself when the device does not move it
 * @throws {CheckpointTimeError} when the device cannot move a checkpoint (the caller keeps
 *   its checkpoint, reports the device and goes on)
 * @throws {TypeError} when `checkpoint` is not a time or is in the future, or an option is
 *   not a number
 *
 * @example
 * ```ts
 * let checkpoint = await loadCheckpoint(); // DeviceCheckpoint | undefined
 * let next = checkpoint;
 * let serverTime: number | undefined;
 * const client = createOktaDeviceClient({ ...options, hooks: { onPage: [(page) => { serverTime = page.serverTime; }] } });
 * for await (const device of client.listDevices({ updatedSince: checkpoint })) {
 *   await write(device);
 *   try {
 *     next = advanceCheckpoint(next, device, { now: serverTime });
 *   } catch (error) {
 *     if (!(error instanceof CheckpointTimeError)) throw error;
 *     log.warn(error.message); // reported; the checkpoint stays where it was
 *   }
 * }
 * await saveCheckpoint(next); // only after the whole listing succeeded
 * ```
 */
export function advanceCheckpoint(
  checkpoint: DeviceCheckpoint | undefined,
  device: Pick<OktaDevice, "id" | "lastUpdated">,
  options: AdvanceCheckpointOptions = {},
): DeviceCheckpoint {
  const toleranceMs = options.toleranceMs ?? CHECKPOINT_CLOCK_TOLERANCE_MS;
  if (
    typeof toleranceMs !== "number" ||
    !(toleranceMs >= 0 && toleranceMs <= CHECKPOINT_CLOCK_TOLERANCE_MS)
  ) {
    throw new TypeError(
      `advanceCheckpoint: options.toleranceMs must be a number from 0 to ${CHECKPOINT_CLOCK_TOLERANCE_MS} (5 minutes)`,
    );
  }
  const now = epochMs(options.now, Date.now());
  const seen = deviceTime(device, now, toleranceMs);
  if (checkpoint === undefined) return { lastUpdated: seen.lastUpdated, ids: [seen.id] };
  const current = checkpointMs(checkpoint, now + toleranceMs);
  if (seen.ms > current) return { lastUpdated: seen.lastUpdated, ids: [seen.id] };
  if (seen.ms === current && !checkpoint.ids.includes(seen.id)) {
    return { lastUpdated: checkpoint.lastUpdated, ids: [...checkpoint.ids, seen.id] };
  }
  return checkpoint;
}

/** Where a listing by `updatedSince` starts, and what it drops at its boundary second. */
export interface UpdatedSinceBoundary {
  /** The `lastUpdated ge "…"` search clause. */
  clause: string;
  /** The checkpoint's exact time, epoch milliseconds. */
  boundaryMs: number;
  /** Ids the checkpoint already saw at `boundaryMs`. */
  boundaryIds: ReadonlySet<string>;
}

/**
 * The `lastUpdated ge "…"` clause, floored to the whole second. Strings are read with the
 * strict ISO 8601 parser (a date alone, a time without a zone or `"March 7"` is refused),
 * and a time later than `now` (the local clock) plus {@link CHECKPOINT_CLOCK_TOLERANCE_MS}
 * is refused: a listing from it would skip every update until then. Throws
 * {@link OktaConfigError} (`invalid_options`) otherwise.
 */
export function updatedSinceClause(
  since: string | Date | DeviceCheckpoint,
  now: number = Date.now(),
): UpdatedSinceBoundary {
  let ms: number | undefined;
  let boundaryIds: ReadonlySet<string> = new Set<string>();
  if (since instanceof Date) {
    ms = Number.isFinite(since.getTime()) ? since.getTime() : undefined;
  } else if (typeof since === "string") {
    ms = parseIsoDateTimeMs(since);
  } else if (typeof since === "object" && since !== null) {
    ms = typeof since.lastUpdated === "string" ? parseIsoDateTimeMs(since.lastUpdated) : undefined;
    if (!Array.isArray(since.ids) || !since.ids.every((id) => typeof id === "string")) {
      throw new OktaConfigError("invalid_options", "updatedSince.ids must be an array of ids");
    }
    boundaryIds = new Set(since.ids);
  }
  if (ms === undefined) {
    throw new OktaConfigError(
      "invalid_options",
      "updatedSince must be a Date, a checkpoint or an ISO 8601 date-time with a time zone (e.g. 2025-08-26T09:30:00Z)",
    );
  }
  if (ms > now + CHECKPOINT_CLOCK_TOLERANCE_MS) {
    // The parsed time, not the input: a string passed by mistake may be anything.
    throw new OktaConfigError(
      "invalid_options",
      `updatedSince (${new Date(ms).toISOString()}) is in the future (this machine's clock says ${new Date(now).toISOString()}, allowing ${CHECKPOINT_CLOCK_TOLERANCE_MS / 60_000} minutes of clock difference): a listing from it would skip every update until then. Check the stored checkpoint, or the clock`,
    );
  }
  const second = Math.floor(ms / 1000) * 1000;
  const iso = new Date(second).toISOString();
  return { clause: `lastUpdated ge "${iso}"`, boundaryMs: ms, boundaryIds };
}

/**
 * Whether a listed element is one the checkpoint already saw at its boundary second. An
 * element that is not an object (`null` in a page) is never a repeat: it is passed on, so
 * that the consumer reports it instead of the listing failing on it.
 */
export function isBoundaryRepeat(boundary: UpdatedSinceBoundary, device: unknown): boolean {
  if (typeof device !== "object" || device === null) return false;
  const { id, lastUpdated } = device as { id?: unknown; lastUpdated?: unknown };
  return (
    typeof id === "string" &&
    boundary.boundaryIds.has(id) &&
    typeof lastUpdated === "string" &&
    parseIsoDateTimeMs(lastUpdated) === boundary.boundaryMs
  );
}
