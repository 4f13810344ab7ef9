import type { OcsfDeviceTypeId, OcsfOsTypeId } from "./captions.js";
import type { SekoiaDeviceOs } from "./sekoia-event.js";
import type { OcsfVersion } from "./versions.js";

/** The class, activity and severity fields every deletion event carries (OCSF Entity Management, activity Delete). */
export interface DeviceDeletionHeader {
  /** Always `4`. */
  activity_id: 4;
  /** Always `"Delete"`. */
  activity_name: "Delete";
  /** Always `3`. */
  category_uid: 3;
  /** Always `"Identity & Access Management"`. */
  category_name: "Identity & Access Management";
  /** Always `3004`. */
  class_uid: 3004;
  /** Always `"Entity Management"`. */
  class_name: "Entity Management";
  /** Always `300404` (`class_uid * 100 + activity_id`). */
  type_uid: 300404;
  /** Always `"Entity Management: Delete"`. */
  type_name: "Entity Management: Delete";
  /** Always `1`. */
  severity_id: 1;
  /** Always `"Informational"`. */
  severity: "Informational";
  /** Why the event exists, for people: the device is absent from a complete listing. */
  message: string;
}

/**
 * The last known device of an `"ocsf"` deletion event (OCSF `device`): a subset valid in
 * every supported OCSF version (1.3.0 to 1.8.0).
 */
export interface StrictDeletedDevice {
  /** From the last known platform (and model): iOS and Android 5 Mobile, an iPad 4 Tablet, Windows, macOS and Linux 2 Desktop, otherwise 0 Unknown. */
  type_id: OcsfDeviceTypeId;
  /** Caption of `type_id`. */
  type: string;
  /** Okta device id. */
  uid: string;
  /** The last known `profile.displayName`. */
  name?: string;
  /** The operating system, from the last known platform. */
  os?: {
    /** `Windows`, `macOS`, `iOS`, `iPadOS`, `Android`, `Linux`, or the source value. */
    name: string;
    /** OCSF OS type id (99 for a platform OCSF does not know). */
    type_id: OcsfOsTypeId;
    /** Caption of `type_id`; for 99, the source platform. */
    type: string;
  };
  /** The last `lastUpdated` seen, epoch milliseconds. */
  modified_time?: number;
}

/**
 * An `"ocsf"` profile deletion: an OCSF **Entity Management** event (class 3004, activity
 * 4 Delete) whose entity is the device (`entity.type_id` 1 Device). Valid against the
 * official schema of the version it declares; times in epoch **milliseconds**.
 */
export interface StrictDeviceDeletionEvent extends DeviceDeletionHeader {
  /** When the deletion was detected (`detectedAt`), epoch milliseconds. */
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
    /** The OCSF version chosen (`ocsfVersion`, default `"1.6.0"`). */
    version: OcsfVersion;
  };
  /** The deleted device, as a managed entity. */
  entity: {
    /** Always `1`. */
    type_id: 1;
    /** Always `"Device"`. */
    type: "Device";
    /** The Okta device id. */
    uid: string;
    /** The last known `profile.displayName`. */
    name?: string;
    /** The last known device object. */
    device: StrictDeletedDevice;
  } /**
   * Facts the declared version cannot hold: in OCSF 1.3.0 (strings of at most 65,535
   * characters), a longer `displayName` or `platform`. Omitted when empty.
   */;
  unmapped?: { displayName?: string; platform?: string };
}

/** The last known device of a `"sekoia"` deletion, in that profile's device terms. */
export interface SekoiaDeletedDevice {
  /** Okta device id. */
  uid: string;
  /** The last known `profile.displayName`. */
  name?: string;
  /** The last known `profile.displayName`. */
  hostname?: string;
  /** From the last known platform, as in the inventory events (`name`, `type`). */
  os?: SekoiaDeviceOs;
  /** The last `lastUpdated` seen, epoch **seconds**. */
  updated_time?: number;
}

/**
 * A `"sekoia"` profile deletion. Sekoia documents no shape for a deleted device, so this
 * typed result is the contract (kept stable under semver): the Entity Management
 * fields of the `"ocsf"` profile, with that profile's conventions (times in epoch
 * **seconds**, `metadata.version` `"1.6.0"`, the device in the inventory events' terms).
 * A connector should remove the asset whose uid is `entity.uid` from its inventory rather
 * than send this as a Device Inventory Info event.
 */
export interface SekoiaDeviceDeletionEvent extends DeviceDeletionHeader {
  /** When the deletion was detected (`detectedAt`), epoch seconds. */
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
  /** The deleted device, as a managed entity. */
  entity: {
    /** Always `1`. */
    type_id: 1;
    /** Always `"Device"`. */
    type: "Device";
    /** The Okta device id. */
    uid: string;
    /** The last known `profile.displayName`. */
    name?: string;
    /** The last known device. */
    device: SekoiaDeletedDevice;
  };
}
