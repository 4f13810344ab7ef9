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

// The path is built only for an error: building it for every entry cost a string per
// device on every load.
function checkDevice(entry: unknown, index: number): void {
  if (!Array.isArray(entry) || entry.length !== 5) {
    throw new DeviceSyncStateError(
      `devices[${index}]`,
      "must be [id, lastUpdatedMs, displayName, platform, model]",
    );
  }
  const id: unknown = entry[0];
  if (typeof id !== "string" || id === "" || id.length > MAX_DEVICE_ID_LENGTH) {
    throw new DeviceSyncStateError(
      `devices[${index}][0]`,
      `(the device id) must be a non-empty string of at most ${MAX_DEVICE_ID_LENGTH} characters`,
    );
  }
  const updated: unknown = entry[1];
  if (
    updated !== null &&
    !(Number.isSafeInteger(updated) && Math.abs(updated as number) <= MAX_DATE_MS)
  ) {
    throw new DeviceSyncStateError(
      `devices[${index}][1]`,
      "(lastUpdated) must be epoch milliseconds (a date JavaScript can hold) or null",
    );
  }
  for (let field = 2; field < 5; field++) {
    const value: unknown = entry[field];
    if (value !== null && typeof value !== "string") {
      nullableString(value, `devices[${index}][${field}]`);
    }
  }
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

/**
 * {@link parseDeviceSyncState}, also returning where each id is in the state's `devices`
 * (built by the check for repeated ids).
 */
export function readDeviceSyncState(value: unknown): {
  state: DeviceSyncState;
  known: Map<string, number>;
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
  const devices: unknown = state.devices;
  if (!Array.isArray(devices)) {
    throw new DeviceSyncStateError("devices", "must be an array");
  }
  // One pass checks each entry and indexes its id. A repeated id is an error (the state was
  // edited or corrupted), reported after every entry is checked: a malformed entry anywhere
  // is named first, as when checking and indexing were two passes.
  const known = new Map<string, number>();
  let repeated = -1;
  for (let index = 0; index < devices.length; index++) {
    const entry: unknown = devices[index];
    // A hole of a sparse array is skipped, as forEach skipped it.
    if (entry === undefined && !(index in devices)) continue;
    checkDevice(entry, index);
    // One hash operation rather than has() then set(): the size tells a new id from a
    // repeated one. After a repeat the index is not used (the state is refused below).
    if (repeated === -1) {
      const size = known.size;
      known.set((entry as RememberedDevice)[0], index);
      if (known.size === size) repeated = index;
    }
  }
  if (repeated !== -1) {
    const id = (devices[repeated] as RememberedDevice)[0];
    throw new DeviceSyncStateError(`devices[${repeated}][0]`, `repeats the id ${id}`);
  }
  return { state: value as DeviceSyncState, known };
}
