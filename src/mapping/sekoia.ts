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
  readUserId,
  stringValue,
  timeValue,
  toEpochSeconds,
} from "./read-device.js";
import { readProfileFields } from "./read-profile.js";

interface OsFacts {
  name: string | undefined;
  type: NonNullable<SekoiaDeviceOs["type"]>;
}

const WINDOWS: OsFacts = { name: "Windows", type: "Windows" };
const MACOS: OsFacts = { name: "MacOS", type: "AppleOS" };
const IOS: OsFacts = { name: "iOS", type: "AppleOS" };
const ANDROID: OsFacts = { name: "Android", type: "Android" };
const LINUX: OsFacts = { name: undefined, type: "Linux" };

// A switch, not a keyed lookup in an object: the key is data (an inherited "constructor"
// must not match), and comparing a few constant strings is cheaper than a keyed load.
function osFacts(platform: string): OsFacts | undefined {
  switch (platform) {
    case "WINDOWS":
      return WINDOWS;
    case "MACOS":
      return MACOS;
    case "IOS":
      return IOS;
    case "ANDROID":
      return ANDROID;
    case "LINUX":
      return LINUX;
    default:
      return undefined;
  }
}

export function buildOs(platform: string | undefined, osVersion: string | undefined) {
  if (platform === undefined && osVersion === undefined) return undefined;
  const os: SekoiaDeviceOs = {};
  if (platform !== undefined) {
    // The real API's values are already upper case: skip the copy for them.
    const facts = osFacts(platform) ?? osFacts(platform.toUpperCase());
    os.name = facts?.name ?? platform;
    if (facts !== undefined) os.type = facts.type;
  }
  if (osVersion !== undefined) os.version = osVersion;
  return os;
}

function seconds(ms: number | undefined): number | null {
  return ms === undefined ? null : toEpochSeconds(ms);
}

// Writes the device in the product page's field order from the values read. Absent facts
// are left out, except the two the table says become null.
const DeviceObject = plainConstructor(function (
  this: SekoiaDevice,
  id: string,
  displayName: string | undefined,
  deviceType: string | undefined,
  serialNumber: string | undefined,
  manufacturer: string | undefined,
  model: string | undefined,
  imei: string | undefined,
  udid: string | undefined,
  status: string | undefined,
  managed: boolean | undefined,
  registered: boolean | undefined,
  compliance: string | undefined,
  secureHardware: boolean | undefined,
  encryption: string | undefined,
  userId: string | undefined,
  createdSeconds: number,
  updatedMs: number | undefined,
  lastSeen: number | null,
  osUpdate: number | null,
  os: SekoiaDeviceOs | undefined,
) {
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
  if (updatedMs !== undefined) this.updated_time = toEpochSeconds(updatedMs);
  this.last_seen_time = lastSeen;
  this.os_update_time = osUpdate;
  if (os !== undefined) this.os = os;
});

// The enrichment repeats the device's security posture, in the table's order. It is built
// from the values read, not from the device: the devices' hidden classes vary with the
// facts present, and reading them back would be megamorphic.
const SecurityData = plainConstructor(function (
  this: SekoiaDeviceSecurityData,
  compliance: string | undefined,
  status: string | undefined,
  managed: boolean | undefined,
  secureHardware: boolean | undefined,
  encryption: string | undefined,
  lastSeen: number | null,
) {
  if (compliance !== undefined) this.compliance_status = compliance;
  if (status !== undefined) this.is_enabled = status === "ACTIVE";
  if (managed !== undefined) this.is_managed = managed;
  if (secureHardware !== undefined) this.has_secure_hardware = secureHardware;
  if (encryption !== undefined) this.encryption_type = encryption;
  this.last_seen = lastSeen;
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
  // Checked in the table's order, so that a record with several bad fields always reports
  // the same one.
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
  const managed =
    booleanValue(record.managed, id, "managed") ??
    booleanValue(profile.managed, id, "profile.managed") ??
    enrollments.managed;
  const userId = readUserId(id, record, enrollments);
  const updatedMs = timeValue(record.lastUpdated, id, "lastUpdated");
  const lastSeen = seconds(timeValue(record.lastSeen, id, "lastSeen"));
  const osUpdate = seconds(timeValue(profile.osUpdateTime, id, "profile.osUpdateTime"));
  const os = buildOs(
    stringValue(profile.platform, id, "profile.platform"),
    stringValue(profile.osVersion, id, "profile.osVersion"),
  );
  const device = new DeviceObject(
    id,
    displayName,
    deviceType,
    serialNumber,
    manufacturer,
    model,
    imei,
    udid,
    status,
    managed,
    registered,
    compliance,
    secureHardware,
    encryption,
    userId,
    createdSeconds,
    updatedMs,
    lastSeen,
    osUpdate,
    os,
  );
  const data = new SecurityData(compliance, status, managed, secureHardware, encryption, lastSeen);
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
    enrichments: [{ name: "device_security", value: "okta_device", data }],
  };
}
