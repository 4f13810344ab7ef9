// Reads a device's `profile` in one pass over its keys. Why: `profile` objects differ in
// which optional fields they carry, so parsed records come in many hidden classes, and a
// named load per field (most of them absent) goes megamorphic. On records without
// `expand` (about 1 KB each) those loads were a third of the mapping's time; one `for…in`
// over the keys the profile does have costs about half as much.
import { plainConstructor } from "./plain-constructor.js";
import { type JsonObject, objectValue } from "./read-device.js";

/** The raw values of the profile fields the mappers read, unchecked (`undefined` when absent). */
export interface ProfileFields {
  displayName: unknown;
  platform: unknown;
  registered: unknown;
  manufacturer: unknown;
  model: unknown;
  osVersion: unknown;
  serialNumber: unknown;
  secureHardwarePresent: unknown;
  diskEncryptionType: unknown;
  udid: unknown;
  imei: unknown;
  meid: unknown;
  managed: unknown;
  osUpdateTime: unknown;
}

// One hidden class for every record: all fields set in the same order.
const Fields = plainConstructor(function (this: ProfileFields) {
  this.displayName = undefined;
  this.platform = undefined;
  this.registered = undefined;
  this.manufacturer = undefined;
  this.model = undefined;
  this.osVersion = undefined;
  this.serialNumber = undefined;
  this.secureHardwarePresent = undefined;
  this.diskEncryptionType = undefined;
  this.udid = undefined;
  this.imei = undefined;
  this.meid = undefined;
  this.managed = undefined;
  this.osUpdateTime = undefined;
});

// The slow path, for objects whose prototype is not Object.prototype (class instances,
// getters): named loads see exactly what a reader of `profile.x` would.
function readNamed(profile: JsonObject, fields: ProfileFields): ProfileFields {
  fields.displayName = profile.displayName;
  fields.platform = profile.platform;
  fields.registered = profile.registered;
  fields.manufacturer = profile.manufacturer;
  fields.model = profile.model;
  fields.osVersion = profile.osVersion;
  fields.serialNumber = profile.serialNumber;
  fields.secureHardwarePresent = profile.secureHardwarePresent;
  fields.diskEncryptionType = profile.diskEncryptionType;
  fields.udid = profile.udid;
  fields.imei = profile.imei;
  fields.meid = profile.meid;
  fields.managed = profile.managed;
  fields.osUpdateTime = profile.osUpdateTime;
  return fields;
}

/**
 * The profile's fields, read in one pass. `profileValue` is the record's `profile`;
 * absent or null gives all fields `undefined`, another non-object throws a
 * {@link DeviceMappingError} naming the device and `profile`.
 */
export function readProfileFields(id: string, profileValue: unknown): ProfileFields {
  const fields = new Fields();
  const profile = objectValue(profileValue, id, "profile");
  // for…in also walks enumerable inherited keys and skips non-enumerable own ones: only
  // plain objects (JSON.parse's) take the fast path.
  if (Object.getPrototypeOf(profile) !== Object.prototype) return readNamed(profile, fields);
  for (const key in profile) {
    // A keyed load in a for…in over the object's own keys uses V8's enum cache.
    const value = profile[key];
    switch (key) {
      case "displayName":
        fields.displayName = value;
        break;
      case "platform":
        fields.platform = value;
        break;
      case "registered":
        fields.registered = value;
        break;
      case "manufacturer":
        fields.manufacturer = value;
        break;
      case "model":
        fields.model = value;
        break;
      case "osVersion":
        fields.osVersion = value;
        break;
      case "serialNumber":
        fields.serialNumber = value;
        break;
      case "secureHardwarePresent":
        fields.secureHardwarePresent = value;
        break;
      case "diskEncryptionType":
        fields.diskEncryptionType = value;
        break;
      case "udid":
        fields.udid = value;
        break;
      case "imei":
        fields.imei = value;
        break;
      case "meid":
        fields.meid = value;
        break;
      case "managed":
        fields.managed = value;
        break;
      case "osUpdateTime":
        fields.osUpdateTime = value;
        break;
    }
  }
  return fields;
}
