import * as z from "zod/mini";
import { OktaDeviceSchema } from "./okta-device.js";

/**
 * The Okta device input schema as a JSON Schema (draft 2020-12), for consumers that do
 * not use TypeScript or zod (Python, Go, a schema registry). Built on each call, so
 * importing `/schemas` costs nothing until it is asked for.
 *
 * @example
 * ```ts
 * import { oktaDeviceJsonSchema } from "okta-device-ocsf/schemas";
 * await writeFile("okta-device.schema.json", JSON.stringify(oktaDeviceJsonSchema(), null, 2));
 * ```
 */
export function oktaDeviceJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(OktaDeviceSchema, { io: "input", unrepresentable: "any" });
}
