import { OCSF_DEVICE_TYPE_CAPTIONS, type OcsfDeviceTypeId } from "../ocsf/captions.js";
import type {
  DeviceDeletionHeader,
  SekoiaDeletedDevice,
  SekoiaDeviceDeletionEvent,
  StrictDeletedDevice,
  StrictDeviceDeletionEvent,
} from "../ocsf/deletion-event.js";
import { fitsLength, type OcsfVersionFeatures } from "../ocsf/version-features.js";
import type { OcsfVersion } from "../ocsf/versions.js";
import type { DeviceGone } from "./device-gone.js";
import { DeviceMappingError } from "./errors.js";
import { strictFeatures } from "./options.js";
import { toEpochSeconds } from "./read-device.js";
import { buildOs as sekoiaOs } from "./sekoia.js";
import { platformInfo, buildOs as strictOs } from "./strict.js";
import { parseIsoDateTimeMs } from "./time.js";
import type { OcsfProfile } from "./to-ocsf.js";

/** Options of {@link toOcsfDeviceDeletion}. */
export interface DeletionMapOptions<P extends OcsfProfile = OcsfProfile> {
  /** Which output profile to produce. Default `"sekoia"`. */
  profile?: P | undefined;
  /** The OCSF version an `"ocsf"` event declares, one of `OCSF_VERSIONS`. Default `"1.6.0"`. */
  ocsfVersion?: OcsfVersion | undefined;
}

/** The deletion event a profile produces. */
export type DeletionEventFor<P extends OcsfProfile> = P extends "ocsf"
  ? StrictDeviceDeletionEvent
  : SekoiaDeviceDeletionEvent;

/** Any deletion event this library produces. */
export type OcsfDeviceDeletionEvent = SekoiaDeviceDeletionEvent | StrictDeviceDeletionEvent;

const HEADER: DeviceDeletionHeader = {
  activity_id: 4,
  activity_name: "Delete",
  category_uid: 3,
  category_name: "Identity & Access Management",
  class_uid: 3004,
  class_name: "Entity Management",
  type_uid: 300404,
  type_name: "Entity Management: Delete",
  severity_id: 1,
  severity: "Informational",
  message: "Okta device deleted: absent from a complete listing of the org's devices",
};

interface CheckedGone {
  id: string;
  detectedMs: number;
  displayName: string | undefined;
  platform: string | undefined;
  model: string | undefined;
  lastUpdatedMs: number | undefined;
}

function optionalText(gone: Record<string, unknown>, id: string, field: string) {
  const value = gone[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new DeviceMappingError(id, field, "is not a string");
  return value;
}

function check(gone: DeviceGone): CheckedGone {
  if (gone === null || typeof gone !== "object") {
    throw new DeviceMappingError(undefined, "", "the deleted device is not an object");
  }
  const record = gone as unknown as Record<string, unknown>;
  if (typeof record.id !== "string" || record.id === "") {
    throw new DeviceMappingError(undefined, "id", "is missing or not a non-empty string");
  }
  const id = record.id;
  // The inventory events' strict reading: `Date.parse` would take "1" for 2001 and a date
  // without a time zone for local time.
  const detectedMs =
    typeof record.detectedAt === "string" ? parseIsoDateTimeMs(record.detectedAt) : undefined;
  if (detectedMs === undefined) {
    throw new DeviceMappingError(id, "detectedAt", "is not an ISO 8601 date-time");
  }
  const lastUpdated = optionalText(record, id, "lastUpdated");
  const lastUpdatedMs = lastUpdated === undefined ? undefined : parseIsoDateTimeMs(lastUpdated);
  if (lastUpdated !== undefined && lastUpdatedMs === undefined) {
    throw new DeviceMappingError(id, "lastUpdated", "is not an ISO 8601 date-time");
  }
  return {
    id,
    detectedMs,
    displayName: optionalText(record, id, "displayName"),
    platform: optionalText(record, id, "platform"),
    model: optionalText(record, id, "model"),
    lastUpdatedMs,
  };
}

function renderStrict(gone: CheckedGone, features: OcsfVersionFeatures): StrictDeviceDeletionEvent {
  const max = features.maxStringLength;
  if (!fitsLength(gone.id, max)) {
    throw new DeviceMappingError(
      gone.id.slice(0, 40),
      "id",
      `is longer than OCSF ${features.version} allows`,
    );
  }
  // A fact the version cannot hold goes under `unmapped`, whole: never truncated.
  const unmapped: NonNullable<StrictDeviceDeletionEvent["unmapped"]> = {};
  let name = gone.displayName;
  let platform = gone.platform;
  if (name !== undefined && !fitsLength(name, max)) {
    unmapped.displayName = name;
    name = undefined;
  }
  if (platform !== undefined && !fitsLength(platform, max)) {
    unmapped.platform = platform;
    platform = undefined;
  }
  const info = platform === undefined ? undefined : platformInfo(platform, gone.model);
  const typeId: OcsfDeviceTypeId = info?.deviceTypeId ?? 0;
  const device: StrictDeletedDevice = {
    type_id: typeId,
    type: OCSF_DEVICE_TYPE_CAPTIONS[typeId],
    uid: gone.id,
  };
  if (name !== undefined) device.name = name;
  const os = strictOs(platform, undefined, info);
  if (os !== undefined) device.os = { name: os.name, type_id: os.type_id, type: os.type };
  if (gone.lastUpdatedMs !== undefined) device.modified_time = gone.lastUpdatedMs;
  const event: StrictDeviceDeletionEvent = {
    ...HEADER,
    time: gone.detectedMs,
    metadata: { product: { name: "Okta", vendor_name: "Okta" }, version: features.version },
    entity:
      name === undefined
        ? { type_id: 1, type: "Device", uid: gone.id, device }
        : { type_id: 1, type: "Device", uid: gone.id, name, device },
  };
  for (const _ in unmapped) {
    event.unmapped = unmapped;
    break;
  }
  return event;
}

function renderSekoia(gone: CheckedGone): SekoiaDeviceDeletionEvent {
  const device: SekoiaDeletedDevice = { uid: gone.id };
  if (gone.displayName !== undefined) {
    device.name = gone.displayName;
    device.hostname = gone.displayName;
  }
  const os = sekoiaOs(gone.platform, undefined);
  if (os !== undefined) device.os = os;
  if (gone.lastUpdatedMs !== undefined) device.updated_time = toEpochSeconds(gone.lastUpdatedMs);
  const entity: SekoiaDeviceDeletionEvent["entity"] =
    gone.displayName === undefined
      ? { type_id: 1, type: "Device", uid: gone.id, device }
      : { type_id: 1, type: "Device", uid: gone.id, name: gone.displayName, device };
  return {
    ...HEADER,
    time: toEpochSeconds(gone.detectedMs),
    metadata: { product: { name: "Okta" }, version: "1.6.0" },
    entity,
  };
}

/**
 * Maps a device that a full sync reported gone (`item.gone` of `client.syncDevices()`) to
 * a deletion event. OCSF's Device Inventory Info has no way to say a device is gone, so
 * the event is an OCSF **Entity Management** event: class 3004, activity 4 `Delete`,
 * `entity.type_id` 1 `Device`, `entity.uid` the Okta device id, `entity.name` its last
 * known name and `entity.device` its last known device.
 *
 * - `"ocsf"`: valid against the official Entity Management schema of `ocsfVersion`
 *   (1.3.0 to 1.8.0), times in epoch milliseconds.
 * - `"sekoia"` (default): the same fields with that profile's conventions (epoch seconds).
 *   Sekoia documents no deletion shape: this typed result is the contract; a connector
 *   should remove the asset `entity.uid` from its inventory.
 *
 * Pure; the event holds no `undefined` values.
 *
 * @throws {DeviceMappingError} when `gone` has no `id` or a date that does not parse
 * @throws {TypeError} for an unknown profile or OCSF version, or `ocsfVersion` with profile
 *   `"sekoia"` (as {@link toOcsfDeviceInventory})
 *
 * @example
 * ```ts
 * const event = toOcsfDeviceDeletion(
 *   { id: "guo8jx5vVoxfvJeLb0w4", displayName: "DESKTOP-1", platform: "WINDOWS", detectedAt: "2026-01-02T03:04:05.000Z" },
 *   { profile: "ocsf", ocsfVersion: "1.3.0" },
 * );
 * event.type_uid;         // 300404
 * event.entity.device.os; // { name: "Windows", type_id: 100, type: "Windows" }
 * event.time;             // 1767323045000
 * ```
 */
export function toOcsfDeviceDeletion<P extends OcsfProfile = "sekoia">(
  gone: DeviceGone,
  options?: DeletionMapOptions<P>,
): DeletionEventFor<P>;
export function toOcsfDeviceDeletion(
  gone: DeviceGone,
  options?: DeletionMapOptions,
): OcsfDeviceDeletionEvent {
  // The same checks and messages as toOcsfDeviceInventory (profile, version, their mix).
  const features = strictFeatures(options);
  return features === undefined ? renderSekoia(check(gone)) : renderStrict(check(gone), features);
}
