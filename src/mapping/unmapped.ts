import type { JsonValue } from "../ocsf/strict-event.js";
import { DeviceMappingError } from "./errors.js";
import type { JsonObject } from "./read-device.js";

/**
 * How deeply a value the `"ocsf"` profile copies under `unmapped` may nest: at most 64
 * objects or arrays, counting the field's own value. Okta's records nest about 6 levels; a
 * deeper value is refused with a {@link DeviceMappingError} naming the field, because
 * copying it (and later `JSON.stringify` of the event) would exhaust the stack and take the
 * other records of a batch down with it.
 */
export const MAX_UNMAPPED_DEPTH = 64;

// Thrown inside the copy and turned into a DeviceMappingError where the field is known.
class TooDeep extends Error {}

// A copy, not a reference, so that a consumer editing an event never edits the input
// record. `undefined` values are left out (JSON has none); `_links` are navigation, not
// facts about the device, and are dropped at every level.
function copyJson(value: unknown, depth: number): JsonValue | undefined {
  if (value === null || typeof value !== "object") {
    if (value === undefined) return undefined;
    // JSON.parse("-0") is -0 but JSON writes it as 0: copy it as what the event will say.
    return value === 0 ? 0 : (value as JsonValue);
  }
  if (depth > MAX_UNMAPPED_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) {
      const copy = copyJson(item, depth + 1);
      items.push(copy === undefined ? null : copy);
    }
    return items;
  }
  // An empty object is a fact too (`{}`), so it is kept.
  return copyEntries(value as JsonObject, NO_KEYS, depth) ?? {};
}

const NO_KEYS: ReadonlySet<string> = new Set();

function copyEntries(
  source: JsonObject,
  mapped: ReadonlySet<string>,
  depth: number,
): { [key: string]: JsonValue } | undefined {
  let copy: { [key: string]: JsonValue } | undefined;
  for (const key in source) {
    if (!Object.hasOwn(source, key) || key === "_links" || mapped.has(key)) continue;
    const value = copyJson(source[key], depth + 1);
    if (value === undefined) continue;
    copy ??= {};
    if (key === "__proto__") {
      // JSON.parse makes "__proto__" an own key; plain assignment would set the prototype
      // instead, losing the value (and letting input reshape the object).
      Object.defineProperty(copy, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      copy[key] = value;
    }
  }
  return copy;
}

/**
 * Copies `source` without the keys in `mapped` (and without `_links`); `undefined` when
 * nothing is left.
 * @param id - the device's id, for errors
 * @param path - the dotted path of `source` in the record (`""` for the record itself)
 * @throws {DeviceMappingError} for a value nested deeper than {@link MAX_UNMAPPED_DEPTH}
 */
export function copyObject(
  source: JsonObject,
  mapped: ReadonlySet<string>,
  id?: string,
  path = "",
): { [key: string]: JsonValue } | undefined {
  try {
    return copyEntries(source, mapped, 0);
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    // Found again without copying: the error names the field, not just the record.
    throw new DeviceMappingError(
      id,
      deepField(source, mapped, path),
      `is nested more than ${MAX_UNMAPPED_DEPTH} levels deep: too deep to keep under unmapped`,
    );
  }
}

function depthExceeds(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== "object") return false;
  if (depth > MAX_UNMAPPED_DEPTH) return true;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || key === "_links") continue;
    if (depthExceeds((value as JsonObject)[key], depth + 1)) return true;
  }
  return false;
}

function deepField(source: JsonObject, mapped: ReadonlySet<string>, path: string): string {
  for (const key in source) {
    if (!Object.hasOwn(source, key) || key === "_links" || mapped.has(key)) continue;
    if (depthExceeds(source[key], 1)) return path === "" ? key : `${path}.${key}`;
  }
  return path;
}
