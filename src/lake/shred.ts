import type { NumberBuffer, Utf8Buffer } from "./column-buffers.js";
import type { LakeScalarType } from "./column-types.js";
import type { CompiledSchema, GroupNode, LakeNode } from "./compiled-schema.js";
import type { ListColumn, MapColumn, SlotColumn } from "./slot-columns.js";

/** Why an event does not fit its schema: the field's dotted path and the reason. */
export class ShredError extends Error {
  override readonly name = "ShredError";
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`field "${field}" ${reason}`);
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function fitsScalar(type: LakeScalarType, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "int32":
      return (
        Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX
      );
    default:
      return Number.isSafeInteger(value);
  }
}

function scalarError(type: LakeScalarType, value: unknown, path: string): ShredError {
  const what =
    type === "string"
      ? "a string"
      : type === "boolean"
        ? "a boolean"
        : type === "int32"
          ? "a 32-bit integer"
          : `a 64-bit integer${type === "timestamp" ? " of epoch milliseconds" : ""}`;
  return new ShredError(path, `is ${describe(value)}, not ${what}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : `${value}`;
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Paths are built only for an error: building one per field cost more than the field.
const childPath = (node: GroupNode, key: string): string =>
  node.path === "" ? key : `${node.path}.${key}`;

// The column of `node` with nulls padded in up to `row` (rows where it was absent).
function columnAt(columns: readonly SlotColumn[], node: LakeNode, row: number): SlotColumn {
  const column = columns[node.slot] as SlotColumn;
  if (column.length < row) column.pad(row);
  return column;
}

// Booleans as 1 and 0, as the number buffers hold them.
const numberOf = (value: unknown): number =>
  value === true ? 1 : value === false ? 0 : (value as number);

function json(item: unknown, path: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(item) as string | undefined;
  } catch {
    // A BigInt, a cycle, or a toJSON that throws: its message is not repeated (it could quote
    // the value).
    throw new ShredError(path, `is ${describe(item)} that JSON.stringify cannot encode`);
  }
  if (text === undefined)
    throw new ShredError(path, `is ${describe(item)}, which JSON cannot hold`);
  return text;
}

// `unmapped`: one entry per top-level key, strings as they are, anything else as JSON.
function shredMap(value: Record<string, unknown>, path: string, column: MapColumn): void {
  const { keys, values } = column;
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (item === undefined) continue;
    keys.push(key);
    values.push(
      item === null ? null : typeof item === "string" ? item : json(item, `${path}.${key}`),
    );
    count++;
  }
  column.ranges.push(count);
}

function shredList(
  element: LakeScalarType,
  list: readonly unknown[],
  path: string,
  column: ListColumn,
): void {
  // Checked before any item is written, so that a bad item leaves nothing behind.
  for (let i = 0; i < list.length; i++) {
    if (!fitsScalar(element, list[i])) throw scalarError(element, list[i], `${path}[${i}]`);
  }
  if (element === "string") {
    const items = column.items as Utf8Buffer;
    for (const item of list) items.push(item as string);
  } else {
    const items = column.items as NumberBuffer;
    for (const item of list) items.push(numberOf(item));
  }
  column.ranges.push(list.length);
}

function shredGroup(
  node: GroupNode,
  value: Record<string, unknown>,
  columns: readonly SlotColumn[],
  row: number,
): void {
  (columnAt(columns, node, row) as NumberBuffer).push(1);
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    // Absent and null are the same to Parquet: a null in an optional column.
    if (item === undefined || item === null) continue;
    const child = node.byName.get(key);
    if (child === undefined) {
      throw new ShredError(
        childPath(node, key),
        "is not in the class's Parquet schema for this OCSF version",
      );
    }
    switch (child.kind) {
      case "scalar": {
        const column = columnAt(columns, child, row);
        if (!fitsScalar(child.type, item)) throw scalarError(child.type, item, child.path);
        if (child.type === "string") (column as Utf8Buffer).push(item as string);
        else (column as NumberBuffer).push(numberOf(item));
        break;
      }
      case "list":
        if (!Array.isArray(item)) {
          throw new ShredError(child.path, `is ${describe(item)}, not an array`);
        }
        shredList(child.element, item, child.path, columnAt(columns, child, row) as ListColumn);
        break;
      case "map":
        if (!isPlainObject(item)) {
          throw new ShredError(child.path, `is ${describe(item)}, not an object`);
        }
        shredMap(item, child.path, columnAt(columns, child, row) as MapColumn);
        break;
      default:
        if (!isPlainObject(item)) {
          throw new ShredError(child.path, `is ${describe(item)}, not an object`);
        }
        shredGroup(child, item, columns, row);
    }
  }
}

/**
 * Checks `event` against the schema and appends its values to `columns` (one per node, by
 * slot) as row `row`: every column is at most `row` long before, and a column whose node the
 * event has is `row + 1` long after. Throws {@link ShredError} naming the first field that
 * does not fit; the columns may then hold part of the row (the caller truncates them).
 */
export function shredEvent(
  schema: CompiledSchema,
  event: unknown,
  columns: readonly SlotColumn[],
  row: number,
): void {
  if (!isPlainObject(event)) throw new ShredError("", `is ${describe(event)}, not an object`);
  shredGroup(schema.root, event, columns, row);
  if ((columns[schema.timeSlot] as SlotColumn).length !== row + 1) {
    throw new ShredError("time", "is missing");
  }
}

/**
 * The event's `time` (epoch milliseconds), which picks its file before it is shredded. Throws
 * {@link ShredError} when it is missing or not a safe integer.
 */
export function eventTime(event: unknown): number {
  const time = isPlainObject(event) ? event.time : undefined;
  if (time === undefined || time === null) throw new ShredError("time", "is missing");
  if (!fitsScalar("timestamp", time)) throw scalarError("timestamp", time, "time");
  return time as number;
}
