// Reads a device's `profile` in one pass over its keys. Why: `profile` objects differ in
// which optional fields they carry, so parsed records come in many hidden classes, and a
// named load per field (most of them absent) goes megamorphic. On records without
// `expand` (about 1 KB each) those loads were a third of the mapping's time; one `for…in`
// over the keys the profile does have costs about half as much.
import { plainConstructor } from "./plain-constructor.js";
import { objectValue } from "./read-device.js";

// The profile fields the mappers read.
const PROFILE_KEYS = [
  "displayName",
  "platform",
  "registered",
  "manufacturer",
  "model",
  "osVersion",
  "serialNumber",
  "secureHardwarePresent",
  "diskEncryptionType",
  "udid",
  "imei",
  "meid",
  "managed",
  "osUpdateTime",
] as const;
const IS_PROFILE_KEY: ReadonlySet<string> = new Set(PROFILE_KEYS);

/** The raw values of the profile fields the mappers read, unchecked (`undefined` when absent). */
export type ProfileFields = Record<(typeof PROFILE_KEYS)[number], unknown>;

// One hidden class for every record: all fields set, always in the same order.
const Fields = plainConstructor(function (this: ProfileFields) {
  for (const key of PROFILE_KEYS) this[key] = undefined;
});

/**
 * The profile's fields, read in one pass. `profileValue` is the record's `profile`;
 * absent or null gives all fields `undefined`, another non-object throws a
 * {@link DeviceMappingError} naming the device and `profile`.
 */
export function readProfileFields(id: string, profileValue: unknown): ProfileFields {
  const fields = new Fields();
  const profile = objectValue(profileValue, id, "profile");
  if (Object.getPrototypeOf(profile) === Object.prototype) {
    // for…in also walks enumerable inherited keys and skips non-enumerable own ones: only
    // plain objects (JSON.parse's) take this path. A keyed load in a for…in over the
    // object's own keys uses V8's enum cache.
    for (const key in profile) {
      if (IS_PROFILE_KEY.has(key)) fields[key as keyof ProfileFields] = profile[key];
    }
  } else {
    // Class instances, getters, null prototypes: named loads see what `profile.x` would.
    for (const key of PROFILE_KEYS) fields[key] = profile[key];
  }
  return fields;
}
