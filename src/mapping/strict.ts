import {
  OCSF_DEVICE_TYPE_CAPTIONS,
  OCSF_OS_TYPE_CAPTIONS,
  type OcsfDeviceTypeId,
  type OcsfOsTypeId,
} from "../ocsf/captions.js";
import type {
  StrictDevice150,
  StrictDeviceInventoryEvent,
  StrictDeviceOs,
} from "../ocsf/strict-event.js";
import {
  fitsLength,
  isOcsf13Hostname,
  OCSF_VERSION_FEATURES,
  type OcsfVersionFeatures,
} from "../ocsf/version-features.js";
import { OCSF_VERSIONS, type OcsfVersion } from "../ocsf/versions.js";
import { DeviceMappingError } from "./errors.js";
import {
  booleanValue,
  type JsonObject,
  objectValue,
  readEnrollments,
  readId,
  readUserId,
  stringValue,
  timeValue,
} from "./read-device.js";
import { readProfileFields } from "./read-profile.js";
import { buildOwner } from "./strict-owner.js";
import { copyObject } from "./unmapped.js";

interface PlatformInfo {
  osName: string;
  osTypeId: OcsfOsTypeId;
  deviceTypeId: OcsfDeviceTypeId;
}

// A Map: the key is data, and an object literal would answer "constructor" from its prototype.
const PLATFORMS: ReadonlyMap<string, PlatformInfo> = new Map<string, PlatformInfo>([
  ["WINDOWS", { osName: "Windows", osTypeId: 100, deviceTypeId: 2 }],
  ["MACOS", { osName: "macOS", osTypeId: 300, deviceTypeId: 2 }],
  ["LINUX", { osName: "Linux", osTypeId: 200, deviceTypeId: 2 }],
  ["IOS", { osName: "iOS", osTypeId: 301, deviceTypeId: 5 }],
  ["ANDROID", { osName: "Android", osTypeId: 201, deviceTypeId: 5 }],
]);
// Okta reports an iPad as platform IOS; only its model tells it apart.
const IPAD: PlatformInfo = { osName: "iPadOS", osTypeId: 302, deviceTypeId: 4 };

// Source keys whose every fact has an OCSF home; everything else goes to `unmapped`.
const MAPPED_TOP_LEVEL: ReadonlySet<string> = new Set([
  "id",
  "created",
  "lastUpdated",
  "lastSeen",
  "managed",
  "userId",
  "profile",
]);
// Profile keys with a home in every version; the others depend on the version.
const MAPPED_PROFILE_KEYS = ["displayName", "platform", "serialNumber", "imei", "managed"];
const HARDWARE_PROFILE_KEYS = ["manufacturer", "model"];
const MOBILE_PROFILE_KEYS = ["meid", "udid"];

interface MappedProfileKeys {
  readonly withOs: ReadonlySet<string>;
  // Without a platform there is no OCSF `os` to hold the version, so it stays unmapped.
  readonly withoutOs: ReadonlySet<string>;
}

function buildMappedProfileKeys(features: OcsfVersionFeatures): MappedProfileKeys {
  const withoutOs = [
    ...MAPPED_PROFILE_KEYS,
    ...(features.hardwareAttributes ? HARDWARE_PROFILE_KEYS : []),
    ...(features.mobileIdentifiers ? MOBILE_PROFILE_KEYS : []),
  ];
  return { withOs: new Set([...withoutOs, "osVersion"]), withoutOs: new Set(withoutOs) };
}

// Made once per version, not per record.
const MAPPED_PROFILE_KEYS_BY_VERSION = Object.fromEntries(
  OCSF_VERSIONS.map((version) => [version, buildMappedProfileKeys(OCSF_VERSION_FEATURES[version])]),
) as Record<OcsfVersion, MappedProfileKeys>;

// Every attribute any version's device may have; each version writes only its own.
interface WritableDevice extends StrictDevice150 {
  imei?: string;
}

const TOO_LONG_KEYS: string[] = [];

// Keeps a profile string only when the version can hold it, noting its key otherwise so
// that it goes under `unmapped.profile` whole: never truncated, never dropped.
function keepFitting(
  value: string | undefined,
  key: string,
  max: number,
  tooLong: string[],
): string | undefined {
  if (value === undefined || fitsLength(value, max)) return value;
  tooLong.push(key);
  return undefined;
}

export function platformInfo(
  platform: string,
  model: string | undefined,
): PlatformInfo | undefined {
  const info = PLATFORMS.get(platform.toUpperCase());
  if (info?.osTypeId === 301 && model !== undefined && model.toLowerCase().startsWith("ipad")) {
    return IPAD;
  }
  return info;
}

export function buildOs(
  platform: string | undefined,
  osVersion: string | undefined,
  info: PlatformInfo | undefined,
): StrictDeviceOs | undefined {
  if (platform === undefined) return undefined;
  const os: StrictDeviceOs =
    info === undefined
      ? { name: platform, type_id: 99, type: platform }
      : { name: info.osName, type_id: info.osTypeId, type: OCSF_OS_TYPE_CAPTIONS[info.osTypeId] };
  if (osVersion !== undefined) os.version = osVersion;
  return os;
}

function compliance(status: string | undefined): boolean | undefined {
  if (status === "COMPLIANT") return true;
  if (status === "NON_COMPLIANT") return false;
  return undefined;
}

/**
 * Maps one record to an `"ocsf"` profile event of the version `features` describe (epoch
 * milliseconds). Each fact goes where that version defines it, else under `unmapped`.
 */
export function renderStrictEvent(
  input: unknown,
  features: OcsfVersionFeatures,
): StrictDeviceInventoryEvent<OcsfVersion> {
  const id = readId(input);
  const max = features.maxStringLength;
  if (!fitsLength(id, max)) {
    // The id is the device's only certain identifier: an event without it would be useless.
    throw new DeviceMappingError(
      undefined,
      "id",
      `is longer than the ${max} characters OCSF ${features.version} allows`,
    );
  }
  const record = input as JsonObject;
  const profile = objectValue(record.profile, id, "profile");
  // The mapped fields in one pass (see read-profile.ts); `profile` is still copied below for
  // the facts without an OCSF home.
  const fields = readProfileFields(id, profile);
  const createdMs = timeValue(record.created, id, "created");
  const lastUpdatedMs = timeValue(record.lastUpdated, id, "lastUpdated");
  const lastSeenMs = timeValue(record.lastSeen, id, "lastSeen");
  const time = lastUpdatedMs ?? createdMs;
  if (time === undefined) {
    throw new DeviceMappingError(
      id,
      "lastUpdated",
      "is missing, and so is created: the event needs a time",
    );
  }
  let displayName = stringValue(fields.displayName, id, "profile.displayName");
  let platform = stringValue(fields.platform, id, "profile.platform");
  let osVersion = stringValue(fields.osVersion, id, "profile.osVersion");
  let serialNumber = stringValue(fields.serialNumber, id, "profile.serialNumber");
  let manufacturer = stringValue(fields.manufacturer, id, "profile.manufacturer");
  let model = stringValue(fields.model, id, "profile.model");
  let imei = stringValue(fields.imei, id, "profile.imei");
  let meid = stringValue(fields.meid, id, "profile.meid");
  let udid = stringValue(fields.udid, id, "profile.udid");
  const complianceStatus = stringValue(record.complianceStatus, id, "complianceStatus");
  // Checked though kept as they are under `unmapped`: a wrong type is an error in every profile.
  stringValue(record.status, id, "status");
  booleanValue(fields.registered, id, "profile.registered");
  booleanValue(fields.secureHardwarePresent, id, "profile.secureHardwarePresent");
  stringValue(fields.diskEncryptionType, id, "profile.diskEncryptionType");
  timeValue(fields.osUpdateTime, id, "profile.osUpdateTime");
  stringValue(record.deviceType, id, "deviceType");
  const enrollments = readEnrollments(id, record._embedded);
  const managed =
    booleanValue(record.managed, id, "managed") ??
    booleanValue(fields.managed, id, "profile.managed") ??
    enrollments.managed;
  const userId = readUserId(id, record, enrollments);

  // Profile strings the version cannot hold (only OCSF 1.3.0 limits lengths; rare there).
  // One array for every record (mapping is synchronous), emptied here: no allocation per record.
  const tooLong = TOO_LONG_KEYS;
  tooLong.length = 0;
  if (max !== Number.POSITIVE_INFINITY) {
    displayName = keepFitting(displayName, "displayName", max, tooLong);
    platform = keepFitting(platform, "platform", max, tooLong);
    osVersion = keepFitting(osVersion, "osVersion", max, tooLong);
    serialNumber = keepFitting(serialNumber, "serialNumber", max, tooLong);
    manufacturer = keepFitting(manufacturer, "manufacturer", max, tooLong);
    model = keepFitting(model, "model", max, tooLong);
    imei = keepFitting(imei, "imei", max, tooLong);
    meid = keepFitting(meid, "meid", max, tooLong);
    udid = keepFitting(udid, "udid", max, tooLong);
  }

  // The model still tells an iPad apart in versions that have no `device.model`.
  const info = platform === undefined ? undefined : platformInfo(platform, model);
  const deviceTypeId: OcsfDeviceTypeId = info?.deviceTypeId ?? 0;
  const device: WritableDevice = {
    type_id: deviceTypeId,
    type: OCSF_DEVICE_TYPE_CAPTIONS[deviceTypeId],
    uid: id,
  };
  if (displayName !== undefined) {
    device.name = displayName;
    // OCSF 1.3.0's hostname_t is a DNS name: "Mary's iPhone" is a name there, not a hostname.
    if (!features.dnsHostname || isOcsf13Hostname(displayName)) {
      device.hostname = displayName;
    }
  }
  const os = buildOs(platform, osVersion, info);
  if (os !== undefined) device.os = os;
  const hardware = features.hardwareAttributes;
  if (serialNumber !== undefined || (hardware && manufacturer !== undefined)) {
    device.hw_info = {};
    if (serialNumber !== undefined) device.hw_info.serial_number = serialNumber;
    if (hardware && manufacturer !== undefined) device.hw_info.vendor_name = manufacturer;
  }
  if (hardware) {
    if (manufacturer !== undefined) device.vendor_name = manufacturer;
    if (model !== undefined) device.model = model;
    if (imei !== undefined) device.imei_list = [imei];
  } else if (imei !== undefined) {
    // Before 1.4.0 the IMEI has only the singular attribute (deprecated later).
    device.imei = imei;
  }
  if (features.mobileIdentifiers) {
    if (meid !== undefined) device.meid = meid;
    if (udid !== undefined) device.udid = udid;
  }
  if (managed !== undefined) device.is_managed = managed;
  const isCompliant = compliance(complianceStatus);
  if (isCompliant !== undefined) device.is_compliant = isCompliant;
  const owner = buildOwner(id, userId, enrollments, max);
  if (owner !== undefined) device.owner = owner;
  if (createdMs !== undefined) device.created_time = createdMs;
  if (lastUpdatedMs !== undefined) device.modified_time = lastUpdatedMs;
  if (lastSeenMs !== undefined) device.last_seen_time = lastSeenMs;

  const event: StrictDeviceInventoryEvent<OcsfVersion> = {
    activity_id: 2,
    activity_name: "Collect",
    category_uid: 5,
    category_name: "Discovery",
    class_uid: 5001,
    class_name: "Device Inventory Info",
    type_uid: 500102,
    type_name: "Device Inventory Info: Collect",
    severity_id: 1,
    severity: "Informational",
    time,
    metadata: { product: { name: "Okta", vendor_name: "Okta" }, version: features.version },
    device,
  };
  const unmapped = copyObject(record, MAPPED_TOP_LEVEL, id) ?? {};
  // A `userId` too long for `owner.uid` is kept as it came (an embedded user id already is).
  const topUserId = record.userId;
  if (typeof topUserId === "string" && !fitsLength(topUserId, max)) unmapped.userId = topUserId;
  const keys = MAPPED_PROFILE_KEYS_BY_VERSION[features.version];
  let unmappedProfile = copyObject(
    profile,
    os === undefined ? keys.withoutOs : keys.withOs,
    id,
    "profile",
  );
  if (tooLong.length > 0) {
    unmappedProfile ??= {};
    for (const key of tooLong) unmappedProfile[key] = profile[key] as string;
  }
  if (unmappedProfile !== undefined) unmapped.profile = unmappedProfile;
  // A top-level `managed` wins over `profile.managed`; when both exist, keep the other one.
  if (typeof fields.managed === "boolean" && typeof record.managed === "boolean") {
    unmapped.profile = { ...unmappedProfile, managed: fields.managed };
  }
  for (const _ in unmapped) {
    event.unmapped = unmapped;
    break;
  }
  return event;
}
