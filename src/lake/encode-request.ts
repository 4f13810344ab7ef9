import { createHash } from "node:crypto";
import { OCSF_VERSIONS, type OcsfVersion } from "../ocsf/versions.js";
import { LAKE_EVENT_CLASSES } from "./classes.js";
import type { ColumnPool } from "./column-pool.js";
import { type CompiledSchema, compileSchema } from "./compiled-schema.js";
import { type EncodedFile, encodeFile } from "./encode-file.js";
import { loadParquetLibraries } from "./parquet-libraries.js";
import type { PartitionSnapshot } from "./partition-buffer.js";
import { ROW_FORMAT } from "./row-buffer.js";

/** One file to encode, as sent to the encoder thread (plain, structured-cloneable data). */
export interface EncodeRequest {
  readonly id: number;
  readonly classUid: number;
  readonly ocsfVersion: OcsfVersion;
  readonly snapshot: PartitionSnapshot;
}

const schemas = new Map<string, CompiledSchema>();

/** The compiled schema of a class and OCSF version, compiled once per thread. */
export function lakeSchema(classUid: number, ocsfVersion: OcsfVersion): CompiledSchema {
  const key = `${classUid}/${ocsfVersion}`;
  let schema = schemas.get(key);
  if (schema === undefined) {
    const eventClass = LAKE_EVENT_CLASSES.get(classUid);
    if (eventClass === undefined) throw new Error(`no lake schema for class_uid ${classUid}`);
    schema = compileSchema(eventClass.schema(ocsfVersion));
    schemas.set(key, schema);
  }
  return schema;
}

/**
 * Encodes one requested file (its `id` is only the thread's reply address), with the columns
 * of `pool` when given (see column-pool.ts).
 */
export async function encodeRequest(
  request: Omit<EncodeRequest, "id">,
  pool?: ColumnPool,
): Promise<EncodedFile> {
  const libraries = await loadParquetLibraries();
  const schema = lakeSchema(request.classUid, request.ocsfVersion);
  return encodeFile(libraries, schema, request.snapshot, pool);
}

let layout: string | undefined;

/**
 * A digest of how rows are laid out in a {@link PartitionSnapshot}: every class's compiled
 * schema (columns, slots, kinds) in every OCSF version. The encoder thread reports its own
 * when ready, and gets rows only if it is the writer's: a worker file of another version of
 * this package (found beside a program it was bundled into) would misread them.
 */
export function rowLayout(): string {
  if (layout === undefined) {
    const hash = createHash("sha256");
    hash.update(`${ROW_FORMAT}\n`);
    for (const classUid of LAKE_EVENT_CLASSES.keys()) {
      for (const version of OCSF_VERSIONS) {
        const { root, slotCount, timeSlot } = lakeSchema(classUid, version);
        const tree = JSON.stringify(root, (key, value: unknown) =>
          key === "byName" ? undefined : value,
        );
        hash.update(`${classUid}/${version}/${slotCount}/${timeSlot}/${tree}\n`);
      }
    }
    layout = hash.digest("hex");
  }
  return layout;
}
