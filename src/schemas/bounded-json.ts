// OCSF's `object` type for `unmapped`, checked without recursion. zod's `z.json()` walks a
// value recursively, so a value nested some thousands deep made `safeParse` throw a
// RangeError instead of returning a result; this walk keeps its own stack and refuses a
// value deeper than the mapper ever writes.
import * as z from "zod/mini";
import { MAX_UNMAPPED_DEPTH } from "../mapping/unmapped.js";
import type { JsonValue } from "../ocsf/strict-event.js";

/**
 * How deep a value under `unmapped` may nest, in objects and arrays counting itself: the
 * mapper's bound per source field, plus the one level of `unmapped.profile` that holds the
 * profile's fields.
 */
export const MAX_UNMAPPED_VALUE_DEPTH = MAX_UNMAPPED_DEPTH + 1;

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether `value` is JSON (finite numbers, plain objects) nested at most `maxDepth` deep. */
export function isBoundedJson(value: unknown, maxDepth: number): value is JsonValue {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current === "string" || typeof current === "boolean") continue;
    if (typeof current === "number") {
      if (!Number.isFinite(current)) return false;
      continue;
    }
    if (typeof current !== "object" || depth >= maxDepth) return false;
    if (Array.isArray(current)) {
      for (const item of current) stack.push([item, depth + 1]);
    } else if (isPlainObject(current)) {
      for (const key of Object.keys(current)) {
        stack.push([(current as Record<string, unknown>)[key], depth + 1]);
      }
    } else {
      return false;
    }
  }
  return true;
}

/** A zod schema of one `unmapped` value: JSON, at most {@link MAX_UNMAPPED_VALUE_DEPTH} deep. */
export const unmappedValue = z.custom<JsonValue>(
  (value) => isBoundedJson(value, MAX_UNMAPPED_VALUE_DEPTH),
  {
    message: `must be JSON nested at most ${MAX_UNMAPPED_VALUE_DEPTH} levels deep`,
  },
);
