import type { NumberBuffer, Utf8Buffer } from "./column-buffers.js";
import type { CompiledSchema } from "./compiled-schema.js";
import type { WrittenRows } from "./row-buffer.js";
import {
  type ListColumn,
  type MapColumn,
  type RawColumn,
  rawColumn,
  SLOT_OP,
  type SlotColumn,
  slotColumns,
  slotOps,
} from "./slot-columns.js";

/** A file's rows split into columns (by slot), in `time` order, and the first and last `time`. */
export interface ColumnarRows {
  readonly rows: number;
  readonly columns: readonly RawColumn[];
  readonly firstTime: number;
  readonly lastTime: number;
}

/** Row indices in `time` order (ties in arrival order). */
function timeOrder(times: Float64Array): Int32Array {
  const order = new Int32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // Already in order (one day's events often arrive by time): no sort.
  let sorted = true;
  for (let i = 1; i < times.length && sorted; i++) {
    sorted = (times[i - 1] as number) <= (times[i] as number);
  }
  if (sorted) return order;
  return order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
}

/** Thrown when row bytes do not follow the row format (a bug, never bad input). */
class RowFormatError extends Error {
  override readonly name = "RowFormatError";
}

// The split below reads every value of every row, so it is one function with its position in
// a local (closures sharing it made it a context slot), a varint's one-byte case inline, and
// each kind's calls at a call site of their own: every column object a call site sees is of
// one class, which V8 calls fastest (one site for all kinds made `length` and `pad` slow).

/**
 * Splits rows written by a `RowBuffer` (see row-buffer.ts for the format) into one column per
 * schema node, the rows in `time` order. Throws when the bytes do not follow the format.
 * `columns`: empty columns of `schema` to fill (see column-pool.ts); new ones by default.
 */
export function rowsToColumns(
  schema: CompiledSchema,
  written: WrittenRows,
  columns: readonly SlotColumn[] = slotColumns(schema),
): ColumnarRows {
  const { bytes, rows, starts, times } = written;
  const order = timeOrder(times);
  const ops = slotOps(schema);
  const slots = ops.length;
  // Rows each column holds so far (its values, or nulls padded in when a value comes).
  const filled = new Int32Array(slots);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (let row = 0; row < rows; row++) {
    at = starts[order[row] as number] as number;
    for (;;) {
      let tag = bytes[at++] as number;
      // Past the end (undefined) too: varintAt throws.
      if (!(tag < 0x80)) [tag, at] = varintAt(bytes, at - 1);
      if (tag === 0) break;
      const slot = tag - 1;
      if (slot >= slots || (filled[slot] as number) > row) {
        throw new RowFormatError(`bad tag ${tag} in row ${row}`);
      }
      // Rows where the node was absent: nulls, padded in only when a value comes.
      if ((filled[slot] as number) < row) (columns[slot] as SlotColumn).pad(row);
      filled[slot] = row + 1;
      switch (ops[slot]) {
        case SLOT_OP.group:
          (columns[slot] as NumberBuffer).push(1);
          break;
        case SLOT_OP.string:
          at = pushStringAt(columns[slot] as Utf8Buffer, bytes, view, at);
          break;
        case SLOT_OP.number:
          (columns[slot] as NumberBuffer).push(view.getFloat64(at, true));
          at += 8;
          break;
        case SLOT_OP.stringList: {
          const list = columns[slot] as ListColumn;
          const items = list.items as Utf8Buffer;
          let count = bytes[at++] as number;
          if (!(count < 0x80)) [count, at] = varintAt(bytes, at - 1);
          for (let i = 0; i < count; i++) at = pushStringAt(items, bytes, view, at);
          list.ranges.push(count);
          break;
        }
        case SLOT_OP.numberList: {
          const list = columns[slot] as ListColumn;
          const items = list.items as NumberBuffer;
          let count = bytes[at++] as number;
          if (!(count < 0x80)) [count, at] = varintAt(bytes, at - 1);
          for (let i = 0; i < count; i++) {
            items.push(view.getFloat64(at, true));
            at += 8;
          }
          list.ranges.push(count);
          break;
        }
        default: {
          const map = columns[slot] as MapColumn;
          const count = view.getUint32(at, true);
          at += 4;
          for (let i = 0; i < count; i++) {
            at = pushStringAt(map.keys, bytes, view, at);
            if (bytes[at++] === 0) map.values.push(null);
            else at = pushStringAt(map.values, bytes, view, at);
          }
          map.ranges.push(count);
        }
      }
    }
  }
  for (let slot = 0; slot < slots; slot++) {
    if ((filled[slot] as number) < rows) (columns[slot] as SlotColumn).pad(rows);
  }
  const first = order[0] ?? 0;
  const last = order[rows - 1] ?? 0;
  return {
    rows,
    columns: columns.map(rawColumn),
    firstTime: times[first] as number,
    lastTime: times[last] as number,
  };
}

// Appends the string payload at `at` (a uint32 LE byte length, then the UTF-8 bytes) to
// `into`; returns the position after it. One function for every string of the format: each
// call site sees only Utf8Buffers, and V8 inlines it.
function pushStringAt(into: Utf8Buffer, bytes: Uint8Array, view: DataView, at: number): number {
  const length = view.getUint32(at, true);
  const start = at + 4;
  into.pushBytes(bytes, start, start + length);
  return start + length;
}

// A varint at `at` (tags and counts: below 2^31); returns it and the position after it.
function varintAt(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++] as number;
    value |= (byte & 0x7f) << shift;
    if (byte < 0x80) return [value >>> 0, at];
    shift += 7;
    if (shift > 28) throw new RowFormatError("varint too long");
  }
}
