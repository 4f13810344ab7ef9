import { z } from "zod";

/**
 * A string schema that documents the values Okta is known to send while accepting any
 * other: Okta adds values to these fields without notice, and a connector must not drop
 * a device because of one. The inferred type keeps the known values for autocompletion.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(
  values: T,
): z.ZodType<T[number] | (string & {})> {
  return z.union([z.enum(values), z.string()]);
}
