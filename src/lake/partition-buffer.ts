import type { Allocation } from "./column-buffers.js";
import type { CompiledSchema } from "./compiled-schema.js";
import { shredEvent } from "./shred.js";
import { type RawColumn, rawColumn, type SlotColumn, slotColumns } from "./slot-columns.js";

export type { RawColumn } from "./slot-columns.js";

/**
 * The rows of one file as plain typed arrays (structured-cloneable, so that they can be
 * moved to a worker thread): columns by slot, in arrival order.
 */
export interface PartitionSnapshot {
  readonly rows: number;
  readonly columns: readonly RawColumn[];
}

/**
 * The rows of one future file (one class, one event day), buffered column by column outside
 * the JavaScript heap, so that they can be sorted by `time` before the file is written.
 */
export class PartitionBuffer {
  readonly #columns: SlotColumn[];
  readonly #memory: Allocation = { bytes: 0 };
  rows = 0;

  /** Bytes of memory the buffers hold (their capacity). */
  get bytes(): number {
    return this.#memory.bytes;
  }

  constructor(
    readonly schema: CompiledSchema,
    readonly classUid: number,
    readonly source: string,
    readonly eventDay: string,
    readonly openedAt: number,
  ) {
    this.#columns = slotColumns(schema, this.#memory);
  }

  /**
   * Appends one event as a row. Throws `ShredError` naming the first field that does not fit
   * the schema; the buffer is then as it was.
   */
  append(event: unknown): void {
    const row = this.rows;
    try {
      shredEvent(this.schema, event, this.#columns, row);
    } catch (error) {
      for (const column of this.#columns) column.truncate(row);
      throw error;
    }
    this.rows = row + 1;
  }

  /** The buffered rows as they are (views of the buffers: append nothing more after this). */
  snapshot(): PartitionSnapshot {
    const rows = this.rows;
    return {
      rows,
      columns: this.#columns.map((column) => {
        if (column.length < rows) column.pad(rows);
        return rawColumn(column);
      }),
    };
  }
}
