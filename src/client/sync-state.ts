import { parseIsoDateTimeMs } from "../mapping/time.js";
import type { DeviceCheckpoint } from "./checkpoint.js";
import { MAX_DEVICE_ID_LENGTH } from "./device-url.js";

// The largest time a JavaScript Date holds (year 275760): a larger one could not be turned
// back into the ISO date a deletion reports.
const MAX_DATE_MS = 8.64e15;

/** The version of {@link DeviceSyncState} this release reads and writes. */
export const DEVICE_SYNC_STATE_VERSION = 1;

/**
 * What a sync state remembers of one device, as a compact tuple: `[id, lastUpdated in
 * epoch ms or null, profile.displayName or null, profile.platform or null, profile.model or
 * null]`, about 74 bytes of JSON a device (measured on the fake org's records: 500,000
 * devices in about 37 MB). `lastUpdated` tells a changed device from an
 * unchanged one; the rest describes a device that is later deleted.
 */
export type RememberedDevice = [
  id: string,
  lastUpdatedMs: number | null,
  displayName: string | null,
  platform: string | null,
  model: string | null,
];

/**
 * The state of a device sync: a plain JSON-serialisable object that the caller stores
 * where it likes (a file, a key-value store) and passes to the next
 * `client.syncDevices()`. Validated on load ({@link parseDeviceSyncState}).
 */
export interface DeviceSyncState {
  /** Format version: `1`. A state of another version is refused with a clear error. */
  version: typeof DEVICE_SYNC_STATE_VERSION;
  /** The `search` filter the devices were listed with (`null`: none). Part of the state: a different filter lists different devices. */
  search: string | null;
  /** When the last completed full run started (ISO 8601), or `null` before the first one. */
  lastFullSync: string | null;
  /** Where the next incremental run starts; after a full run, a point taken before it began. */
  checkpoint: DeviceCheckpoint | null;
  /** Every device the inventory holds. */
  devices: RememberedDevice[];
}

/**
 * A sync state that cannot be used: not an object, another format version, or a field of
 * the wrong shape. `path` names the field (e.g. `devices[12][1]`).
 */
export class DeviceSyncStateError extends Error {
  override readonly name = "DeviceSyncStateError";
  /** The field at fault, e.g. `version`, `checkpoint.lastUpdated`, `devices[3][0]`. */
  readonly path: string;

  /**
   * Creates the error; its message is `Device sync state: <path> <problem>`.
   * @param path - the field at fault
   * @param problem - what is wrong with it
   */
  constructor(path: string, problem: string) {
    super(`Device sync state: ${path} ${problem}`);
    this.path = path;
  }
}

function isDate(value: unknown): value is string {
  return typeof value === "string" && parseIsoDateTimeMs(value) !== undefined;
}

function nullableString(value: unknown, path: string): void {
  if (value !== null && typeof value !== "string") {
    throw new DeviceSyncStateError(path, `must be a string or null, got ${typeof value}`);
  }
}

function checkCheckpoint(value: unknown): void {
  if (value === null) return;
  const candidate = value as Partial<DeviceCheckpoint> | undefined;
  if (typeof candidate !== "object" || candidate === null) {
    throw new DeviceSyncStateError("checkpoint", "must be { lastUpdated, ids } or null");
  }
  if (!isDate(candidate.lastUpdated)) {
    throw new DeviceSyncStateError("checkpoint.lastUpdated", "must be an ISO 8601 date");
  }
  if (!Array.isArray(candidate.ids) || !candidate.ids.every((id) => typeof id === "string")) {
    throw new DeviceSyncStateError("checkpoint.ids", "must be an array of device ids");
  }
}

function checkDevice(entry: unknown, index: number): void {
  const path = `devices[${index}]`;
  if (!Array.isArray(entry) || entry.length !== 5) {
    throw new DeviceSyncStateError(
      path,
      "must be [id, lastUpdatedMs, displayName, platform, model]",
    );
  }
  if (typeof entry[0] !== "string" || entry[0] === "" || entry[0].length > MAX_DEVICE_ID_LENGTH) {
    throw new DeviceSyncStateError(
      `${path}[0]`,
      `(the device id) must be a non-empty string of at most ${MAX_DEVICE_ID_LENGTH} characters`,
    );
  }
  const updated: unknown = entry[1];
  if (
    updated !== null &&
    !(Number.isSafeInteger(updated) && Math.abs(updated as number) <= MAX_DATE_MS)
  ) {
    throw new DeviceSyncStateError(
      `${path}[1]`,
      "(lastUpdated) must be epoch milliseconds (a date JavaScript can hold) or null",
    );
  }
  nullableString(entry[2], `${path}[2]`);
  nullableString(entry[3], `${path}[3]`);
  nullableString(entry[4], `${path}[4]`);
}

/**
 * Checks that a value (e.g. `JSON.parse` of a stored state) is a usable sync state, and
 * returns it typed. The value is not copied. A device id listed twice is refused too.
 *
 * @throws {DeviceSyncStateError} naming the field at fault, e.g. `Device sync state:
 *   version is 2, but this release reads version 1`.
 *
 * @example
 * ```ts
 * const state = existsSync(file) ? parseDeviceSyncState(JSON.parse(readFileSync(file, "utf8"))) : undefined;
 * ```
 */
export function parseDeviceSyncState(value: unknown): DeviceSyncState {
  return readDeviceSyncState(value).state;
}

/** {@link parseDeviceSyncState}, also returning the state's devices by id (built by the check for repeated ids). */
export function readDeviceSyncState(value: unknown): {
  state: DeviceSyncState;
  known: Map<string, RememberedDevice>;
} {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new DeviceSyncStateError("(the state)", "must be an object");
  }
  const state = value as Record<string, unknown>;
  if (state.version !== DEVICE_SYNC_STATE_VERSION) {
    throw new DeviceSyncStateError(
      "version",
      `is ${JSON.stringify(state.version)}, but this release reads version ${DEVICE_SYNC_STATE_VERSION}`,
    );
  }
  nullableString(state.search, "search");
  if (state.lastFullSync !== null && !isDate(state.lastFullSync)) {
    throw new DeviceSyncStateError("lastFullSync", "must be an ISO 8601 date or null");
  }
  checkCheckpoint(state.checkpoint);
  if (!Array.isArray(state.devices)) {
    throw new DeviceSyncStateError("devices", "must be an array");
  }
  state.devices.forEach(checkDevice);
  const checked = value as DeviceSyncState;
  return { state: checked, known: indexDevices(checked) };
}

/** The state's devices by id; a repeated id is an error (the state was edited or corrupted). */
function indexDevices(state: DeviceSyncState): Map<string, RememberedDevice> {
  const known = new Map<string, RememberedDevice>();
  state.devices.forEach((entry, index) => {
    if (known.has(entry[0])) {
      throw new DeviceSyncStateError(`devices[${index}][0]`, `repeats the id ${entry[0]}`);
    }
    known.set(entry[0], entry);
  });
  return known;
}
