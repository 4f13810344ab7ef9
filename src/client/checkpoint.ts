import type { OktaDevice } from "../okta/device.js";

/**
 * Where an incremental sync stopped: the newest `lastUpdated` seen, and the ids of the
 * devices seen with exactly that `lastUpdated`. Okta's timestamps have whole-second
 * resolution, so the next listing asks for `lastUpdated ge` that second (not `gt`, which
 * could miss a device updated later in the same second) and drops only these exact repeats.
 * Store it as JSON.
 */
export interface DeviceCheckpoint {
  /** The newest `lastUpdated` seen (ISO 8601). */
  lastUpdated: string;
  /** Ids of the devices seen with exactly that `lastUpdated`. */
  ids: string[];
}

/**
 * Advances a checkpoint past one device. Returns a new checkpoint when the device moves it
 * (the input is never mutated), the same one otherwise.
 *
 * @example
 * ```ts
 * let checkpoint = await loadCheckpoint(); // DeviceCheckpoint | undefined
 * let next = checkpoint;
 * for await (const device of client.listDevices({ updatedSince: checkpoint })) {
 *   await write(device);
 *   next = advanceCheckpoint(next, device);
 * }
 * await saveCheckpoint(next); // only after the whole listing succeeded
 * ```
 */
export function advanceCheckpoint(
  checkpoint: DeviceCheckpoint | undefined,
  device: Pick<OktaDevice, "id" | "lastUpdated">,
): DeviceCheckpoint {
  const updated = Date.parse(device.lastUpdated);
  if (Number.isNaN(updated)) {
    throw new TypeError(`Device "${device.id}": lastUpdated is not a date: ${device.lastUpdated}`);
  }
  if (checkpoint === undefined) return { lastUpdated: device.lastUpdated, ids: [device.id] };
  const current = Date.parse(checkpoint.lastUpdated);
  if (updated > current) return { lastUpdated: device.lastUpdated, ids: [device.id] };
  if (updated === current && !checkpoint.ids.includes(device.id)) {
    return { lastUpdated: checkpoint.lastUpdated, ids: [...checkpoint.ids, device.id] };
  }
  return checkpoint;
}

/** The `lastUpdated ge "…"` clause, floored to the whole second. */
export function updatedSinceClause(since: string | Date | DeviceCheckpoint): {
  clause: string;
  boundaryMs: number;
  boundaryIds: ReadonlySet<string>;
} {
  const text =
    since instanceof Date
      ? since.toISOString()
      : typeof since === "string"
        ? since
        : since.lastUpdated;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new TypeError(`updatedSince is not a date: ${String(text)}`);
  const second = Math.floor(ms / 1000) * 1000;
  const iso = new Date(second).toISOString();
  const boundaryIds =
    typeof since === "object" && !(since instanceof Date) ? new Set(since.ids) : new Set<string>();
  return { clause: `lastUpdated ge "${iso}"`, boundaryMs: ms, boundaryIds };
}
