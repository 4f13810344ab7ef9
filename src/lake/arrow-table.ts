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
import type { GatheredNumbers, GatheredUtf8 } from "./column-buffers.js";
import type { LakeScalarType } from "./column-types.js";
import type { CompiledSchema, GroupNode, LakeNode } from "./compiled-schema.js";
import type { GatheredColumn } from "./partition-buffer.js";

// Arrow data made straight from the buffered typed arrays (offsets, bytes, validity), which is
// several times faster than Arrow's row-by-row builders for nested data.

function bitmap(valid: Uint8Array): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  const bits = new Uint8Array((valid.length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < valid.length; i++) {
    if (valid[i] === 1) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
    else nullCount++;
  }
  return { nullBitmap: nullCount === 0 ? undefined : bits, nullCount };
}

function utf8Data(column: GatheredUtf8): Data<Utf8> {
  return makeData({
    type: new Utf8(),
    length: column.length,
    ...bitmap(column.valid),
    valueOffsets: column.offsets,
    data: column.data,
  });
}

function numberData(type: LakeScalarType, column: GatheredNumbers): Data {
  const { length, values } = column;
  const validity = bitmap(column.valid);
  if (type === "int32")
    return makeData({ type: new Int32(), length, ...validity, data: Int32Array.from(values) });
  if (type === "boolean") {
    const bits = new Uint8Array((length + 7) >> 3);
    for (let i = 0; i < length; i++)
      if (values[i] === 1) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
    return makeData({ type: new Bool(), length, ...validity, data: bits });
  }
  const data = new BigInt64Array(length);
  for (let i = 0; i < length; i++) data[i] = BigInt(values[i] as number);
  return makeData({ type: new Int64(), length, ...validity, data });
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

function nodeData(node: LakeNode, columns: readonly GatheredColumn[]): Data {
  const column = columns[node.slot] as GatheredColumn;
  if (node.kind === "group") return groupData(node, columns);
  if (column.kind === "utf8") return utf8Data(column.data);
  if (column.kind === "numbers")
    return numberData((node as { type: LakeScalarType }).type, column.data);
  const { length, offsets } = column.ranges;
  const validity = bitmap(column.ranges.valid);
  if (column.kind === "list") {
    const element = (node as { element: LakeScalarType }).element;
    const items =
      element === "string"
        ? utf8Data(column.items as GatheredUtf8)
        : numberData(element, column.items as GatheredNumbers);
    return makeData({
      type: arrowType(node) as List,
      length,
      ...validity,
      valueOffsets: offsets,
      child: items,
    });
  }
  const entriesField = mapEntries();
  const entries = makeData({
    type: entriesField.type,
    length: column.keys.length,
    nullCount: 0,
    children: [utf8Data(column.keys), utf8Data(column.values)],
  });
  return makeData({
    type: new Map_(entriesField),
    length,
    ...validity,
    valueOffsets: offsets,
    child: entries,
  });
}

function groupData(node: GroupNode, columns: readonly GatheredColumn[]): Data<Struct> {
  const presence = columns[node.slot] as { kind: "numbers"; data: GatheredNumbers };
  return makeData({
    type: arrowType(node) as Struct,
    length: presence.data.length,
    ...bitmap(presence.data.valid),
    children: node.children.map((child) => nodeData(child, columns)),
  });
}

const schemas = new WeakMap<CompiledSchema, Schema>();

/**
 * The Arrow schema of a compiled lake schema. The same for every file of a class and
 * version, whatever the rows hold.
 */
export function arrowSchema(schema: CompiledSchema): Schema {
  let arrow = schemas.get(schema);
  if (arrow === undefined) {
    arrow = new Schema(
      schema.root.children.map((child) => new Field(child.name, arrowType(child), true)),
    );
    schemas.set(schema, arrow);
  }
  return arrow;
}

/** An Arrow table of gathered columns (by slot, all in the file's row order). */
export function arrowTable(schema: CompiledSchema, columns: readonly GatheredColumn[]): Table {
  const root = groupData(schema.root, columns);
  return new Table([new RecordBatch(arrowSchema(schema), root)]);
}
