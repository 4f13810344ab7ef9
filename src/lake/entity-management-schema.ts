import type { OcsfVersion } from "../ocsf/versions.js";
import { BASE_EVENT_COLUMNS } from "./base-event-columns.js";
import type { LakeGroup } from "./column-types.js";

// Written by hand from the official OCSF Entity Management schemas (entity_management-<version>),
// limited to what toOcsfDeviceDeletion's "ocsf" profile emits. That event is the same subset
// in every supported version (its device is a managed entity's `device`, present since 1.3.0),
// so the schema does not vary with the version; the parameter keeps the shape of every class's
// schema function, and tests check both directions for each version.

const OS: LakeGroup = { name: "string", type_id: "int32", type: "string" };

const DEVICE: LakeGroup = {
  type_id: "int32",
  type: "string",
  uid: "string",
  name: "string",
  os: OS,
  modified_time: "timestamp",
};

/**
 * The Parquet schema of OCSF Entity Management (class_uid 3004) events of `version`, as
 * `toOcsfDeviceDeletion(gone, { profile: "ocsf" })` writes them for a deleted device: OCSF
 * objects as nested groups, `unmapped` as a map of strings.
 */
export function entityManagementSchema(_version: OcsfVersion): LakeGroup {
  return {
    ...BASE_EVENT_COLUMNS,
    message: "string",
    time: "timestamp",
    metadata: { product: { name: "string", vendor_name: "string" }, version: "string" },
    entity: { type_id: "int32", type: "string", uid: "string", name: "string", device: DEVICE },
    unmapped: "json_map",
  };
}
