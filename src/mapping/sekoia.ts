import type {
  SekoiaDevice,
  SekoiaDeviceInventoryEvent,
  SekoiaDeviceOs,
  SekoiaDeviceSecurityData,
} from "../ocsf/sekoia-event.js";
import { DeviceMappingError } from "./errors.js";
import { plainConstructor } from "./plain-constructor.js";
import {
  booleanValue,
  type JsonObject,
  readEnrollments,
  readId,
  readManaged,
  readUserId,
  stringValue,
  timeValue,
  toEpochSeconds,
} from "./read-device.js";
import { type ProfileFields, readProfileFields } from "./read-profile.js";

// Maps, not object literals: the key is data (any string a record carries), and an object
// literal would answer "constructor" or "__proto__" with what it inherits from Object.prototype.
const PLATFORM_NAMES: ReadonlyMap<string, string> = new Map([
  ["WINDOWS", "Windows"],
  ["IOS", "iOS"],
  ["ANDROID", "Android"],
  ["MACOS", "MacOS"],
]);

type SekoiaOsType = NonNullable<SekoiaDeviceOs["type"]>;
const OS_TYPES: ReadonlyMap<string, SekoiaOsType> = new Map<string, SekoiaOsType>([
  ["WINDOWS", "Windows"],
  ["MACOS", "AppleOS"],
  ["IOS", "AppleOS"],
  ["ANDROID", "Android"],
  ["LINUX", "Linux"],
]);

export function buildOs(platform: string | undefined, osVersion: string | undefined) {
  if (platform === undefined && osVersion === undefined) return undefined;
  const os: SekoiaDeviceOs = {};
  if (platform !== undefined) {
    // The real API's values are already upper case: skip the copy for them.
    const key = OS_TYPES.has(platform) ? platform : platform.toUpperCase();
    os.name = PLATFORM_NAMES.get(key) ?? platform;
    const type = OS_TYPES.get(key);
    if (type !== undefined) os.type = type;
  }
  if (osVersion !== undefined) os.version = osVersion;
  return os;
}

function seconds(ms: number | undefined): number | null {
  return ms === undefined ? null : toEpochSeconds(ms);
}

// Reads the record and writes the device in the product page's field order. Absent facts
// are left out, except the two the table says become null.
const DeviceObject = plainConstructor(function (
  this: SekoiaDevice,
  id: string,
  record: JsonObject,
  profile: ProfileFields,
  createdSeconds: number,
) {
  const displayName = stringValue(profile.displayName, id, "profile.displayName");
  const deviceType = stringValue(record.deviceType, id, "deviceType");
  const serialNumber = stringValue(profile.serialNumber, id, "profile.serialNumber");
  const manufacturer = stringValue(profile.manufacturer, id, "profile.manufacturer");
  const model = stringValue(profile.model, id, "profile.model");
  const imei = stringValue(profile.imei, id, "profile.imei");
  const udid = stringValue(profile.udid, id, "profile.udid");
  const status = stringValue(record.status, id, "status");
  const registered = booleanValue(profile.registered, id, "profile.registered");
  const compliance = stringValue(record.complianceStatus, id, "complianceStatus");
  const secureHardware = booleanValue(
    profile.secureHardwarePresent,
    id,
    "profile.secureHardwarePresent",
  );
  const encryption = stringValue(profile.diskEncryptionType, id, "profile.diskEncryptionType");
  const enrollments = readEnrollments(id, record._embedded);
  const managed = readManaged(id, record, profile, enrollments);
  const userId = readUserId(id, record, enrollments);
  const updated = timeValue(record.lastUpdated, id, "lastUpdated");
  const lastSeen = seconds(timeValue(record.lastSeen, id, "lastSeen"));
  const osUpdate = seconds(timeValue(profile.osUpdateTime, id, "profile.osUpdateTime"));
  const os = buildOs(
    stringValue(profile.platform, id, "profile.platform"),
    stringValue(profile.osVersion, id, "profile.osVersion"),
  );

  this.uid = id;
  if (displayName !== undefined) {
    this.name = displayName;
    this.hostname = displayName;
  }
  if (deviceType !== undefined) this.type = deviceType;
  if (serialNumber !== undefined) this.serial_number = serialNumber;
  if (manufacturer !== undefined) this.manufacturer = manufacturer;
  if (model !== undefined) this.model = model;
  if (imei !== undefined) this.imei = imei;
  if (udid !== undefined) this.udid = udid;
  if (status !== undefined) {
    this.is_enabled = status === "ACTIVE";
    this.status = status;
  }
  if (managed !== undefined) this.is_managed = managed;
  if (registered !== undefined) this.is_registered = registered;
  if (compliance !== undefined) this.compliance_status = compliance;
  if (secureHardware !== undefined) this.has_secure_hardware = secureHardware;
  if (encryption !== undefined) this.encryption_type = encryption;
  if (userId !== undefined) this.user_uid = userId;
  this.created_time = createdSeconds;
  if (updated !== undefined) this.updated_time = toEpochSeconds(updated);
  this.last_seen_time = lastSeen;
  this.os_update_time = osUpdate;
  if (os !== undefined) this.os = os;
});

// The enrichment repeats the device's security posture, in the table's order.
const SecurityData = plainConstructor(function (
  this: SekoiaDeviceSecurityData,
  device: SekoiaDevice,
) {
  if (device.compliance_status !== undefined) this.compliance_status = device.compliance_status;
  if (device.is_enabled !== undefined) this.is_enabled = device.is_enabled;
  if (device.is_managed !== undefined) this.is_managed = device.is_managed;
  if (device.has_secure_hardware !== undefined) {
    this.has_secure_hardware = device.has_secure_hardware;
  }
  if (device.encryption_type !== undefined) this.encryption_type = device.encryption_type;
  this.last_seen = device.last_seen_time;
});

/** Maps one record to a `"sekoia"` profile event (the product page's table, epoch seconds). */
export function renderSekoiaEvent(input: unknown): SekoiaDeviceInventoryEvent {
  const id = readId(input);
  const record = input as JsonObject;
  const profile = readProfileFields(id, record.profile);
  const createdMs = timeValue(record.created, id, "created");
  if (createdMs === undefined) {
    throw new DeviceMappingError(id, "created", "is missing: it is the event's time");
  }
  const createdSeconds = toEpochSeconds(createdMs);
  const device = new DeviceObject(id, record, profile, createdSeconds);
  return {
    activity_id: 2,
    activity_name: "Collect",
    category_name: "Discovery",
    category_uid: 5,
    class_name: "Device Inventory Info",
    class_uid: 5001,
    type_name: "Device Inventory Info: Collect",
    type_uid: 500102,
    severity: "Informational",
    severity_id: 1,
    time: createdSeconds,
    metadata: { product: { name: "Okta" }, version: "1.6.0" },
    device,
    enrichments: [
      { name: "device_security", value: "okta_device", data: new SecurityData(device) },
    ],
  };
}
