import {
  type Allocation,
  NumberBuffer,
  RangeBuffer,
  type RawNumbers,
  type RawRanges,
  type RawUtf8,
  Utf8Buffer,
} from "./column-buffers.js";
import type { CompiledSchema, LakeNode } from "./compiled-schema.js";

/** A column's buffered values in arrival order, by kind (see {@link PartitionSnapshot}). */
export type RawColumn =
  | { readonly kind: "utf8"; readonly data: RawUtf8 }
  | { readonly kind: "numbers"; readonly data: RawNumbers }
  | { readonly kind: "list"; readonly ranges: RawRanges; readonly items: RawUtf8 | RawNumbers }
  | {
      readonly kind: "map";
      readonly ranges: RawRanges;
      readonly keys: RawUtf8;
      readonly values: RawUtf8;
    };

/**
 * The rows of one file as plain typed arrays (structured-cloneable, so that they can be
 * moved to a worker thread): columns by slot, in arrival order.
 */
export interface PartitionSnapshot {
  readonly rows: number;
  readonly columns: readonly RawColumn[];
}

interface Column {
  push(value: unknown): void;
  raw(): RawColumn;
}

function utf8Column(memory: Allocation): Column {
  const buffer = new Utf8Buffer(memory);
  return {
    push: (value) => buffer.push(value as string | null),
    raw: () => ({ kind: "utf8", data: buffer.raw() }),
  };
}

function numberColumn(buffer: NumberBuffer): Column {
  return {
    // Booleans as 1 and 0; a group's presence is `true` or null.
    push: (value) =>
      buffer.push(
        value === null ? null : value === true ? 1 : value === false ? 0 : (value as number),
      ),
    raw: () => ({ kind: "numbers", data: buffer.raw() }),
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
    raw: () => ({
      kind: "list",
      ranges: ranges.raw(),
      items: stringItems ? strings.raw() : numbers.raw(),
    }),
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
    raw: () => ({ kind: "map", ranges: ranges.raw(), keys: keys.raw(), values: values.raw() }),
  };
}

function columnsOf(node: LakeNode, columns: Column[], memory: Allocation): void {
  switch (node.kind) {
    case "scalar":
      columns[node.slot] =
        node.type === "string" ? utf8Column(memory) : numberColumn(new NumberBuffer(memory));
      return;
    case "list":
      columns[node.slot] = listColumn(node.element === "string", memory);
      return;
    case "map":
      columns[node.slot] = mapColumn(memory);
      return;
    default:
      columns[node.slot] = numberColumn(new NumberBuffer(memory));
      for (const child of node.children) columnsOf(child, columns, memory);
  }
}

/**
 * The rows of one future file (one class, one event day), buffered column by column outside
 * the JavaScript heap, so that they can be sorted by `time` before the file is written.
 */
export class PartitionBuffer {
  readonly #columns: Column[] = [];
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
    columnsOf(schema.root, this.#columns, this.#memory);
  }

  /** Appends one shredded row (see `shredEvent`). */
  push(row: readonly unknown[]): void {
    const columns = this.#columns;
    for (let slot = 0; slot < columns.length; slot++) (columns[slot] as Column).push(row[slot]);
    this.rows++;
  }

  /** The buffered rows as they are (views of the buffers: push nothing more after this). */
  snapshot(): PartitionSnapshot {
    return { rows: this.rows, columns: this.#columns.map((column) => column.raw()) };
  }
}
