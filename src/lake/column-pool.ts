import type { CompiledSchema } from "./compiled-schema.js";
import { type SlotColumn, slotColumns } from "./slot-columns.js";

// The columns a file's rows are split into, kept for the writer's next file of the same
// schema once the file is encoded (its Arrow data are copied out: into Arrow's IPC stream,
// then into WebAssembly memory). New columns for every file cost a few hundred typed arrays,
// grown by doubling from empty (each growth a copy, and garbage): for a first load of
// thousands of small files that was a large part of splitting them into columns.

/**
 * The most bytes of columns kept for the next file, per schema: the columns of a default
 * 8 MiB file take about as much; larger files (`maxFileBytes` up to 256 MiB) must not leave
 * their columns held until the writer is done.
 */
export const MAX_KEPT_COLUMN_BYTES = 16 * 1024 * 1024;

/** Bytes of memory `columns` hold. */
export function columnBytes(columns: readonly SlotColumn[]): number {
  let bytes = 0;
  for (const column of columns) bytes += column.capacity;
  return bytes;
}

/**
 * One writer's kept columns (one pool per encoding thread of a writer: the columns go with
 * the writer, or with its encoder thread, when it is done).
 */
export class ColumnPool {
  #kept = new WeakMap<CompiledSchema, SlotColumn[]>();

  /** Empty columns of `schema`: the last file's, emptied, when kept; else new ones. */
  take(schema: CompiledSchema): SlotColumn[] {
    const columns = this.#kept.get(schema);
    if (columns === undefined) return slotColumns(schema);
    // Taken: a file encoded meanwhile (none is, today: encoding is synchronous) gets its own.
    this.#kept.delete(schema);
    for (const column of columns) column.reset();
    return columns;
  }

  /**
   * Keeps `columns` for the next file of `schema` (nothing may read their data after this),
   * unless they hold more than {@link MAX_KEPT_COLUMN_BYTES}.
   */
  keep(schema: CompiledSchema, columns: SlotColumn[]): void {
    if (columnBytes(columns) <= MAX_KEPT_COLUMN_BYTES) this.#kept.set(schema, columns);
  }

  /** Lets go of the kept columns: the writer is done, though its caller may keep it. */
  clear(): void {
    this.#kept = new WeakMap();
  }
}
