import {
  Bool,
  type Data,
  type DataType,
  Field,
  Int32,
  Int64,
  List,
  Map_,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
} from "apache-arrow";
import type { LakeScalarType } from "./column-types.js";
import type { CompiledSchema, GroupNode, LakeNode } from "./compiled-schema.js";

// Builds Arrow columns straight from the buffered values (typed arrays, offsets, validity
// bitmaps), which is several times faster than Arrow's row-by-row builders for nested data.

const encoder = new TextEncoder();

interface Validity {
  bitmap: Uint8Array | undefined;
  nullCount: number;
}

function validity(length: number, present: (i: number) => boolean): Validity {
  const bitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (present(i)) bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
    else nullCount++;
  }
  return { bitmap: nullCount === 0 ? undefined : bitmap, nullCount };
}

function utf8(values: readonly unknown[]): Data<Utf8> {
  const length = values.length;
  const offsets = new Int32Array(length + 1);
  let total = 0;
  for (let i = 0; i < length; i++) {
    const value = values[i];
    // Upper bound of the UTF-8 size; the exact offsets come from encodeInto below.
    if (typeof value === "string") total += value.length * 3;
  }
  let bytes = new Uint8Array(total);
  let end = 0;
  for (let i = 0; i < length; i++) {
    const value = values[i];
    if (typeof value === "string") end += encoder.encodeInto(value, bytes.subarray(end)).written;
    offsets[i + 1] = end;
  }
  if (end * 2 < bytes.length) bytes = bytes.slice(0, end);
  const { bitmap, nullCount } = validity(length, (i) => typeof values[i] === "string");
  return makeData({
    type: new Utf8(),
    length,
    nullCount,
    nullBitmap: bitmap,
    valueOffsets: offsets,
    data: bytes.subarray(0, end),
  });
}

function scalarData(type: LakeScalarType, values: readonly unknown[]): Data {
  const length = values.length;
  const present = (i: number) => values[i] !== null;
  switch (type) {
    case "string":
      return utf8(values);
    case "int32": {
      const data = new Int32Array(length);
      for (let i = 0; i < length; i++) data[i] = (values[i] as number | null) ?? 0;
      const { bitmap, nullCount } = validity(length, present);
      return makeData({ type: new Int32(), length, nullCount, nullBitmap: bitmap, data });
    }
    case "boolean": {
      const data = new Uint8Array((length + 7) >> 3);
      for (let i = 0; i < length; i++)
        if (values[i] === true) data[i >> 3] = (data[i >> 3] as number) | (1 << (i & 7));
      const { bitmap, nullCount } = validity(length, present);
      return makeData({ type: new Bool(), length, nullCount, nullBitmap: bitmap, data });
    }
    default: {
      const data = new BigInt64Array(length);
      for (let i = 0; i < length; i++) {
        const value = values[i];
        if (value !== null) data[i] = BigInt(value as number);
      }
      const { bitmap, nullCount } = validity(length, present);
      return makeData({ type: new Int64(), length, nullCount, nullBitmap: bitmap, data });
    }
  }
}

/** The Arrow type of a node (all fields nullable, so every file of a class has one schema). */
export function arrowType(node: LakeNode): DataType {
  switch (node.kind) {
    case "scalar":
      return scalarType(node.type);
    case "list":
      return new List(new Field("element", scalarType(node.element), true));
    case "map":
      return new Map_(mapEntries());
    default:
      return new Struct(
        node.children.map((child) => new Field(child.name, arrowType(child), true)),
      );
  }
}

function scalarType(type: LakeScalarType): DataType {
  if (type === "string") return new Utf8();
  if (type === "int32") return new Int32();
  if (type === "boolean") return new Bool();
  return new Int64();
}

function mapEntries(): Field<Struct> {
  return new Field(
    "key_value",
    new Struct([new Field("key", new Utf8(), false), new Field("value", new Utf8(), true)]),
    false,
  );
}

function nodeData(node: LakeNode, columns: readonly (readonly unknown[])[]): Data {
  const values = columns[node.slot] as readonly unknown[];
  const length = values.length;
  switch (node.kind) {
    case "scalar":
      return scalarData(node.type, values);
    case "list": {
      const offsets = new Int32Array(length + 1);
      const items: unknown[] = [];
      for (let i = 0; i < length; i++) {
        const list = values[i] as unknown[] | null;
        if (list !== null) for (const item of list) items.push(item);
        offsets[i + 1] = items.length;
      }
      const { bitmap, nullCount } = validity(length, (i) => values[i] !== null);
      return makeData({
        type: arrowType(node) as List,
        length,
        nullCount,
        nullBitmap: bitmap,
        valueOffsets: offsets,
        child: scalarData(node.element, items),
      });
    }
    case "map": {
      const offsets = new Int32Array(length + 1);
      const keys: string[] = [];
      const texts: (string | null)[] = [];
      for (let i = 0; i < length; i++) {
        const entries = values[i] as (string | null)[] | null;
        if (entries !== null) {
          for (let j = 0; j < entries.length; j += 2) {
            keys.push(entries[j] as string);
            texts.push(entries[j + 1] as string | null);
          }
        }
        offsets[i + 1] = keys.length;
      }
      const entriesField = mapEntries();
      const entries = makeData({
        type: entriesField.type,
        length: keys.length,
        nullCount: 0,
        children: [utf8(keys), utf8(texts)],
      });
      const { bitmap, nullCount } = validity(length, (i) => values[i] !== null);
      return makeData({
        type: new Map_(entriesField),
        length,
        nullCount,
        nullBitmap: bitmap,
        valueOffsets: offsets,
        child: entries,
      });
    }
    default:
      return groupData(node, columns);
  }
}

function groupData(node: GroupNode, columns: readonly (readonly unknown[])[]): Data<Struct> {
  const present = columns[node.slot] as readonly unknown[];
  const { bitmap, nullCount } = validity(present.length, (i) => present[i] === true);
  return makeData({
    type: arrowType(node) as Struct,
    length: present.length,
    nullCount,
    nullBitmap: bitmap,
    children: node.children.map((child) => nodeData(child, columns)),
  });
}

/**
 * The Arrow schema of a compiled lake schema. The same for every file of a class and
 * version, whatever the rows hold.
 */
export function arrowSchema(schema: CompiledSchema): Schema {
  return new Schema(
    schema.root.children.map((child) => new Field(child.name, arrowType(child), true)),
  );
}

/**
 * An Arrow table of buffered columns (one array per slot, all of one length, already in
 * the order the file should have).
 */
export function arrowTable(
  schema: CompiledSchema,
  columns: readonly (readonly unknown[])[],
): Table {
  const root = groupData(schema.root, columns);
  return new Table([new RecordBatch(arrowSchema(schema), root)]);
}
