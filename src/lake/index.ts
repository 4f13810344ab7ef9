/**
 * Write OCSF events as Parquet files in Amazon Security Lake's custom-source layout. This
 * entry loads its Parquet libraries (parquet-wasm and apache-arrow); the others never do.
 *
 * @packageDocumentation
 * @module okta-device-ocsf/lake
 */
export { LAKE_EVENT_CLASSES, type LakeEventClass } from "./classes.js";
export type { LakeColumnType, LakeGroup, LakeScalarType } from "./column-types.js";
export { LakeOptionsError, LakeRecordError } from "./errors.js";
export type {
  LakeFile,
  LakeRotationOptions,
  OcsfLakeOptions,
  OcsfLakeResult,
} from "./options.js";
export { LAKE_TEMP_FOLDER, OcsfLakeWriter, writeOcsfLake } from "./writer.js";
