import type { JsonValue } from "../ocsf/strict-event.js";
import type { JsonObject } from "./read-device.js";

// A copy, not a reference, so that a consumer editing an event never edits the input
// record. `undefined` values are left out (JSON has none); `_links` are navigation, not
// facts about the device, and are dropped at every level.
function copyJson(value: unknown): JsonValue | undefined {
  if (value === null || typeof value !== "object") {
    if (value === undefined) return undefined;
    // JSON.parse("-0") is -0 but JSON writes it as 0: copy it as what the event will say.
    return value === 0 ? 0 : (value as JsonValue);
  }
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) {
      const copy = copyJson(item);
      items.push(copy === undefined ? null : copy);
    }
    return items;
  }
  return copyObject(value as JsonObject, NO_KEYS);
}

const NO_KEYS: ReadonlySet<string> = new Set();

/** Copies `source` without the keys in `mapped` (and without `_links`); `undefined` when nothing is left. */
export function copyObject(
  source: JsonObject,
  mapped: ReadonlySet<string>,
): { [key: string]: JsonValue } | undefined {
  let copy: { [key: string]: JsonValue } | undefined;
  for (const key in source) {
    if (!Object.hasOwn(source, key) || key === "_links" || mapped.has(key)) continue;
    const value = copyJson(source[key]);
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
