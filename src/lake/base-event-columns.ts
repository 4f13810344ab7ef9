import type { LakeGroup } from "./column-types.js";

/**
 * The classification columns every OCSF event class starts with (the base event's
 * attributes), in the order both lake schemas write them: one list, so that the classes'
 * files agree on their names and types.
 */
export const BASE_EVENT_COLUMNS: LakeGroup = {
  activity_id: "int32",
  activity_name: "string",
  category_uid: "int32",
  category_name: "string",
  class_uid: "int32",
  class_name: "string",
  type_uid: "int64",
  type_name: "string",
  severity_id: "int32",
  severity: "string",
};
