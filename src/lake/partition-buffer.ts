import type { BytePool } from "./byte-pool.js";
import type { CompiledSchema } from "./compiled-schema.js";
import { MAX_ROW_BYTES, RowBuffer, type WrittenRows } from "./row-buffer.js";
import { shredEvent } from "./shred.js";

/**
 * The rows of one file as written by a `RowBuffer` (structured-cloneable, and its buffers
 * transferable, so that they can be moved to a worker thread), in arrival order.
 */
export type PartitionSnapshot = WrittenRows;

/**
 * The rows of one future file (one class, one event day), buffered outside the JavaScript
 * heap in one byte buffer (see row-buffer.ts), to be split into columns and sorted by `time`
 * when the file is written.
 */
export class PartitionBuffer {
  readonly #rows: RowBuffer;

  /** Rows buffered. */
  get rows(): number {
    return this.#rows.rows;
  }

  /** Bytes of memory the buffer holds (its capacity). */
  get bytes(): number {
    return this.#rows.capacity;
  }

  constructor(
    readonly schema: CompiledSchema,
    readonly classUid: number,
    readonly source: string,
    readonly eventDay: string,
    readonly openedAt: number,
    /** The most bytes one event's row may take (an event larger is rejected). */
    maxRowBytes = MAX_ROW_BYTES,
    /** Where the rows' buffer is taken from (see byte-pool.ts); new buffers without. */
    pool?: BytePool,
  ) {
    this.#rows = new RowBuffer(maxRowBytes, pool);
  }

  /**
   * Appends one event as a row. Throws `ShredError` naming the first field that does not fit
   * the schema, cannot be read, or makes the row larger than `maxRowBytes`; the buffer is then as it was.
   * `time`: the event's `time` (epoch milliseconds) as the caller read it with `eventTime`
   * (it picked the file); read from the event when not given.
   */
  append(event: unknown, time?: number): void {
    try {
      time = shredEvent(this.schema, event, this.#rows, time);
    } catch (error) {
      this.#rows.discard();
      throw error;
    }
    this.#rows.commit(time);
  }

  /** The buffered rows (a view of the buffer: append nothing more after this). */
  snapshot(): PartitionSnapshot {
    return this.#rows.written();
  }
}
