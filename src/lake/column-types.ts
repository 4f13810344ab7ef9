/**
 * A scalar Parquet column: `"string"` (UTF-8 `BYTE_ARRAY`), `"int32"`, `"int64"`, `"boolean"`,
 * or `"timestamp"`: an OCSF `timestamp_t`, kept as a plain 64-bit integer of epoch
 * milliseconds (not a Parquet `TIMESTAMP`, so the value reads back exactly as the event had it).
 */
export type LakeScalarType = "string" | "int32" | "int64" | "boolean" | "timestamp";

/**
 * The Parquet type of one attribute in a lake schema:
 * - a {@link LakeScalarType};
 * - `["string"]` (a one-element tuple): a Parquet `LIST` of that scalar;
 * - `"json_map"`: a Parquet `MAP<string, string>`, one entry per top-level key, nested values
 *   JSON-encoded (OCSF `unmapped`);
 * - an object: a nested Parquet group (struct) with these attributes.
 */
export type LakeColumnType = LakeScalarType | "json_map" | readonly [LakeScalarType] | LakeGroup;

/** A nested Parquet group: OCSF attribute name → its {@link LakeColumnType}. */
export interface LakeGroup {
  readonly [attribute: string]: LakeColumnType;
}
