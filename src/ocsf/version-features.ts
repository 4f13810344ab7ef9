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

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Whether `text` matches {@link OCSF_1_3_HOSTNAME_PATTERN}: dot-separated labels of ASCII
 * letters, digits and inner hyphens. A loop, not the regex: it runs for every record mapped
 * to OCSF 1.3.0, where the regex alone cost several percent of the mapping time.
 */
export function isOcsf13Hostname(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  let labelStart = 0;
  for (let i = 0; i <= length; i++) {
    const code = i === length ? 46 : text.charCodeAt(i);
    if (code === 46) {
      // A label: not empty, a letter or digit at both ends.
      if (i === labelStart) return false;
      if (!isAlphanumeric(text.charCodeAt(labelStart))) return false;
      if (!isAlphanumeric(text.charCodeAt(i - 1))) return false;
      labelStart = i + 1;
    } else if (code !== 45 && !isAlphanumeric(code)) {
      return false;
    }
  }
  return true;
}

/** OCSF 1.3.0 `string_t` `max_len`: every plain string is at most this long. */
export const OCSF_1_3_MAX_STRING_LENGTH = 65_535;

// One constructor, so that every version's features have the same shape: the renderer
// reads them for every record, and one shape keeps those reads monomorphic.
function features(
  version: OcsfVersion,
  hardwareAttributes: boolean,
  mobileIdentifiers: boolean,
  dnsHostname: boolean,
  maxStringLength: number,
): OcsfVersionFeatures {
  return { version, hardwareAttributes, mobileIdentifiers, dnsHostname, maxStringLength };
}

const UNLIMITED = Number.POSITIVE_INFINITY;

/** The features of every supported version. */
export const OCSF_VERSION_FEATURES: Readonly<Record<OcsfVersion, OcsfVersionFeatures>> = {
  "1.3.0": features("1.3.0", false, false, true, OCSF_1_3_MAX_STRING_LENGTH),
  "1.4.0": features("1.4.0", true, false, false, UNLIMITED),
  "1.5.0": features("1.5.0", true, true, false, UNLIMITED),
  "1.6.0": features("1.6.0", true, true, false, UNLIMITED),
  "1.7.0": features("1.7.0", true, true, false, UNLIMITED),
  "1.8.0": features("1.8.0", true, true, false, UNLIMITED),
};
