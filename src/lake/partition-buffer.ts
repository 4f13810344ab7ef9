import type { CompiledSchema } from "./compiled-schema.js";

/**
 * The rows of one future file (one class, one event day), buffered column by column so that
 * they can be sorted by `time` before the file is written.
 */
export class PartitionBuffer {
  readonly columns: unknown[][];
  rows = 0;
  bytes = 0;

  constructor(
    readonly schema: CompiledSchema,
    readonly classUid: number,
    readonly source: string,
    readonly eventDay: string,
    readonly openedAt: number,
  ) {
    this.columns = Array.from({ length: schema.slotCount }, () => []);
  }

  /** Appends one shredded row. */
  push(row: readonly unknown[], bytes: number): void {
    const columns = this.columns;
    for (let slot = 0; slot < columns.length; slot++) (columns[slot] as unknown[]).push(row[slot]);
    this.rows++;
    this.bytes += bytes;
  }

  /** The columns reordered by `time` (ties keep arrival order), and the first and last time. */
  sorted(): { columns: unknown[][]; firstTime: number; lastTime: number } {
    const times = this.columns[this.schema.timeSlot] as number[];
    const order = Array.from({ length: this.rows }, (_, i) => i);
    order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
    const columns = this.columns.map((column) => order.map((i) => column[i]));
    const first = order[0] ?? 0;
    const last = order[order.length - 1] ?? 0;
    return { columns, firstTime: times[first] as number, lastTime: times[last] as number };
  }
}
