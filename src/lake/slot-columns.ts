import {
  NumberBuffer,
  RangeBuffer,
  type RawNumbers,
  type RawRanges,
  type RawUtf8,
  Utf8Buffer,
} from "./column-buffers.js";
import type { CompiledSchema, LakeNode } from "./compiled-schema.js";

/** A column's values in arrival order, by kind (see `ColumnarRows`). */
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

// A list's or a map's column: each row's range over its child items.
abstract class RangedColumn {
  readonly ranges = new RangeBuffer();

  get length(): number {
    return this.ranges.length;
  }

  pad(length: number): void {
    this.ranges.pad(length);
  }

  abstract reset(): void;
  abstract get capacity(): number;
}

/** A list node's column: each row's range over the items (strings or numbers). */
export class ListColumn extends RangedColumn {
  readonly items: Utf8Buffer | NumberBuffer;

  constructor(stringItems: boolean) {
    super();
    this.items = stringItems ? new Utf8Buffer() : new NumberBuffer();
  }

  reset(): void {
    this.ranges.reset();
    this.items.reset();
  }

  get capacity(): number {
    return this.ranges.capacity + this.items.capacity;
  }
}

/** A map node's column (`unmapped`): each row's range over its keys and values. */
export class MapColumn extends RangedColumn {
  readonly keys = new Utf8Buffer();
  readonly values = new Utf8Buffer();

  reset(): void {
    this.ranges.reset();
    this.keys.reset();
    this.values.reset();
  }

  get capacity(): number {
    return this.ranges.capacity + this.keys.capacity + this.values.capacity;
  }
}

/**
 * The buffer of one schema node, by the node's kind: strings in a {@link Utf8Buffer}; other
 * scalars (booleans as 1 and 0) and a group's presence (1) in a {@link NumberBuffer}. A row
 * where the node is absent is a null, padded in when a later row has a value (or at the end),
 * so an event costs only its present values.
 */
export type SlotColumn = Utf8Buffer | NumberBuffer | ListColumn | MapColumn;

function addColumns(node: LakeNode, columns: SlotColumn[]): void {
  switch (node.kind) {
    case "scalar":
      columns[node.slot] = node.type === "string" ? new Utf8Buffer() : new NumberBuffer();
      return;
    case "list":
      columns[node.slot] = new ListColumn(node.element === "string");
      return;
    case "map":
      columns[node.slot] = new MapColumn();
      return;
    default:
      columns[node.slot] = new NumberBuffer();
      for (const child of node.children) addColumns(child, columns);
  }
}

/** What a slot's row payload is (see row-buffer.ts), by the node's kind and type. */
export const SLOT_OP = {
  group: 0,
  string: 1,
  number: 2,
  stringList: 3,
  numberList: 4,
  map: 5,
} as const;

function slotOp(node: LakeNode): number {
  switch (node.kind) {
    case "group":
      return SLOT_OP.group;
    case "scalar":
      return node.type === "string" ? SLOT_OP.string : SLOT_OP.number;
    case "list":
      return node.element === "string" ? SLOT_OP.stringList : SLOT_OP.numberList;
    default:
      return SLOT_OP.map;
  }
}

const ops = new WeakMap<CompiledSchema, Uint8Array>();

/**
 * Each slot's {@link SLOT_OP}, computed once per schema: splitting rows reads it for every
 * value, where the node's kind and type took two property reads on nodes of several shapes.
 */
export function slotOps(schema: CompiledSchema): Uint8Array {
  let slots = ops.get(schema);
  if (slots === undefined) {
    slots = Uint8Array.from(schema.nodes, slotOp);
    ops.set(schema, slots);
  }
  return slots;
}

/** One buffer per node of `schema`, by slot. */
export function slotColumns(schema: CompiledSchema): SlotColumn[] {
  const columns: SlotColumn[] = [];
  addColumns(schema.root, columns);
  return columns;
}

/** A column's values as they are (views of its buffers: push nothing more after this). */
export function rawColumn(column: SlotColumn): RawColumn {
  if (column instanceof Utf8Buffer) return { kind: "utf8", data: column.raw() };
  if (column instanceof NumberBuffer) return { kind: "numbers", data: column.raw() };
  if (column instanceof ListColumn) {
    return { kind: "list", ranges: column.ranges.raw(), items: column.items.raw() };
  }
  return {
    kind: "map",
    ranges: column.ranges.raw(),
    keys: column.keys.raw(),
    values: column.values.raw(),
  };
}
