/**
 * The OCSF schema versions the `"ocsf"` profile can write, oldest first.
 *
 * @example
 * ```ts
 * import { OCSF_VERSIONS } from "okta-device-ocsf";
 * OCSF_VERSIONS.includes("1.3.0"); // true
 * ```
 */
export const OCSF_VERSIONS = ["1.3.0", "1.4.0", "1.5.0", "1.6.0", "1.7.0", "1.8.0"] as const;

/** One of {@link OCSF_VERSIONS}: the OCSF version an `"ocsf"` profile event declares. */
export type OcsfVersion = (typeof OCSF_VERSIONS)[number];

/** The version the `"ocsf"` profile writes when none is chosen: `"1.6.0"`. */
export const DEFAULT_OCSF_VERSION: OcsfVersion = "1.6.0";

/**
 * Whether `value` is one of {@link OCSF_VERSIONS}.
 *
 * @example
 * ```ts
 * isOcsfVersion("1.3.0"); // true
 * isOcsfVersion("1.2.0"); // false
 * ```
 */
export function isOcsfVersion(value: unknown): value is OcsfVersion {
  return typeof value === "string" && (OCSF_VERSIONS as readonly string[]).includes(value);
}
