import { arrowTable } from "./arrow-table.js";
import type { ColumnPool } from "./column-pool.js";
import type { CompiledSchema } from "./compiled-schema.js";
import { parquetBytes } from "./parquet-bytes.js";
import type { ParquetLibraries } from "./parquet-libraries.js";
import type { PartitionSnapshot } from "./partition-buffer.js";
import { rowsToColumns } from "./rows-to-columns.js";
import { slotColumns } from "./slot-columns.js";

/** One encoded Parquet file and the `time` range of its rows (epoch milliseconds). */
export interface EncodedFile {
  readonly bytes: Uint8Array;
  /**
   * The buffer the file's rows came in (`snapshot.bytes.buffer`), no longer read: given back
   * to the writer's pool (see byte-pool.ts), moved back from the encoder thread.
   */
  readonly rowBytes: ArrayBuffer;
  readonly firstTime: number;
  readonly lastTime: number;
}

/** What a file's creator is recorded as in its footer (`created_by`). */
export const CREATED_BY = "okta-device-ocsf (parquet-wasm)";

/**
 * Splits a file's rows into columns, sorts them by `time` and encodes them as one Parquet file.
 * `pool`: where the columns are taken from and kept for the next file (new ones without).
 */
export function encodeFile(
  libraries: ParquetLibraries,
  schema: CompiledSchema,
  snapshot: PartitionSnapshot,
  pool?: ColumnPool,
): EncodedFile {
  const slots = pool === undefined ? slotColumns(schema) : pool.take(schema);
  const { columns, firstTime, lastTime } = rowsToColumns(schema, snapshot, slots);
  const table = arrowTable(libraries.arrow, schema, columns);
  const bytes = parquetBytes(libraries, table, CREATED_BY);
  // Encoded: the table's data (views of the columns) are no longer read.
  pool?.keep(schema, slots);
  return { bytes, rowBytes: snapshot.bytes.buffer as ArrayBuffer, firstTime, lastTime };
}
