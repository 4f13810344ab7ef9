// What each OCSF version can hold of the facts this library maps, from the official class
// schemas (`inventory_info-<version>.schema.json`, no profiles). The renderer and the zod
// schemas both read this table, so that they cannot disagree about a version.
import type { OcsfVersion } from "./versions.js";

/** The differences between OCSF versions that matter to a Device Inventory Info mapper. */
export interface OcsfVersionFeatures {
  /** The version itself: what `metadata.version` says. */
  readonly version: OcsfVersion;
  /** `device.model`, `device.vendor_name`, `device.imei_list`, `device.hw_info.vendor_name` (1.4.0+). */
  readonly hardwareAttributes: boolean;
  /** `device.meid`, `device.udid` (1.5.0+). */
  readonly mobileIdentifiers: boolean;
  /** `device.hostname` must match {@link OCSF_1_3_HOSTNAME_PATTERN} (1.3.0's `hostname_t`). */
  readonly dnsHostname: boolean;
  /** Longest string the version accepts, in Unicode code points (as JSON Schema's `maxLength` counts). */
  readonly maxStringLength: number;
}

/** The length of a string in Unicode code points, as JSON Schema's `maxLength` counts it. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** Whether `text` is at most `max` code points long; cheap for the usual short strings. */
export function fitsLength(text: string, max: number): boolean {
  // A string never has more code points than UTF-16 units, so most strings need no count.
  return text.length <= max || codePointLength(text) <= max;
}

/** OCSF 1.3.0 `hostname_t`: a DNS-style name (letters, digits, inner hyphens, dots). */
export const OCSF_1_3_HOSTNAME_PATTERN =
  /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$/;

/** OCSF 1.3.0 `string_t` `max_len`: every plain string is at most this long. */
export const OCSF_1_3_MAX_STRING_LENGTH = 65_535;

const LATEST = {
  hardwareAttributes: true,
  mobileIdentifiers: true,
  dnsHostname: false,
  maxStringLength: Number.POSITIVE_INFINITY,
} as const;

/** The features of every supported version. */
export const OCSF_VERSION_FEATURES: Readonly<Record<OcsfVersion, OcsfVersionFeatures>> = {
  "1.3.0": {
    version: "1.3.0",
    hardwareAttributes: false,
    mobileIdentifiers: false,
    dnsHostname: true,
    maxStringLength: OCSF_1_3_MAX_STRING_LENGTH,
  },
  "1.4.0": { ...LATEST, version: "1.4.0", mobileIdentifiers: false },
  "1.5.0": { ...LATEST, version: "1.5.0" },
  "1.6.0": { ...LATEST, version: "1.6.0" },
  "1.7.0": { ...LATEST, version: "1.7.0" },
  "1.8.0": { ...LATEST, version: "1.8.0" },
};
