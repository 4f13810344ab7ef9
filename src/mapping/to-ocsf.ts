import type { SekoiaDeviceInventoryEvent } from "../ocsf/sekoia-event.js";
import type { StrictDeviceInventoryEvent } from "../ocsf/strict-event.js";
import type { OcsfVersion } from "../ocsf/versions.js";
import type { OktaDevice } from "../okta/device.js";
import { strictFeatures } from "./options.js";
import { renderSekoiaEvent } from "./sekoia.js";
import { renderStrictEvent } from "./strict.js";

/**
 * The output profiles. `"sekoia"` (the default) is the product page's table, times in epoch
 * seconds, not strictly valid OCSF. `"ocsf"` is strict OCSF (1.6.0 unless `ocsfVersion`
 * says otherwise): valid against the official schema of that version, times in epoch
 * milliseconds, facts without a home in that version under `unmapped`.
 */
export type OcsfProfile = "sekoia" | "ocsf";

/** Options of {@link toOcsfDeviceInventory} and {@link mapOktaDevices}. */
export interface MapOptions<
  P extends OcsfProfile = OcsfProfile,
  V extends OcsfVersion = OcsfVersion,
> {
  /** Which output profile to produce. Default `"sekoia"`. */
  profile?: P | undefined;
  /**
   * The OCSF version of a `"ocsf"` profile event, one of {@link OCSF_VERSIONS}; default
   * {@link DEFAULT_OCSF_VERSION} (`"1.6.0"`). Amazon Security Lake needs `"1.3.0"`. Giving it
   * with profile `"sekoia"` is a `TypeError`: that profile is the product page's fixed table.
   */
  ocsfVersion?: V | undefined;
}

/**
 * The event type a profile produces; for `"ocsf"`, the event of OCSF version `V` (1.6.0
 * when no version is given), whose `device` has only the attributes `V` defines.
 */
export type OcsfEventFor<P extends OcsfProfile, V extends OcsfVersion = "1.6.0"> = P extends "ocsf"
  ? StrictDeviceInventoryEvent<V>
  : SekoiaDeviceInventoryEvent;

/** Any event this library produces. */
export type OcsfDeviceInventoryEvent =
  | SekoiaDeviceInventoryEvent
  | StrictDeviceInventoryEvent<OcsfVersion>;

/**
 * Maps one Okta device record (the real API's shape or the product page's) to an OCSF
 * Device Inventory Info event: OCSF 1.6.0, or in profile `"ocsf"` the `ocsfVersion` chosen.
 *
 * Pure: the input is never mutated, and the event holds no `undefined` values (absent
 * source facts are omitted), so `JSON.parse(JSON.stringify(event))` equals `event`.
 *
 * @param device - one Okta device, e.g. an element of `GET /api/v1/devices`
 * @param options - `profile`: `"sekoia"` (default) or `"ocsf"`; `ocsfVersion` (profile
 *   `"ocsf"` only): `"1.3.0"` to `"1.8.0"`, default `"1.6.0"`
 * @returns the event of the chosen profile (and version)
 * @throws {DeviceMappingError} when the record cannot be mapped (not an object, no `id`,
 *   a field of the wrong type, a date that does not parse, no `created`; in OCSF 1.3.0 an
 *   `id` longer than 65,535 characters)
 * @throws {TypeError} for an unknown profile or version, or `ocsfVersion` with profile
 *   `"sekoia"`
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
 *
 * const lake = toOcsfDeviceInventory(oktaDevice, { profile: "ocsf", ocsfVersion: "1.3.0" });
 * lake.metadata.version; // "1.3.0"
 * lake.device.imei;      // 1.3.0 has `imei`, not `imei_list`
 * ```
 */
export function toOcsfDeviceInventory<
  P extends OcsfProfile = "sekoia",
  V extends OcsfVersion = "1.6.0",
>(device: OktaDevice, options?: MapOptions<P, V>): OcsfEventFor<P, V>;
export function toOcsfDeviceInventory(
  device: OktaDevice,
  options?: MapOptions,
): OcsfDeviceInventoryEvent {
  const features = strictFeatures(options);
  return features === undefined ? renderSekoiaEvent(device) : renderStrictEvent(device, features);
}
