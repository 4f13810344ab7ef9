import type { DeviceGone } from "../mapping/device-gone.js";
import { parseIsoDateTimeMs } from "../mapping/time.js";
import type { OktaDevice } from "../okta/device.js";
import type { RememberedDevice } from "./sync-state.js";

// Platforms and models repeat across thousands of devices: one copy of each keeps a
// 500,000-device state small in memory. Bounded, so that odd data cannot grow it for ever.
const MAX_INTERNED = 10_000;

/** Shares one string per distinct value, up to a bound. */
export class StringPool {
  private readonly pool = new Map<string, string>();

  intern(value: string): string {
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    if (this.pool.size < MAX_INTERNED) this.pool.set(value, value);
    return value;
  }
}

/** `lastUpdated` in epoch ms, or `null` when it is not a date (the device then always counts as changed). */
export function lastUpdatedMs(device: OktaDevice): number | null {
  const value: unknown = device.lastUpdated;
  if (typeof value !== "string") return null;
  // The checkpoint's strict reading: a date it refuses is no date here either.
  return parseIsoDateTimeMs(value) ?? null;
}

function text(value: unknown, pool?: StringPool): string | null {
  if (typeof value !== "string") return null;
  return pool === undefined ? value : pool.intern(value);
}

/** What the next state keeps of a listed device. */
export function rememberDevice(
  id: string,
  updatedMs: number | null,
  device: OktaDevice,
  pool: StringPool,
): RememberedDevice {
  const profile: unknown = device.profile;
  const fields = (typeof profile === "object" && profile !== null ? profile : {}) as Record<
    string,
    unknown
  >;
  return [
    id,
    updatedMs,
    text(fields.displayName),
    text(fields.platform, pool),
    text(fields.model, pool),
  ];
}

/** A remembered device, reported gone. */
export function goneDevice(entry: RememberedDevice, detectedAt: string): DeviceGone {
  const [id, updated, displayName, platform, model] = entry;
  const gone: DeviceGone = { id, detectedAt };
  if (displayName !== null) gone.displayName = displayName;
  if (platform !== null) gone.platform = platform;
  if (model !== null) gone.model = model;
  if (updated !== null) gone.lastUpdated = new Date(updated).toISOString();
  return gone;
}
