import {
  type Gathered,
  type GatheredNumbers,
  type GatheredUtf8,
  gatherNumbers,
  gatherRanges,
  gatherUtf8,
  type RawNumbers,
  type RawUtf8,
} from "./column-buffers.js";
import type { PartitionSnapshot, RawColumn } from "./partition-buffer.js";

/** A node's buffered values in file order, as `arrowTable` takes them. */
export type GatheredColumn =
  | { readonly kind: "utf8"; readonly data: GatheredUtf8 }
  | { readonly kind: "numbers"; readonly data: GatheredNumbers }
  | {
      readonly kind: "list";
      readonly ranges: Gathered & { offsets: Int32Array };
      readonly items: GatheredUtf8 | GatheredNumbers;
    }
  | {
      readonly kind: "map";
      readonly ranges: Gathered & { offsets: Int32Array };
      readonly keys: GatheredUtf8;
      readonly values: GatheredUtf8;
    };

function gatherColumn(column: RawColumn, order: ArrayLike<number>): GatheredColumn {
  switch (column.kind) {
    case "utf8":
      return { kind: "utf8", data: gatherUtf8(column.data, order) };
    case "numbers":
      return { kind: "numbers", data: gatherNumbers(column.data, order) };
    case "list": {
      const { ranges, items } = gatherRanges(column.ranges, order);
      const gathered =
        "bytes" in column.items
          ? gatherUtf8(column.items as RawUtf8, items)
          : gatherNumbers(column.items as RawNumbers, items);
      return { kind: "list", ranges, items: gathered };
    }
    default: {
      const { ranges, items } = gatherRanges(column.ranges, order);
      return {
        kind: "map",
        ranges,
        keys: gatherUtf8(column.keys, items),
        values: gatherUtf8(column.values, items),
      };
    }
  }
}

/**
 * A file's columns (by slot) in `time` order (ties keep arrival order), and its first and
 * last `time` (epoch milliseconds).
 */
export function sortedColumns(
  snapshot: PartitionSnapshot,
  timeSlot: number,
): { columns: GatheredColumn[]; firstTime: number; lastTime: number } {
  const time = (snapshot.columns[timeSlot] as { data: RawNumbers }).data.values;
  const order = new Int32Array(snapshot.rows);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // Already in order (one day's events usually arrive by time): skip the sort.
  let sorted = true;
  for (let i = 1; i < order.length && sorted; i++)
    sorted = (time[i - 1] as number) <= (time[i] as number);
  if (!sorted) {
    const indices = Array.from(order);
    indices.sort((a, b) => (time[a] as number) - (time[b] as number) || a - b);
    order.set(indices);
  }
  const columns = snapshot.columns.map((column) => gatherColumn(column, order));
  const last = order[order.length - 1] ?? 0;
  return { columns, firstTime: time[order[0] ?? 0] as number, lastTime: time[last] as number };
}
