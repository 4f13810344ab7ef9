import type { LakeScalarType } from "./column-types.js";
import type { CompiledSchema, GroupNode } from "./compiled-schema.js";
import type { RowBuffer } from "./row-buffer.js";

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
  const type = typeof value;
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Paths are built only for an error: building one per field cost more than the field.
const childPath = (node: GroupNode, key: string): string =>
  node.path === "" ? key : `${node.path}.${key}`;

// Booleans as 1 and 0.
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
function shredMap(value: Record<string, unknown>, path: string, rows: RowBuffer): void {
  const countAt = rows.uint32Slot();
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (item === undefined) continue;
    rows.string(key);
    if (item === null) rows.byte(0);
    else {
      rows.byte(1);
      rows.string(typeof item === "string" ? item : json(item, `${path}.${key}`));
    }
    count++;
  }
  rows.setUint32(countAt, count);
}

function shredList(
  element: LakeScalarType,
  list: readonly unknown[],
  path: string,
  rows: RowBuffer,
): void {
  for (let i = 0; i < list.length; i++) {
    if (!fitsScalar(element, list[i])) throw scalarError(element, list[i], `${path}[${i}]`);
  }
  rows.varint(list.length);
  if (element === "string") for (const item of list) rows.string(item as string);
  else for (const item of list) rows.number(numberOf(item));
}

function shredGroup(node: GroupNode, value: Record<string, unknown>, rows: RowBuffer): void {
  rows.varint(node.slot + 1);
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
      case "scalar":
        if (!fitsScalar(child.type, item)) throw scalarError(child.type, item, child.path);
        rows.varint(child.slot + 1);
        if (child.type === "string") rows.string(item as string);
        else rows.number(numberOf(item));
        break;
      case "list":
        if (!Array.isArray(item)) {
          throw new ShredError(child.path, `is ${describe(item)}, not an array`);
        }
        rows.varint(child.slot + 1);
        shredList(child.element, item, child.path, rows);
        break;
      case "map":
        if (!isPlainObject(item)) {
          throw new ShredError(child.path, `is ${describe(item)}, not an object`);
        }
        rows.varint(child.slot + 1);
        shredMap(item, child.path, rows);
        break;
      default:
        if (!isPlainObject(item)) {
          throw new ShredError(child.path, `is ${describe(item)}, not an object`);
        }
        shredGroup(child, item, rows);
    }
  }
}

/**
 * Checks `event` against the schema and writes it to `rows` as one row (see row-buffer.ts);
 * returns its `time` (epoch milliseconds), for the caller to commit the row with.
 * Throws {@link ShredError} naming the first field that does not fit (a missing or bad `time`
 * first); `rows` may then hold part of the row: the caller rewinds it.
 */
export function shredEvent(schema: CompiledSchema, event: unknown, rows: RowBuffer): number {
  if (!isPlainObject(event)) throw new ShredError("", `is ${describe(event)}, not an object`);
  const time = eventTime(event);
  shredGroup(schema.root, event, rows);
  rows.varint(0);
  return time;
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
