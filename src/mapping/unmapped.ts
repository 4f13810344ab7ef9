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

// Thrown inside the copy, turned into a DeviceMappingError where the field is known.
const TOO_DEEP: unique symbol = Symbol("too deep");

// A copy, not a reference, so that a consumer editing an event never edits the input
// record. `undefined` values are left out (JSON has none); `_links` are navigation, not
// facts about the device, and are dropped at every level.
function copyJson(value: unknown, depth: number): JsonValue | undefined {
  if (value === null || typeof value !== "object") {
    if (value === undefined) return undefined;
    // JSON.parse("-0") is -0 but JSON writes it as 0: copy it as what the event will say.
    return value === 0 ? 0 : (value as JsonValue);
  }
  if (depth > MAX_UNMAPPED_DEPTH) throw TOO_DEEP;
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) {
      const copy = copyJson(item, depth + 1);
      items.push(copy === undefined ? null : copy);
    }
    return items;
  }
  // An empty object is a fact too (`{}`), so it is kept.
  return copyObject(value as JsonObject, NO_KEYS, undefined, "", depth) ?? {};
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Copies `source` without the keys in `mapped` (and without `_links`); `undefined` when
 * nothing is left.
 * @param id - the device's id, for errors
 * @param path - the dotted path of `source` in the record (`""` for the record itself)
 * @param depth - how deep `source` is under the copied field (0: the record or its profile)
 * @throws {DeviceMappingError} for a value nested deeper than {@link MAX_UNMAPPED_DEPTH}
 */
export function copyObject(
  source: JsonObject,
  mapped: ReadonlySet<string>,
  id?: string,
  path = "",
  depth = 0,
): { [key: string]: JsonValue } | undefined {
  let copy: { [key: string]: JsonValue } | undefined;
  for (const key in source) {
    if (!Object.hasOwn(source, key) || key === "_links" || mapped.has(key)) continue;
    let value: JsonValue | undefined;
    try {
      value = copyJson(source[key], depth + 1);
    } catch (error) {
      // Named here, at the top, where the field is known: not a RangeError for the batch.
      if (depth > 0 || error !== TOO_DEEP) throw error;
      const field = path === "" ? key : `${path}.${key}`;
      throw new DeviceMappingError(
        id,
        field,
        `is nested more than ${MAX_UNMAPPED_DEPTH} levels deep`,
      );
    }
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
