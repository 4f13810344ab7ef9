import type { NumberBuffer, Utf8Buffer } from "./column-buffers.js";
import type { CompiledSchema } from "./compiled-schema.js";
import type { WrittenRows } from "./row-buffer.js";
import {
  type ListColumn,
  type MapColumn,
  type RawColumn,
  rawColumn,
  type SlotColumn,
  slotColumns,
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

/**
 * Splits rows written by a `RowBuffer` (see row-buffer.ts for the format) into one column per
 * schema node, the rows in `time` order. Throws when the bytes do not follow the format.
 */
export function rowsToColumns(schema: CompiledSchema, written: WrittenRows): ColumnarRows {
  const { bytes, rows, starts, times } = written;
  const order = timeOrder(times);
  const columns = slotColumns(schema);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nodes = schema.nodes;
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++] as number;
      value |= (byte & 0x7f) << shift;
      if (byte < 0x80) return value >>> 0;
      shift += 7;
      if (shift > 28) throw new RowFormatError("varint too long");
    }
  };
  const string = (into: Utf8Buffer): void => {
    const length = view.getUint32(at, true);
    at += 4;
    into.pushBytes(bytes, at, at + length);
    at += length;
  };
  const number = (into: NumberBuffer): void => {
    into.push(view.getFloat64(at, true));
    at += 8;
  };
  for (let row = 0; row < rows; row++) {
    at = starts[order[row] as number] as number;
    for (let tag = varint(); tag !== 0; tag = varint()) {
      const node = nodes[tag - 1];
      const column = columns[tag - 1] as SlotColumn;
      if (node === undefined || column.length > row) {
        throw new RowFormatError(`bad tag ${tag} in row ${row}`);
      }
      // Rows where the node was absent: nulls, padded in only when a value comes.
      if (column.length < row) column.pad(row);
      switch (node.kind) {
        case "group":
          (column as NumberBuffer).push(1);
          break;
        case "scalar":
          if (node.type === "string") string(column as Utf8Buffer);
          else number(column as NumberBuffer);
          break;
        case "list": {
          const list = column as ListColumn;
          const count = varint();
          if (node.element === "string") {
            for (let i = 0; i < count; i++) string(list.items as Utf8Buffer);
          } else {
            for (let i = 0; i < count; i++) number(list.items as NumberBuffer);
          }
          list.ranges.push(count);
          break;
        }
        default: {
          const map = column as MapColumn;
          const count = view.getUint32(at, true);
          at += 4;
          for (let i = 0; i < count; i++) {
            string(map.keys);
            if (bytes[at++] === 0) map.values.push(null);
            else string(map.values);
          }
          map.ranges.push(count);
        }
      }
    }
  }
  for (const column of columns) if (column.length < rows) column.pad(rows);
  const first = order[0] ?? 0;
  const last = order[rows - 1] ?? 0;
  return {
    rows,
    columns: columns.map(rawColumn),
    firstTime: times[first] as number,
    lastTime: times[last] as number,
  };
}
