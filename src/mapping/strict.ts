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
import {
  booleanValue,
  type Enrollments,
  type JsonObject,
  objectValue,
  readEnrollments,
  readId,
  readManaged,
  readUserId,
  stringValue,
  timeValue,
} from "./read-device.js";
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

export function platformInfo(
  platform: string,
  model: string | undefined,
): PlatformInfo | undefined {
  const info = PLATFORMS[platform.toUpperCase()];
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

const PROFILE_PATH = "_embedded.users[0].user.profile";

function buildOwner(
  id: string,
  uid: string | undefined,
  enrollments: Enrollments,
): StrictDeviceOwner | undefined {
  const owner: StrictDeviceOwner = {};
  if (uid !== undefined) owner.uid = uid;
  const enrollment = enrollments.firstUser;
  // The embedded user describes the owner only when it is the same user as `uid`.
  if (enrollment !== undefined && (uid === undefined || enrollments.firstUserId === uid)) {
    const user = objectValue(enrollment.user, id, "_embedded.users[0].user");
    const profile = objectValue(user.profile, id, PROFILE_PATH);
    const login = stringValue(profile.login, id, `${PROFILE_PATH}.login`);
    const email = stringValue(profile.email, id, `${PROFILE_PATH}.email`);
    const first = stringValue(profile.firstName, id, `${PROFILE_PATH}.firstName`);
    const last = stringValue(profile.lastName, id, `${PROFILE_PATH}.lastName`);
    if (login !== undefined) owner.name = login;
    if (email !== undefined && OCSF_EMAIL.test(email)) owner.email_addr = email;
    const fullName = first === undefined ? last : last === undefined ? first : `${first} ${last}`;
    if (fullName !== undefined && fullName !== "") owner.full_name = fullName;
  }
  return owner.uid === undefined && owner.name === undefined ? undefined : owner;
}

function compliance(status: string | undefined): boolean | undefined {
  if (status === "COMPLIANT") return true;
  if (status === "NON_COMPLIANT") return false;
  return undefined;
}

/** Maps one record to an `"ocsf"` profile event (strict OCSF 1.6.0, epoch milliseconds). */
export function renderStrictEvent(input: unknown): StrictDeviceInventoryEvent {
  const id = readId(input);
  const record = input as JsonObject;
  const profile = objectValue(record.profile, id, "profile");
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
  const displayName = stringValue(profile.displayName, id, "profile.displayName");
  const platform = stringValue(profile.platform, id, "profile.platform");
  const osVersion = stringValue(profile.osVersion, id, "profile.osVersion");
  const serialNumber = stringValue(profile.serialNumber, id, "profile.serialNumber");
  const manufacturer = stringValue(profile.manufacturer, id, "profile.manufacturer");
  const model = stringValue(profile.model, id, "profile.model");
  const imei = stringValue(profile.imei, id, "profile.imei");
  const meid = stringValue(profile.meid, id, "profile.meid");
  const udid = stringValue(profile.udid, id, "profile.udid");
  const complianceStatus = stringValue(record.complianceStatus, id, "complianceStatus");
  // Checked though kept as they are under `unmapped`: a wrong type is an error in every profile.
  stringValue(record.status, id, "status");
  booleanValue(profile.registered, id, "profile.registered");
  booleanValue(profile.secureHardwarePresent, id, "profile.secureHardwarePresent");
  stringValue(profile.diskEncryptionType, id, "profile.diskEncryptionType");
  timeValue(profile.osUpdateTime, id, "profile.osUpdateTime");
  stringValue(record.deviceType, id, "deviceType");
  const enrollments = readEnrollments(id, record._embedded);
  const managed = readManaged(id, record, profile, enrollments);
  const userId = readUserId(id, record, enrollments);

  const info = platform === undefined ? undefined : platformInfo(platform, model);
  const deviceTypeId: OcsfDeviceTypeId = info?.deviceTypeId ?? 0;
  const device: StrictDevice = {
    type_id: deviceTypeId,
    type: OCSF_DEVICE_TYPE_CAPTIONS[deviceTypeId],
    uid: id,
  };
  if (displayName !== undefined) {
    device.name = displayName;
    device.hostname = displayName;
  }
  const os = buildOs(platform, osVersion, info);
  if (os !== undefined) device.os = os;
  if (serialNumber !== undefined || manufacturer !== undefined) {
    device.hw_info = {};
    if (serialNumber !== undefined) device.hw_info.serial_number = serialNumber;
    if (manufacturer !== undefined) device.hw_info.vendor_name = manufacturer;
  }
  if (manufacturer !== undefined) device.vendor_name = manufacturer;
  if (model !== undefined) device.model = model;
  if (imei !== undefined) device.imei_list = [imei];
  if (meid !== undefined) device.meid = meid;
  if (udid !== undefined) device.udid = udid;
  if (managed !== undefined) device.is_managed = managed;
  const isCompliant = compliance(complianceStatus);
  if (isCompliant !== undefined) device.is_compliant = isCompliant;
  const owner = buildOwner(id, userId, enrollments);
  if (owner !== undefined) device.owner = owner;
  if (createdMs !== undefined) device.created_time = createdMs;
  if (lastUpdatedMs !== undefined) device.modified_time = lastUpdatedMs;
  if (lastSeenMs !== undefined) device.last_seen_time = lastSeenMs;

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
  const unmapped = copyObject(record, MAPPED_TOP_LEVEL) ?? {};
  const unmappedProfile = copyObject(
    profile,
    os === undefined ? MAPPED_PROFILE : MAPPED_PROFILE_WITH_OS,
  );
  if (unmappedProfile !== undefined) unmapped.profile = unmappedProfile;
  // A top-level `managed` wins over `profile.managed`; when both exist, keep the other one.
  if (typeof profile.managed === "boolean" && typeof record.managed === "boolean") {
    unmapped.profile = { ...unmappedProfile, managed: profile.managed };
  }
  for (const _ in unmapped) {
    event.unmapped = unmapped;
    break;
  }
  return event;
}
