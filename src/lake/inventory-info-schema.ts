import type { OcsfVersion } from "../ocsf/versions.js";
import { BASE_EVENT_COLUMNS } from "./base-event-columns.js";
import type { LakeGroup } from "./column-types.js";

// Written by hand from the official OCSF class schemas (inventory_info-<version>), limited to
// what this library's "ocsf" profile can emit for that version. Tests check both directions:
// every column is an attribute the official schema defines, and every attribute the mapper
// emits has a column.

const OS: LakeGroup = { name: "string", type_id: "int32", type: "string", version: "string" };

const OWNER: LakeGroup = {
  uid: "string",
  name: "string",
  email_addr: "string",
  full_name: "string",
};

const METADATA: LakeGroup = {
  product: { name: "string", vendor_name: "string" },
  version: "string",
};

// The version a device attribute first appears in OCSF, for those the mapper uses that are
// not in 1.3.0 (VERSIONS.md beside the official schemas).
function deviceGroup(version: OcsfVersion): LakeGroup {
  const since14 = version !== "1.3.0";
  const since15 = since14 && version !== "1.4.0";
  return {
    type_id: "int32",
    type: "string",
    uid: "string",
    name: "string",
    hostname: "string",
    os: OS,
    hw_info: since14
      ? { serial_number: "string", vendor_name: "string" }
      : { serial_number: "string" },
    ...(since14
      ? { vendor_name: "string", model: "string", imei_list: ["string"] }
      : { imei: "string" }),
    ...(since15 ? { meid: "string", udid: "string" } : {}),
    is_managed: "boolean",
    is_compliant: "boolean",
    owner: OWNER,
    created_time: "timestamp",
    modified_time: "timestamp",
    last_seen_time: "timestamp",
  };
}

/**
 * The Parquet schema of OCSF Device Inventory Info (class_uid 5001) events of `version`:
 * every attribute the `"ocsf"` profile can emit for that version, OCSF objects as nested
 * groups, `unmapped` as a map of strings.
 */
export function inventoryInfoSchema(version: OcsfVersion): LakeGroup {
  return {
    ...BASE_EVENT_COLUMNS,
    time: "timestamp",
    metadata: METADATA,
    device: deviceGroup(version),
    unmapped: "json_map",
  };
}
