import * as z from "zod/mini";
import type { OpenEnum } from "../okta/device.js";

/**
 * A string schema that documents the values Okta is known to send while accepting any
 * other: Okta adds values to these fields without notice, and a connector must not drop
 * a device because of one. The inferred type keeps the known values for autocompletion.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(
  values: T,
): z.ZodMiniType<OpenEnum<T[number]>, OpenEnum<T[number]>> {
  // The union's own message would be a bare "Invalid input": say what is expected instead,
  // in the words zod uses for any other field of the wrong type.
  return z.union([z.enum(values), z.string()], {
    error: (issue) =>
      issue.input === undefined
        ? "required: expected string"
        : `Invalid input: expected string, received ${received(issue.input)}`,
  });
}

function received(input: unknown): string {
  if (input === null) return "null";
  return Array.isArray(input) ? "array" : typeof input;
}
