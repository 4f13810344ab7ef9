import type { LakeScalarType } from "./column-types.js";
import type { CompiledSchema, GroupNode } from "./compiled-schema.js";

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

function checkScalar(type: LakeScalarType, value: unknown, path: string): void {
  switch (type) {
    case "string":
      if (typeof value !== "string")
        throw new ShredError(path, `is ${describe(value)}, not a string`);
      return;
    case "boolean":
      if (typeof value !== "boolean")
        throw new ShredError(path, `is ${describe(value)}, not a boolean`);
      return;
    case "int32":
      if (
        !Number.isInteger(value) ||
        (value as number) < INT32_MIN ||
        (value as number) > INT32_MAX
      ) {
        throw new ShredError(path, `is ${describe(value)}, not a 32-bit integer`);
      }
      return;
    default:
      if (!Number.isSafeInteger(value)) {
        throw new ShredError(
          path,
          `is ${describe(value)}, not a 64-bit integer${type === "timestamp" ? " of epoch milliseconds" : ""}`,
        );
      }
      return;
  }
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

// `unmapped`: one entry per top-level key, strings as they are, anything else as JSON.
function shredMap(
  value: Record<string, unknown>,
  path: string,
  out: unknown[],
  slot: number,
): void {
  const entries: (string | null)[] = [];
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (item === undefined) continue;
    let text: string | null;
    if (item === null) text = null;
    else if (typeof item === "string") text = item;
    else {
      const json = JSON.stringify(item) as string | undefined;
      if (json === undefined)
        throw new ShredError(`${path}.${key}`, `is ${describe(item)}, which JSON cannot hold`);
      text = json;
    }
    entries.push(key, text);
  }
  out[slot] = entries;
}

function shredGroup(node: GroupNode, value: Record<string, unknown>, out: unknown[]): void {
  out[node.slot] = true;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    // Absent and null are the same to Parquet: a null in an optional column.
    if (item === undefined || item === null) continue;
    const child = node.byName.get(key);
    const path = node.path === "" ? key : `${node.path}.${key}`;
    if (child === undefined) {
      throw new ShredError(path, "is not in the class's Parquet schema for this OCSF version");
    }
    switch (child.kind) {
      case "scalar":
        checkScalar(child.type, item, path);
        out[child.slot] = item;
        break;
      case "list": {
        if (!Array.isArray(item)) throw new ShredError(path, `is ${describe(item)}, not an array`);
        const copy: unknown[] = [];
        for (let i = 0; i < item.length; i++) {
          checkScalar(child.element, item[i], `${path}[${i}]`);
          copy.push(item[i]);
        }
        out[child.slot] = copy;
        break;
      }
      case "map":
        if (!isPlainObject(item)) throw new ShredError(path, `is ${describe(item)}, not an object`);
        shredMap(item, path, out, child.slot);
        break;
      default:
        if (!isPlainObject(item)) throw new ShredError(path, `is ${describe(item)}, not an object`);
        shredGroup(child, item, out);
    }
  }
}

/**
 * Checks `event` against the schema and lays its values out in `out` (one slot per node,
 * `null` where absent). Throws
 * {@link ShredError} naming the first field that does not fit.
 */
export function shredEvent(schema: CompiledSchema, event: unknown, out: unknown[]): void {
  out.fill(null);
  if (!isPlainObject(event)) throw new ShredError("", `is ${describe(event)}, not an object`);
  shredGroup(schema.root, event, out);
  if (out[schema.timeSlot] === null) throw new ShredError("time", "is missing");
}
