import type { OcsfDeviceTypeId, OcsfOsTypeId } from "./captions.js";
import type { OcsfVersion } from "./versions.js";

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
  /** `firstName lastName`; an empty part is left out, and two empty ones give no `full_name`. */
  full_name?: string;
}

/** The `device.hw_info` object of OCSF 1.3.0 (OCSF `device_hw_info`). */
export interface StrictDeviceHwInfo130 {
  /** `profile.serialNumber`. */
  serial_number?: string;
}

/** The `device.hw_info` object of OCSF 1.4.0 and later (OCSF `device_hw_info`). */
export interface StrictDeviceHwInfo extends StrictDeviceHwInfo130 {
  /** `profile.manufacturer`. */
  vendor_name?: string;
}

/**
 * The `device` attributes of an `"ocsf"` profile event in OCSF 1.3.0, which every later
 * version also defines (OCSF `device`).
 */
export interface StrictDeviceCommon {
  /** OCSF device type id: iOS and Android 5 Mobile, an iPad 4 Tablet, Windows, macOS and Linux 2 Desktop, otherwise 0 Unknown. */
  type_id: OcsfDeviceTypeId;
  /** Caption of `type_id`. */
  type: string;
  /** Okta device id. */
  uid: string;
  /** `profile.displayName`. */
  name?: string;
  /** `profile.displayName` (in OCSF 1.3.0 only when it is a DNS-style name). */
  hostname?: string;
  /** The operating system, when the record has a platform. */
  os?: StrictDeviceOs;
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
 * The `device` of an OCSF 1.3.0 event: no `model`, `vendor_name`, `imei_list`, `meid` or
 * `udid` (those stay under `unmapped.profile`); the IMEI goes to `imei`.
 */
export interface StrictDevice130 extends StrictDeviceCommon {
  /** Serial number. */
  hw_info?: StrictDeviceHwInfo130;
  /** `profile.imei` (OCSF 1.3.0 has no `imei_list`). */
  imei?: string;
}

/** The `device` of an OCSF 1.4.0 event: 1.3.0's plus `model`, `vendor_name`, `imei_list`. */
export interface StrictDevice140 extends StrictDeviceCommon {
  /** Serial number and manufacturer. */
  hw_info?: StrictDeviceHwInfo;
  /** `profile.manufacturer`. */
  vendor_name?: string;
  /** `profile.model`. */
  model?: string;
  /** `[profile.imei]` (`device.imei` is deprecated from 1.4.0). */
  imei_list?: string[];
}

/** The `device` of an OCSF 1.5.0 to 1.8.0 event: 1.4.0's plus `meid` and `udid`. */
export interface StrictDevice150 extends StrictDevice140 {
  /** `profile.meid`. */
  meid?: string;
  /** `profile.udid`. */
  udid?: string;
}

/**
 * The `device` object of an `"ocsf"` profile event of OCSF version `V` (default 1.6.0):
 * only the attributes that version defines.
 */
export type StrictDevice<V extends OcsfVersion = "1.6.0"> = V extends "1.3.0"
  ? StrictDevice130
  : V extends "1.4.0"
    ? StrictDevice140
    : StrictDevice150;

/**
 * A Device Inventory Info event in the `"ocsf"` profile for OCSF version `V` (default
 * 1.6.0): valid against that version's official JSON Schema of the class (captions and
 * `type_uid` consistent), times in epoch **milliseconds**, and every source fact without a
 * home in that version kept under `unmapped`.
 */
export interface StrictDeviceInventoryEvent<V extends OcsfVersion = "1.6.0"> {
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
    /** The chosen OCSF version (`ocsfVersion`), `"1.6.0"` by default. */
    version: V;
  };
  /** The device, with the attributes version `V` defines. */
  device: StrictDevice<V>;
  /**
   * Every source fact with no home in version `V`, under the source's own names and nesting
   * (`status`, `profile.registered`, `profile.sid`, `_embedded.users`, unknown fields; in
   * 1.3.0 also `profile.model`, `profile.manufacturer`, and any string longer than 65,535
   * characters, …). `_links` are dropped. Omitted when empty.
   */
  unmapped?: { [key: string]: JsonValue };
}
