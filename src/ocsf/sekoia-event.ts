/** The `device.os` object of a `"sekoia"` profile event. Absent facts are omitted. */
export interface SekoiaDeviceOs {
  /** Platform name from `profile.platform`: `Windows`, `iOS`, `Android`, `MacOS`, or the source value for any other platform. */
  name?: string;
  /** OS family from `profile.platform`: `Windows`, `AppleOS` (macOS and iOS), `Android` or `Linux`; omitted for other platforms. */
  type?: "Windows" | "AppleOS" | "Android" | "Linux";
  /** `profile.osVersion`, as given. */
  version?: string;
}

/** The `device` object of a `"sekoia"` profile event. Absent facts are omitted. */
export interface SekoiaDevice {
  /** Okta device id (`id`). Always present. */
  uid: string;
  /** `profile.displayName`. */
  name?: string;
  /** `profile.displayName` (Okta has no separate hostname). */
  hostname?: string;
  /** `deviceType` (`Computer`, `MobileDevice`, …); absent from the real API. */
  type?: string;
  /** `profile.serialNumber`. */
  serial_number?: string;
  /** `profile.manufacturer`. */
  manufacturer?: string;
  /** `profile.model`. */
  model?: string;
  /** `profile.imei`. */
  imei?: string;
  /** `profile.udid`. */
  udid?: string;
  /** `status === "ACTIVE"`. */
  is_enabled?: boolean;
  /** `status`, as given (`ACTIVE`, `CREATED`, `SUSPENDED`, `DEACTIVATED`, …). */
  status?: string;
  /** `managed`, else `profile.managed`, else whether an embedded user's `managementStatus` is `MANAGED`. */
  is_managed?: boolean;
  /** `profile.registered`. */
  is_registered?: boolean;
  /** `complianceStatus` (`COMPLIANT`, `NON_COMPLIANT`, `UNKNOWN`); absent from the real API. */
  compliance_status?: string;
  /** `profile.secureHardwarePresent`. */
  has_secure_hardware?: boolean;
  /** `profile.diskEncryptionType`, as given (`BitLocker`, or the real API's `FULL`, `USER`, …). */
  encryption_type?: string;
  /** `userId`, else the first embedded user's `user.id`. */
  user_uid?: string;
  /** `created`, in Unix epoch seconds. */
  created_time?: number;
  /** `lastUpdated`, in Unix epoch seconds. */
  updated_time?: number;
  /** `lastSeen` in Unix epoch seconds; `null` when never seen (always `null` for the real API, which has no `lastSeen`). */
  last_seen_time: number | null;
  /** `profile.osUpdateTime` in Unix epoch seconds; `null` when not available. */
  os_update_time: number | null;
  /** The operating system, when the record has a platform or an OS version. */
  os?: SekoiaDeviceOs;
}

/** The facts of `enrichments[0].data` of a `"sekoia"` profile event. */
export interface SekoiaDeviceSecurityData {
  /** `complianceStatus`. */
  compliance_status?: string;
  /** `status === "ACTIVE"`. */
  is_enabled?: boolean;
  /** Same as `device.is_managed`. */
  is_managed?: boolean;
  /** `profile.secureHardwarePresent`. */
  has_secure_hardware?: boolean;
  /** `profile.diskEncryptionType`. */
  encryption_type?: string;
  /** `lastSeen` in Unix epoch seconds; `null` when never seen. */
  last_seen: number | null;
}

/** The single enrichment of a `"sekoia"` profile event. */
export interface SekoiaDeviceSecurityEnrichment {
  /** Always `"device_security"`. */
  name: "device_security";
  /** Always `"okta_device"`. */
  value: "okta_device";
  /** The device's security posture. */
  data: SekoiaDeviceSecurityData;
}

/**
 * A Device Inventory Info event in the `"sekoia"` profile (the default): the product
 * page's mapping table, field for field, with times in Unix epoch **seconds**.
 * It is not strictly valid OCSF (see the `"ocsf"` profile for that).
 */
export interface SekoiaDeviceInventoryEvent {
  /** Always `2`. */
  activity_id: 2;
  /** Always `"Collect"`. */
  activity_name: "Collect";
  /** Always `"Discovery"`. */
  category_name: "Discovery";
  /** Always `5`. */
  category_uid: 5;
  /** Always `"Device Inventory Info"`. */
  class_name: "Device Inventory Info";
  /** Always `5001`. */
  class_uid: 5001;
  /** Always `"Device Inventory Info: Collect"`. */
  type_name: "Device Inventory Info: Collect";
  /** Always `500102`. */
  type_uid: 500102;
  /** Always `"Informational"`. */
  severity: "Informational";
  /** Always `1`. */
  severity_id: 1;
  /** The device's `created`, in Unix epoch seconds. */
  time: number;
  /** Product and schema version. */
  metadata: {
    /** The source product. */
    product: {
      /** Always `"Okta"`. */
      name: "Okta";
    };
    /** Always `"1.6.0"`. */
    version: "1.6.0";
  };
  /** The device. */
  device: SekoiaDevice;
  /** Exactly one `device_security` enrichment. */
  enrichments: [SekoiaDeviceSecurityEnrichment];
}
