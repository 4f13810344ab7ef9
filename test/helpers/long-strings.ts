import fc from "fast-check";
import { oktaDeviceArbitrary } from "./arbitraries.js";

// Made once: building 64 KiB strings per generated record would dominate the test's time.
/** One code point more than OCSF 1.3.0's strings hold. */
export const TOO_LONG = "x".repeat(65_536);
/** Exactly as long as OCSF 1.3.0 allows. */
export const LONGEST = "y".repeat(65_535);
/** 80,000 UTF-16 units but 40,000 code points: fits, as JSON Schema counts characters. */
export const ASTRAL = "\u{1F4F1}".repeat(40_000);
const LONG = [TOO_LONG, LONGEST, ASTRAL, `${ASTRAL}${ASTRAL}`];

// Display names as people type them: most are not DNS names.
const DISPLAY_NAMES = [
  "Mary's iPhone",
  "LAPTOP-MARY-001",
  "mary-mbp.corp.example.com",
  "Robert’s Galaxy S23",
  "DESKTOP_7QK2",
  "-leading-hyphen",
  "a",
  "",
];

type Patch = (record: Record<string, unknown>) => void;

function setProfile(key: string, value: string): Patch {
  return (record) => {
    record.profile = { ...(record.profile as object), [key]: value };
  };
}

const PATCH_TARGETS: ((value: string) => Patch)[] = [
  (value) => setProfile("displayName", value),
  (value) => setProfile("platform", value),
  (value) => setProfile("osVersion", value),
  (value) => setProfile("serialNumber", value),
  (value) => setProfile("manufacturer", value),
  (value) => setProfile("model", value),
  (value) => setProfile("imei", value),
  (value) => setProfile("meid", value),
  (value) => setProfile("udid", value),
  (value) => setProfile("sid", value),
  (value) => (record) => {
    record.userId = value;
  },
  (value) => (record) => {
    record.status = value;
  },
  (value) => (record) => {
    record.complianceStatus = value;
  },
  (value) => (record) => {
    record.deviceType = value;
  },
  (value) => (record) => {
    record.unknownTopLevel = value;
  },
  (value) => (record) => {
    // Copied, not edited: fast-check may reuse the generated value while shrinking.
    type User = { user: Record<string, unknown> };
    const embedded = record._embedded as { users?: User[] } | undefined;
    const [first, ...rest] = embedded?.users ?? [];
    if (first === undefined) return;
    const names = { email: value, firstName: value, lastName: "Major" };
    const user = { ...first.user, profile: { login: "mary@example.com", ...names } };
    record._embedded = { ...embedded, users: [{ ...first, user }, ...rest] };
  },
  (value) => (record) => {
    // Copied, not edited: fast-check may reuse the generated value while shrinking.
    type User = { user: Record<string, unknown> };
    const embedded = record._embedded as { users?: User[] } | undefined;
    const [first, ...rest] = embedded?.users ?? [];
    if (first === undefined) return;
    const user = { ...first.user, profile: { login: value } };
    record._embedded = { ...embedded, users: [{ ...first, user }, ...rest] };
  },
];

/**
 * The conformance generator's records, some with very long strings in the fields a version
 * may limit, and with display names that are (mostly) not DNS names.
 */
export const versionedDeviceArbitrary = fc
  .tuple(
    oktaDeviceArbitrary,
    fc.option(fc.constantFrom(...DISPLAY_NAMES), { freq: 2 }),
    fc.array(fc.tuple(fc.nat({ max: PATCH_TARGETS.length - 1 }), fc.constantFrom(...LONG)), {
      maxLength: 2,
    }),
  )
  .map(([record, displayName, patches]) => {
    const copy: Record<string, unknown> = { ...record };
    if (displayName !== null) setProfile("displayName", displayName)(copy);
    for (const [target, value] of patches)
      (PATCH_TARGETS[target] as (v: string) => Patch)(value)(copy);
    return copy as typeof record;
  });
