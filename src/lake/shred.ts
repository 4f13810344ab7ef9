import type { LakeScalarType } from "./column-types.js";
import type { CompiledSchema, GroupNode, LakeNode } from "./compiled-schema.js";
import { type RowBuffer, RowSizeError } from "./row-buffer.js";

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

// "Date", "Map", "Object" (a plain object, a class instance, or one from another realm).
// A Proxy whose `get` trap throws (Symbol.toStringTag is read) is an "Object" to an error
// message: describing a bad value must not throw.
function tagOf(value: object): string {
  try {
    return Object.prototype.toString.call(value).slice(8, -1);
  } catch {
    return "Object";
  }
}

/** A value as an error shows it: a number as it is, anything else by its kind ("a string"). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : `${value}`;
  const tag = typeof value === "object" ? tagOf(value as object) : "Object";
  const type = tag === "Object" ? typeof value : tag;
  return `${/^[aeiouAEIOU]/.test(type) ? "an" : "a"} ${type}`;
}

// A record of attributes. Not a Map, Date, Set, typed array…: their entries are not own
// enumerable properties, so they would be written as an empty group or map, their data
// silently dropped.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  // The common case first, cheaply: a literal or JSON.parse object.
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return true;
  return !Array.isArray(value) && tagOf(value) === "Object";
}

// A getter or Proxy trap that throws while the event is read (or a value too large to
// buffer): a rejected record naming the field, not a writer failure. The error's message is
// not repeated (it could quote the value).
function unreadable(error: unknown, path: string): ShredError {
  if (error instanceof ShredError) return error;
  if (error instanceof RowSizeError) return new ShredError(path, error.message);
  const name = error instanceof Error ? error.name : typeof error;
  return new ShredError(path, `could not be read (reading or writing it threw ${name})`);
}

// Paths are built only for an error: building one per field cost more than the field.
const childPath = (node: GroupNode, key: string): string =>
  node.path === "" ? key : `${node.path}.${key}`;

// Writes a scalar's payload (booleans as 1 and 0), after the node's `tag` unless it is 0 (a
// list's items); false, writing nothing, when `item` is not of `type` (the caller names the
// field: its path is built only for the error).
function writeScalar(type: LakeScalarType, item: unknown, rows: RowBuffer, tag = 0): boolean {
  if (!fitsScalar(type, item)) return false;
  if (type === "string") rows.string(item as string, tag);
  else rows.number(item === true ? 1 : item === false ? 0 : (item as number), tag);
  return true;
}

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
  let key: string | undefined;
  try {
    for (key in value) {
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
  } catch (error) {
    throw unreadable(error, key === undefined ? path : `${path}.${key}`);
  }
  rows.setUint32(countAt, count);
}

function shredList(
  element: LakeScalarType,
  list: readonly unknown[],
  path: string,
  rows: RowBuffer,
): void {
  // Each item read once, by index, and written as it is checked: a getter, a Proxy or an
  // iterator of its own must not make the count and the items written disagree (that would
  // garble every later row of the file). A bad item leaves part of the row: the caller rewinds.
  let i = 0;
  try {
    const length = list.length;
    rows.varint(length);
    for (; i < length; i++) {
      const item = list[i];
      if (!writeScalar(element, item, rows)) throw scalarError(element, item, `${path}[${i}]`);
    }
  } catch (error) {
    throw unreadable(error, `${path}[${i}]`);
  }
}

// `time`: given for the top level only, the event's `time` as read once (see shredEvent).
function shredGroup(
  node: GroupNode,
  value: Record<string, unknown>,
  rows: RowBuffer,
  time?: number,
): void {
  rows.varint(node.slot + 1);
  let key: string | undefined;
  try {
    if (time !== undefined) {
      rows.number(time, (node.byName.get("time") as LakeNode).slot + 1);
    }
    for (key in value) {
      if (!Object.hasOwn(value, key) || (time !== undefined && key === "time")) continue;
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
          if (!writeScalar(child.type, item, rows, child.slot + 1)) {
            throw scalarError(child.type, item, child.path);
          }
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
  } catch (error) {
    throw unreadable(error, key === undefined ? node.path : childPath(node, key));
  }
}

/**
 * Checks `event` against the schema and writes it to `rows` as one row (see row-buffer.ts);
 * returns its `time` (epoch milliseconds), for the caller to commit the row with. `time`, when
 * given, is the event's `time` as the caller read it (with {@link eventTime}): it is written
 * as it is, the event's own not read again.
 * Throws {@link ShredError} naming the first field that does not fit (a missing or bad `time`
 * first), cannot be read (a getter or Proxy trap throws) or makes the row larger than
 * `rows.maxRowBytes`; `rows` may then hold part of the row: the caller rewinds it.
 */
export function shredEvent(
  schema: CompiledSchema,
  event: unknown,
  rows: RowBuffer,
  time = eventTime(event),
): number {
  try {
    // `time` is written as read once, the value that picked the file and sorts the row (a
    // getter could answer another on a second read; an inherited one is not enumerated).
    shredGroup(schema.root, event as Record<string, unknown>, rows, time);
    rows.varint(0);
  } catch (error) {
    throw unreadable(error, "");
  }
  return time;
}

// A path's keys, split once: the writer reads the same few paths of every event, and a new
// array for each read was a measurable part of an event's cost. Bounded: callers pass fixed
// paths, but a cache must not grow without end whatever they pass.
const splitPaths = new Map<string, readonly string[]>();
const MAX_SPLIT_PATHS = 64;
function pathKeys(path: string): readonly string[] {
  let keys = splitPaths.get(path);
  if (keys === undefined) {
    keys = path.split(".");
    if (splitPaths.size >= MAX_SPLIT_PATHS) splitPaths.clear();
    splitPaths.set(path, keys);
  }
  return keys;
}

const isOwnEnumerable = (value: object, key: string): boolean =>
  Object.prototype.propertyIsEnumerable.call(value, key);

/**
 * The value at a dotted `path` of `event`, read as shredding reads it (own enumerable
 * properties only, as JSON.stringify does: an inherited `class_uid` must not pick a file the
 * row then has no `class_uid` for); undefined where a step is not an object or has no such
 * property. Throws {@link ShredError} naming the path when reading it throws (a getter, a
 * Proxy trap).
 */
export function fieldOf(event: unknown, path: string): unknown {
  let value = event;
  try {
    for (const key of pathKeys(path)) {
      if (typeof value !== "object" || value === null || !isOwnEnumerable(value, key)) {
        return undefined;
      }
      value = (value as Record<string, unknown>)[key];
    }
  } catch (error) {
    throw unreadable(error, path);
  }
  return value;
}

/**
 * The event's `time` (epoch milliseconds), which picks its file before it is shredded. Throws
 * {@link ShredError} when the event is not an object, or its `time` is missing, not a safe
 * integer or cannot be read.
 */
export function eventTime(event: unknown): number {
  let plain: boolean;
  try {
    plain = isPlainObject(event);
  } catch (error) {
    throw unreadable(error, "");
  }
  if (!plain) throw new ShredError("", `is ${describe(event)}, not an object`);
  const time = fieldOf(event, "time");
  if (time === undefined || time === null) throw new ShredError("time", "is missing");
  if (!fitsScalar("timestamp", time)) throw scalarError("timestamp", time, "time");
  return time as number;
}
