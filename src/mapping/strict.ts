import {
  OCSF_DEVICE_TYPE_CAPTIONS,
  OCSF_OS_TYPE_CAPTIONS,
  type OcsfDeviceTypeId,
  type OcsfOsTypeId,
} from "../ocsf/captions.js";
import type {
  StrictDevice,
  StrictDeviceInventoryEvent,
  StrictDeviceOs,
  StrictDeviceOwner,
} from "../ocsf/strict-event.js";
import { DeviceMappingError } from "./errors.js";
import type { DeviceFacts } from "./read-device.js";
import { copyObject } from "./unmapped.js";

interface PlatformInfo {
  osName: string;
  osTypeId: OcsfOsTypeId;
  deviceTypeId: OcsfDeviceTypeId;
}

const PLATFORMS: Readonly<Record<string, PlatformInfo>> = {
  WINDOWS: { osName: "Windows", osTypeId: 100, deviceTypeId: 2 },
  MACOS: { osName: "macOS", osTypeId: 300, deviceTypeId: 2 },
  LINUX: { osName: "Linux", osTypeId: 200, deviceTypeId: 2 },
  IOS: { osName: "iOS", osTypeId: 301, deviceTypeId: 5 },
  ANDROID: { osName: "Android", osTypeId: 201, deviceTypeId: 5 },
};
// Okta reports an iPad as platform IOS; only its model tells it apart.
const IPAD: PlatformInfo = { osName: "iPadOS", osTypeId: 302, deviceTypeId: 4 };

// The pattern of OCSF's email_t, so that an address OCSF would reject stays in `unmapped`.
const OCSF_EMAIL = /^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;

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
const MAPPED_PROFILE_KEYS = [
  "displayName",
  "platform",
  "serialNumber",
  "manufacturer",
  "model",
  "imei",
  "meid",
  "udid",
  "managed",
] as const;
const MAPPED_PROFILE: ReadonlySet<string> = new Set(MAPPED_PROFILE_KEYS);
// Without a platform there is no OCSF `os` to hold the version, so it stays unmapped.
const MAPPED_PROFILE_WITH_OS: ReadonlySet<string> = new Set([...MAPPED_PROFILE_KEYS, "osVersion"]);

function platformInfo(platform: string, model: string | undefined): PlatformInfo | undefined {
  const info = PLATFORMS[platform.toUpperCase()];
  if (info?.osTypeId === 301 && model !== undefined && model.toLowerCase().startsWith("ipad")) {
    return IPAD;
  }
  return info;
}

function buildOs(facts: DeviceFacts, info: PlatformInfo | undefined): StrictDeviceOs | undefined {
  const platform = facts.platform;
  if (platform === undefined) return undefined;
  const os: StrictDeviceOs =
    info === undefined
      ? { name: platform, type_id: 99, type: platform }
      : { name: info.osName, type_id: info.osTypeId, type: OCSF_OS_TYPE_CAPTIONS[info.osTypeId] };
  if (facts.osVersion !== undefined) os.version = facts.osVersion;
  return os;
}

function buildOwner(facts: DeviceFacts): StrictDeviceOwner | undefined {
  const user = facts.users[0];
  const owner: StrictDeviceOwner = {};
  const uid = facts.userId;
  if (uid !== undefined) owner.uid = uid;
  // The embedded user describes the owner only when it is the same user as `uid`.
  if (user !== undefined && (uid === undefined || user.id === uid)) {
    if (user.login !== undefined) owner.name = user.login;
    if (user.email !== undefined && OCSF_EMAIL.test(user.email)) owner.email_addr = user.email;
    if (user.fullName !== undefined) owner.full_name = user.fullName;
  }
  return owner.uid === undefined && owner.name === undefined ? undefined : owner;
}

function compliance(status: string | undefined): boolean | undefined {
  if (status === "COMPLIANT") return true;
  if (status === "NON_COMPLIANT") return false;
  return undefined;
}

/** Renders checked facts as an `"ocsf"` profile event (strict OCSF 1.6.0). */
export function renderStrictEvent(facts: DeviceFacts): StrictDeviceInventoryEvent {
  const time = facts.lastUpdatedMs ?? facts.createdMs;
  if (time === undefined) {
    throw new DeviceMappingError(
      facts.id,
      "lastUpdated",
      "is missing, and so is created: the event needs a time",
    );
  }
  const info = facts.platform === undefined ? undefined : platformInfo(facts.platform, facts.model);
  const deviceTypeId: OcsfDeviceTypeId = info?.deviceTypeId ?? 0;
  const device: StrictDevice = {
    type_id: deviceTypeId,
    type: OCSF_DEVICE_TYPE_CAPTIONS[deviceTypeId],
    uid: facts.id,
  };
  if (facts.displayName !== undefined) {
    device.name = facts.displayName;
    device.hostname = facts.displayName;
  }
  const os = buildOs(facts, info);
  if (os !== undefined) device.os = os;
  if (facts.serialNumber !== undefined || facts.manufacturer !== undefined) {
    device.hw_info = {};
    if (facts.serialNumber !== undefined) device.hw_info.serial_number = facts.serialNumber;
    if (facts.manufacturer !== undefined) device.hw_info.vendor_name = facts.manufacturer;
  }
  if (facts.manufacturer !== undefined) device.vendor_name = facts.manufacturer;
  if (facts.model !== undefined) device.model = facts.model;
  if (facts.imei !== undefined) device.imei_list = [facts.imei];
  if (facts.meid !== undefined) device.meid = facts.meid;
  if (facts.udid !== undefined) device.udid = facts.udid;
  if (facts.managed !== undefined) device.is_managed = facts.managed;
  const isCompliant = compliance(facts.complianceStatus);
  if (isCompliant !== undefined) device.is_compliant = isCompliant;
  const owner = buildOwner(facts);
  if (owner !== undefined) device.owner = owner;
  if (facts.createdMs !== undefined) device.created_time = facts.createdMs;
  if (facts.lastUpdatedMs !== undefined) device.modified_time = facts.lastUpdatedMs;
  if (facts.lastSeenMs !== undefined) device.last_seen_time = facts.lastSeenMs;

  const event: StrictDeviceInventoryEvent = {
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
    metadata: { product: { name: "Okta", vendor_name: "Okta" }, version: "1.6.0" },
    device,
  };
  const unmapped = copyObject(facts.source, MAPPED_TOP_LEVEL) ?? {};
  const unmappedProfile = copyObject(
    facts.profileSource,
    os === undefined ? MAPPED_PROFILE : MAPPED_PROFILE_WITH_OS,
  );
  if (unmappedProfile !== undefined) unmapped.profile = unmappedProfile;
  // A top-level `managed` wins over `profile.managed`; when both exist, keep the other one.
  const profileManaged = facts.profileSource.managed;
  if (typeof profileManaged === "boolean" && typeof facts.source.managed === "boolean") {
    unmapped.profile = { ...unmappedProfile, managed: profileManaged };
  }
  for (const _ in unmapped) {
    event.unmapped = unmapped;
    break;
  }
  return event;
}
