import type { Data, DataType, Field, List, Map_, Schema, Struct, Table, Utf8 } from "apache-arrow";
import type { RawNumbers, RawUtf8 } from "./column-buffers.js";
import type { LakeScalarType } from "./column-types.js";
import type { CompiledSchema, GroupNode, LakeNode } from "./compiled-schema.js";
import type { ParquetLibraries } from "./parquet-libraries.js";
import type { RawColumn } from "./slot-columns.js";

// Arrow data made straight from the buffered typed arrays (offsets, bytes, validity), which is
// several times faster than Arrow's row-by-row builders for nested data. The Arrow module is
// passed in: it is loaded on first use (see parquet-libraries.ts).

type ArrowModule = ParquetLibraries["arrow"];

// Arrow's validity bitmap of a column's flags (each 0 or 1, as the column buffers write
// them), a byte of 8 rows at a time: one read-modify-write of the bitmap a row cost more, on
// every row of a few hundred columns a file.
function bitmap(valid: Uint8Array): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  const length = valid.length;
  const bits = new Uint8Array((length + 7) >> 3);
  let present = 0;
  let i = 0;
  for (let byte = 0; i + 8 <= length; byte++, i += 8) {
    const flags =
      (valid[i] as number) |
      ((valid[i + 1] as number) << 1) |
      ((valid[i + 2] as number) << 2) |
      ((valid[i + 3] as number) << 3) |
      ((valid[i + 4] as number) << 4) |
      ((valid[i + 5] as number) << 5) |
      ((valid[i + 6] as number) << 6) |
      ((valid[i + 7] as number) << 7);
    bits[byte] = flags;
    present += BITS_SET[flags] as number;
  }
  for (; i < length; i++) {
    if (valid[i] === 1) {
      bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
      present++;
    }
  }
  const nullCount = length - present;
  return { nullBitmap: nullCount === 0 ? undefined : bits, nullCount };
}

// Bits set in each byte value.
const BITS_SET = Uint8Array.from({ length: 256 }, (_, byte) => {
  let count = 0;
  for (let bits = byte; bits !== 0; bits >>= 1) count += bits & 1;
  return count;
});

function utf8Data(a: ArrowModule, column: RawUtf8): Data<Utf8> {
  return a.makeData({
    type: new a.Utf8(),
    length: column.length,
    ...bitmap(column.valid),
    valueOffsets: column.offsets,
    data: column.bytes,
  });
}

function numberData(a: ArrowModule, type: LakeScalarType, column: RawNumbers): Data {
  const { length, values } = column;
  const validity = bitmap(column.valid);
  if (type === "int32") {
    return a.makeData({ type: new a.Int32(), length, ...validity, data: Int32Array.from(values) });
  }
  if (type === "boolean") {
    const bits = new Uint8Array((length + 7) >> 3);
    for (let i = 0; i < length; i++) {
      if (values[i] === 1) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
    }
    return a.makeData({ type: new a.Bool(), length, ...validity, data: bits });
  }
  // Safe integers written as two 32-bit halves (on a little-endian machine, as Node's are): a
  // BigInt for each value cost more than the rest of the column.
  const data = new BigInt64Array(length);
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < length; i++) data[i] = BigInt(values[i] as number);
    return a.makeData({ type: new a.Int64(), length, ...validity, data });
  }
  const halves = new Int32Array(data.buffer);
  for (let i = 0; i < length; i++) {
    const value = values[i] as number;
    const high = Math.floor(value / 4_294_967_296);
    halves[2 * i] = value - high * 4_294_967_296;
    halves[2 * i + 1] = high;
  }
  return a.makeData({ type: new a.Int64(), length, ...validity, data });
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function scalarType(a: ArrowModule, type: LakeScalarType): DataType {
  if (type === "string") return new a.Utf8();
  if (type === "int32") return new a.Int32();
  if (type === "boolean") return new a.Bool();
  return new a.Int64();
}

function mapEntries(a: ArrowModule): Field<Struct> {
  const key = new a.Field("key", new a.Utf8(), false);
  const value = new a.Field("value", new a.Utf8(), true);
  return new a.Field("key_value", new a.Struct([key, value]), false);
}

// Built once per node: a file of a few rows (a first load makes thousands) would otherwise
// spend more on rebuilding its nested types than on its rows.
const types = new WeakMap<LakeNode, DataType>();

/** The Arrow type of a node (all fields nullable, so every file of a class has one schema). */
export function arrowType(a: ArrowModule, node: LakeNode): DataType {
  let type = types.get(node);
  if (type === undefined) {
    type = newArrowType(a, node);
    types.set(node, type);
  }
  return type;
}

function newArrowType(a: ArrowModule, node: LakeNode): DataType {
  switch (node.kind) {
    case "scalar":
      return scalarType(a, node.type);
    case "list":
      return new a.List(new a.Field("element", scalarType(a, node.element), true));
    case "map":
      return new a.Map_(mapEntries(a));
    default:
      return new a.Struct(
        node.children.map((child) => new a.Field(child.name, arrowType(a, child), true)),
      );
  }
}

function nodeData(a: ArrowModule, node: LakeNode, columns: readonly RawColumn[]): Data {
  if (node.kind === "group") return groupData(a, node, columns);
  const column = columns[node.slot] as RawColumn;
  if (column.kind === "utf8") return utf8Data(a, column.data);
  if (column.kind === "numbers") {
    return numberData(a, (node as { type: LakeScalarType }).type, column.data);
  }
  const { length, offsets } = column.ranges;
  const validity = bitmap(column.ranges.valid);
  if (column.kind === "list") {
    const element = (node as { element: LakeScalarType }).element;
    const items =
      element === "string"
        ? utf8Data(a, column.items as RawUtf8)
        : numberData(a, element, column.items as RawNumbers);
    const type = arrowType(a, node) as List;
    return a.makeData({ type, length, ...validity, valueOffsets: offsets, child: items });
  }
  const type = arrowType(a, node) as Map_;
  const entries = a.makeData({
    type: type.children[0]?.type as Struct,
    length: column.keys.length,
    nullCount: 0,
    children: [utf8Data(a, column.keys), utf8Data(a, column.values)],
  });
  return a.makeData({ type, length, ...validity, valueOffsets: offsets, child: entries });
}

function groupData(a: ArrowModule, node: GroupNode, columns: readonly RawColumn[]): Data<Struct> {
  const presence = columns[node.slot] as { kind: "numbers"; data: RawNumbers };
  return a.makeData({
    type: arrowType(a, node) as Struct,
    length: presence.data.length,
    ...bitmap(presence.data.valid),
    children: node.children.map((child) => nodeData(a, child, columns)),
  });
}

const schemas = new WeakMap<CompiledSchema, Schema>();

/**
 * The Arrow schema of a compiled lake schema. The same for every file of a class and
 * version, whatever the rows hold.
 */
export function arrowSchema(a: ArrowModule, schema: CompiledSchema): Schema {
  let arrow = schemas.get(schema);
  if (arrow === undefined) {
    arrow = new a.Schema(
      schema.root.children.map((child) => new a.Field(child.name, arrowType(a, child), true)),
    );
    schemas.set(schema, arrow);
  }
  return arrow;
}

/** An Arrow table of a file's columns (by slot, all in the file's row order). */
export function arrowTable(
  a: ArrowModule,
  schema: CompiledSchema,
  columns: readonly RawColumn[],
): Table {
  const root = groupData(a, schema.root, columns);
  return new a.Table([new a.RecordBatch(arrowSchema(a, schema), root)]);
}
