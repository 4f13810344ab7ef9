import type {
  SekoiaDevice,
  SekoiaDeviceInventoryEvent,
  SekoiaDeviceOs,
  SekoiaDeviceSecurityData,
} from "../ocsf/sekoia-event.js";
import { DeviceMappingError } from "./errors.js";
import { type DeviceFacts, toEpochSeconds } from "./read-device.js";

const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  WINDOWS: "Windows",
  IOS: "iOS",
  ANDROID: "Android",
  MACOS: "MacOS",
};

const OS_TYPES: Readonly<Record<string, NonNullable<SekoiaDeviceOs["type"]>>> = {
  WINDOWS: "Windows",
  MACOS: "AppleOS",
  IOS: "AppleOS",
  ANDROID: "Android",
  LINUX: "Linux",
};

function buildOs(facts: DeviceFacts): SekoiaDeviceOs | undefined {
  const { platform, osVersion } = facts;
  if (platform === undefined && osVersion === undefined) return undefined;
  const os: SekoiaDeviceOs = {};
  if (platform !== undefined) {
    const key = platform.toUpperCase();
    os.name = PLATFORM_NAMES[key] ?? platform;
    const type = OS_TYPES[key];
    if (type !== undefined) os.type = type;
  }
  if (osVersion !== undefined) os.version = osVersion;
  return os;
}

/** Renders checked facts as a `"sekoia"` profile event. */
export function renderSekoiaEvent(facts: DeviceFacts): SekoiaDeviceInventoryEvent {
  if (facts.createdMs === undefined) {
    throw new DeviceMappingError(facts.id, "created", "is missing: it is the event's time");
  }
  const createdSeconds = toEpochSeconds(facts.createdMs);
  const lastSeen = facts.lastSeenMs === undefined ? null : toEpochSeconds(facts.lastSeenMs);
  const isEnabled = facts.status === undefined ? undefined : facts.status === "ACTIVE";

  const device: SekoiaDevice = {
    uid: facts.id,
    last_seen_time: lastSeen,
    os_update_time:
      facts.osUpdateTimeMs === undefined ? null : toEpochSeconds(facts.osUpdateTimeMs),
  };
  if (facts.displayName !== undefined) {
    device.name = facts.displayName;
    device.hostname = facts.displayName;
  }
  if (facts.deviceType !== undefined) device.type = facts.deviceType;
  if (facts.serialNumber !== undefined) device.serial_number = facts.serialNumber;
  if (facts.manufacturer !== undefined) device.manufacturer = facts.manufacturer;
  if (facts.model !== undefined) device.model = facts.model;
  if (facts.imei !== undefined) device.imei = facts.imei;
  if (facts.udid !== undefined) device.udid = facts.udid;
  if (isEnabled !== undefined) device.is_enabled = isEnabled;
  if (facts.status !== undefined) device.status = facts.status;
  if (facts.managed !== undefined) device.is_managed = facts.managed;
  if (facts.registered !== undefined) device.is_registered = facts.registered;
  if (facts.complianceStatus !== undefined) device.compliance_status = facts.complianceStatus;
  if (facts.secureHardwarePresent !== undefined) {
    device.has_secure_hardware = facts.secureHardwarePresent;
  }
  if (facts.diskEncryptionType !== undefined) device.encryption_type = facts.diskEncryptionType;
  if (facts.userId !== undefined) device.user_uid = facts.userId;
  device.created_time = createdSeconds;
  if (facts.lastUpdatedMs !== undefined) device.updated_time = toEpochSeconds(facts.lastUpdatedMs);
  const os = buildOs(facts);
  if (os !== undefined) device.os = os;

  const data: SekoiaDeviceSecurityData = { last_seen: lastSeen };
  if (facts.complianceStatus !== undefined) data.compliance_status = facts.complianceStatus;
  if (isEnabled !== undefined) data.is_enabled = isEnabled;
  if (facts.managed !== undefined) data.is_managed = facts.managed;
  if (facts.secureHardwarePresent !== undefined) {
    data.has_secure_hardware = facts.secureHardwarePresent;
  }
  if (facts.diskEncryptionType !== undefined) data.encryption_type = facts.diskEncryptionType;

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
