import {
  type Allocation,
  type Gathered,
  type GatheredNumbers,
  type GatheredUtf8,
  NumberBuffer,
  RangeBuffer,
  Utf8Buffer,
} from "./column-buffers.js";
import type { CompiledSchema, LakeNode } from "./compiled-schema.js";

/** A node's buffered values in file order, as {@link arrowTable} takes them. */
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

interface Column {
  push(value: unknown): void;
  gather(order: ArrayLike<number>): GatheredColumn;
}

function utf8Column(memory: Allocation): Column {
  const buffer = new Utf8Buffer(memory);
  return {
    push: (value) => buffer.push(value as string | null),
    gather: (order) => ({ kind: "utf8", data: buffer.gather(order) }),
  };
}

function numberColumn(buffer: NumberBuffer): Column {
  return {
    // Booleans as 1 and 0; a group's presence is `true` or null.
    push: (value) =>
      buffer.push(
        value === null ? null : value === true ? 1 : value === false ? 0 : (value as number),
      ),
    gather: (order) => ({ kind: "numbers", data: buffer.gather(order) }),
  };
}

function listColumn(stringItems: boolean, memory: Allocation): Column {
  const ranges = new RangeBuffer(memory);
  const strings = new Utf8Buffer(memory);
  const numbers = new NumberBuffer(memory);
  return {
    push(value) {
      const list = value as unknown[] | null;
      ranges.push(list === null ? null : list.length);
      if (list !== null) {
        for (const item of list) {
          if (stringItems) strings.push(item as string);
          else numbers.push(item === true ? 1 : item === false ? 0 : (item as number));
        }
      }
    },
    gather(order) {
      const { ranges: gathered, items } = ranges.gather(order);
      return {
        kind: "list",
        ranges: gathered,
        items: stringItems ? strings.gather(items) : numbers.gather(items),
      };
    },
  };
}

function mapColumn(memory: Allocation): Column {
  const ranges = new RangeBuffer(memory);
  const keys = new Utf8Buffer(memory);
  const values = new Utf8Buffer(memory);
  return {
    push(value) {
      const entries = value as (string | null)[] | null;
      ranges.push(entries === null ? null : entries.length / 2);
      if (entries !== null) {
        for (let i = 0; i < entries.length; i += 2) {
          keys.push(entries[i] as string);
          values.push(entries[i + 1] as string | null);
        }
      }
    },
    gather(order) {
      const { ranges: gathered, items } = ranges.gather(order);
      return {
        kind: "map",
        ranges: gathered,
        keys: keys.gather(items),
        values: values.gather(items),
      };
    },
  };
}

function columnsOf(
  node: LakeNode,
  columns: Column[],
  time: { buffer?: NumberBuffer },
  timeSlot: number,
  memory: Allocation,
): void {
  switch (node.kind) {
    case "scalar":
      if (node.type === "string") columns[node.slot] = utf8Column(memory);
      else {
        const buffer = new NumberBuffer(memory);
        if (node.slot === timeSlot) time.buffer = buffer;
        columns[node.slot] = numberColumn(buffer);
      }
      return;
    case "list":
      columns[node.slot] = listColumn(node.element === "string", memory);
      return;
    case "map":
      columns[node.slot] = mapColumn(memory);
      return;
    default:
      columns[node.slot] = numberColumn(new NumberBuffer(memory));
      for (const child of node.children) columnsOf(child, columns, time, timeSlot, memory);
  }
}

/**
 * The rows of one future file (one class, one event day), buffered column by column outside
 * the JavaScript heap, so that they can be sorted by `time` before the file is written.
 */
export class PartitionBuffer {
  readonly #columns: Column[] = [];
  readonly #time: NumberBuffer;
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
    const time: { buffer?: NumberBuffer } = {};
    columnsOf(schema.root, this.#columns, time, schema.timeSlot, this.#memory);
    this.#time = time.buffer as NumberBuffer;
  }

  /** Appends one shredded row (see `shredEvent`). */
  push(row: readonly unknown[]): void {
    const columns = this.#columns;
    for (let slot = 0; slot < columns.length; slot++) (columns[slot] as Column).push(row[slot]);
    this.rows++;
  }

  /** The columns (by slot) in `time` order (ties keep arrival order), and the first and last time. */
  sorted(): { columns: GatheredColumn[]; firstTime: number; lastTime: number } {
    const time = this.#time;
    const order = Array.from({ length: this.rows }, (_, i) => i);
    order.sort((a, b) => time.at(a) - time.at(b) || a - b);
    const columns = this.#columns.map((column) => column.gather(order));
    return {
      columns,
      firstTime: time.at(order[0] ?? 0),
      lastTime: time.at(order[order.length - 1] ?? 0),
    };
  }
}
