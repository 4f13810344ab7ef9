import type { SekoiaDeviceInventoryEvent } from "../ocsf/sekoia-event.js";
import type { StrictDeviceInventoryEvent } from "../ocsf/strict-event.js";
import type { OktaDevice } from "../okta/device.js";
import { renderSekoiaEvent } from "./sekoia.js";
import { renderStrictEvent } from "./strict.js";

/**
 * The output profiles. `"sekoia"` (the default) is the product page's table, times in epoch
 * seconds, not strictly valid OCSF. `"ocsf"` is strict OCSF 1.6.0: valid against the
 * official schema, times in epoch milliseconds, facts without an OCSF home under `unmapped`.
 */
export type OcsfProfile = "sekoia" | "ocsf";

/** Options of {@link toOcsfDeviceInventory} and {@link mapOktaDevices}. */
export interface MapOptions<P extends OcsfProfile = OcsfProfile> {
  /** Which output profile to produce. Default `"sekoia"`. */
  profile?: P | undefined;
}

/** The event type a profile produces. */
export type OcsfEventFor<P extends OcsfProfile> = P extends "ocsf"
  ? StrictDeviceInventoryEvent
  : SekoiaDeviceInventoryEvent;

/** Any event this library produces. */
export type OcsfDeviceInventoryEvent = SekoiaDeviceInventoryEvent | StrictDeviceInventoryEvent;

/**
 * Maps one Okta device record (the real API's shape or the product page's) to an OCSF
 * 1.6.0 Device Inventory Info event.
 *
 * Pure: the input is never mutated, and the event holds no `undefined` values (absent
 * source facts are omitted), so `JSON.parse(JSON.stringify(event))` equals `event`.
 *
 * @param device - one Okta device, e.g. an element of `GET /api/v1/devices`
 * @param options - `profile`: `"sekoia"` (default) or `"ocsf"`
 * @returns the event of the chosen profile
 * @throws {DeviceMappingError} when the record cannot be mapped (not an object, no `id`,
 *   a field of the wrong type, a date that does not parse, no `created`)
 *
 * @example
 * ```ts
 * import { toOcsfDeviceInventory } from "okta-device-ocsf";
 *
 * const event = toOcsfDeviceInventory(oktaDevice);
 * event.device.uid; // "guo8jx5vVoxfvJeLb0w4"
 * event.time;       // 1604440021 (created, epoch seconds)
 *
 * const strict = toOcsfDeviceInventory(oktaDevice, { profile: "ocsf" });
 * strict.device.type_id; // 2 (Desktop)
 * strict.time;           // 1604447187000 (lastUpdated, epoch milliseconds)
 * ```
 */
export function toOcsfDeviceInventory<P extends OcsfProfile = "sekoia">(
  device: OktaDevice,
  options?: MapOptions<P>,
): OcsfEventFor<P>;
export function toOcsfDeviceInventory(
  device: OktaDevice,
  options?: MapOptions,
): OcsfDeviceInventoryEvent {
  const profile = options?.profile ?? "sekoia";
  if (profile === "sekoia") return renderSekoiaEvent(device);
  if (profile === "ocsf") return renderStrictEvent(device);
  throw new TypeError(
    `Unknown OCSF profile ${JSON.stringify(profile)}: expected "sekoia" or "ocsf"`,
  );
}
