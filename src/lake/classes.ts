import type { OcsfVersion } from "../ocsf/versions.js";
import type { LakeGroup } from "./column-types.js";
import { entityManagementSchema } from "./entity-management-schema.js";
import { inventoryInfoSchema } from "./inventory-info-schema.js";

/** An OCSF event class the lake writer has a Parquet schema for. */
export interface LakeEventClass {
  /** OCSF `class_uid`. */
  readonly classUid: number;
  /** OCSF `class_name`. */
  readonly className: string;
  /** The custom-source name its files go under when the options name none. */
  readonly defaultSource: string;
  /** The fixed Parquet schema of the class's events in `version`. */
  readonly schema: (version: OcsfVersion) => LakeGroup;
}

/**
 * The classes the lake writer can write, keyed by `class_uid`. Each class goes to its own
 * custom source, as Security Lake requires one OCSF class per source: Device Inventory Info
 * (5001, `toOcsfDeviceInventory`) and Entity Management (3004, the deleted devices of
 * `toOcsfDeviceDeletion`). Adding a class is one more entry here.
 */
export const LAKE_EVENT_CLASSES: ReadonlyMap<number, LakeEventClass> = new Map([
  [
    5001,
    {
      classUid: 5001,
      className: "Device Inventory Info",
      defaultSource: "okta-device-inventory",
      schema: inventoryInfoSchema,
    },
  ],
  [
    3004,
    {
      classUid: 3004,
      className: "Entity Management",
      defaultSource: "okta-device-deletions",
      schema: entityManagementSchema,
    },
  ],
]);
