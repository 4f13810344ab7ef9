import type { OcsfDeviceTypeId, OcsfOsTypeId } from "./captions.js";

/** A JSON value, as kept under `unmapped`. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** The `device.os` object of an `"ocsf"` profile event (OCSF `os`). */
export interface StrictDeviceOs {
  /** OS name from `profile.platform`: `Windows`, `macOS`, `iOS`, `iPadOS`, `Android`, `Linux`, or the source value. */
  name: string;
  /** OCSF OS type id: WINDOWS 100, MACOS 300, IOS 301 (302 for an iPad), ANDROID 201, LINUX 200, anything else 99. */
  type_id: OcsfOsTypeId;
  /** Caption of `type_id`; for 99 "Other", the source platform value. */
  type: string;
  /** `profile.osVersion`. */
  version?: string;
}

/** The owner of the device (OCSF `user`). */
export interface StrictDeviceOwner {
  /** Okta user id: the first embedded user's `user.id`, or `userId`. */
  uid?: string;
  /** The user's Okta `login`. */
  name?: string;
  /** The user's `email`, when it is an address OCSF accepts. */
  email_addr?: string;
  /** `firstName lastName`. */
  full_name?: string;
}

/** The `device.hw_info` object (OCSF `device_hw_info`). */
export interface StrictDeviceHwInfo {
  /** `profile.serialNumber`. */
  serial_number?: string;
  /** `profile.manufacturer`. */
  vendor_name?: string;
}

/** The `device` object of an `"ocsf"` profile event (OCSF `device`). */
export interface StrictDevice {
  /** OCSF device type id: iOS and Android 5 Mobile, an iPad 4 Tablet, Windows, macOS and Linux 2 Desktop, otherwise 0 Unknown. */
  type_id: OcsfDeviceTypeId;
  /** Caption of `type_id`. */
  type: string;
  /** Okta device id. */
  uid: string;
  /** `profile.displayName`. */
  name?: string;
  /** `profile.displayName`. */
  hostname?: string;
  /** The operating system, when the record has a platform. */
  os?: StrictDeviceOs;
  /** Serial number and manufacturer. */
  hw_info?: StrictDeviceHwInfo;
  /** `profile.manufacturer`. */
  vendor_name?: string;
  /** `profile.model`. */
  model?: string;
  /** `[profile.imei]`. */
  imei_list?: string[];
  /** `profile.meid`. */
  meid?: string;
  /** `profile.udid`. */
  udid?: string;
  /** `managed`, else `profile.managed`, else whether an embedded enrollment is `MANAGED`. */
  is_managed?: boolean;
  /** `complianceStatus`: `COMPLIANT` true, `NON_COMPLIANT` false, otherwise omitted. */
  is_compliant?: boolean;
  /** The device's user. */
  owner?: StrictDeviceOwner;
  /** `created`, epoch milliseconds. */
  created_time?: number;
  /** `lastUpdated`, epoch milliseconds. */
  modified_time?: number;
  /** `lastSeen`, epoch milliseconds, only when the record has one. */
  last_seen_time?: number;
}

/**
 * A Device Inventory Info event in the `"ocsf"` profile: valid OCSF 1.6.0 (the official
 * JSON Schema of the class, captions and `type_uid` consistent), times in epoch
 * **milliseconds**, and every source fact without an OCSF home kept under `unmapped`.
 */
export interface StrictDeviceInventoryEvent {
  /** Always `2`. */
  activity_id: 2;
  /** Always `"Collect"`. */
  activity_name: "Collect";
  /** Always `5`. */
  category_uid: 5;
  /** Always `"Discovery"`. */
  category_name: "Discovery";
  /** Always `5001`. */
  class_uid: 5001;
  /** Always `"Device Inventory Info"`. */
  class_name: "Device Inventory Info";
  /** Always `500102`. */
  type_uid: 500102;
  /** Always `"Device Inventory Info: Collect"`. */
  type_name: "Device Inventory Info: Collect";
  /** Always `1`. */
  severity_id: 1;
  /** Always `"Informational"`. */
  severity: "Informational";
  /** The state's time: `lastUpdated`, else `created`, epoch milliseconds. */
  time: number;
  /** Product and schema version. */
  metadata: {
    /** The source product. */
    product: {
      /** Always `"Okta"`. */
      name: "Okta";
      /** Always `"Okta"`. */
      vendor_name: "Okta";
    };
    /** Always `"1.6.0"`. */
    version: "1.6.0";
  };
  /** The device. */
  device: StrictDevice;
  /**
   * Every source fact with no OCSF home, under the source's own names and nesting
   * (`status`, `profile.registered`, `profile.sid`, `_embedded.users`, unknown fields, …).
   * `_links` are dropped. Omitted when empty.
   */
  unmapped?: { [key: string]: JsonValue };
}
