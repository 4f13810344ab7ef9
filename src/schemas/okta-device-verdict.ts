// The verdict of OktaDeviceSchema, computed without zod: whether the schema accepts a
// payload. zod/mini parses by building a copy of every object and a result per field,
// which made `parseOktaDevice` cost more than `JSON.parse` itself (bench/results.md); a
// valid payload (nearly all of them) only needs the verdict, since `parseOktaDevice` returns
// the payload itself. A payload this rejects is parsed by zod, which alone writes the
// issues, so messages and paths are zod's. The two verdicts are held equal by a property
// test on generated valid and invalid payloads, with fields taken from the schema's own
// shape (test/schemas/okta-device-verdict.test.ts): a field added to one and not the other
// fails it.
import { isIsoDateTime } from "../mapping/time.js";

// zod's object test (`util.isObject`): any non-null object but an array.
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// z.nullish(z.string()) and z.nullish(openEnum(…)): an open enum accepts any string.
function isText(value: unknown): boolean {
  return value === undefined || value === null || typeof value === "string";
}

// z.nullish(z.boolean())
function isFlag(value: unknown): boolean {
  return value === undefined || value === null || typeof value === "boolean";
}

// IsoDateTimeSchema
function isDate(value: unknown): boolean {
  return typeof value === "string" && isIsoDateTime(value);
}

// z.optional(X): absent or undefined, else X.
function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === "string";
}

function isProfile(profile: unknown): boolean {
  if (!isObject(profile)) return false;
  const osUpdateTime = profile.osUpdateTime;
  return (
    typeof profile.displayName === "string" &&
    typeof profile.platform === "string" &&
    typeof profile.registered === "boolean" &&
    isText(profile.osVersion) &&
    (osUpdateTime === undefined || osUpdateTime === null || isDate(osUpdateTime)) &&
    isText(profile.serialNumber) &&
    isText(profile.manufacturer) &&
    isText(profile.model) &&
    isText(profile.imei) &&
    isText(profile.meid) &&
    isText(profile.udid) &&
    isText(profile.sid) &&
    isFlag(profile.secureHardwarePresent) &&
    isText(profile.diskEncryptionType) &&
    isFlag(profile.integrityJailbreak) &&
    isText(profile.tpmPublicKeyHash) &&
    isText(profile.authenticatorAppKey) &&
    isFlag(profile.managed)
  );
}

// OktaEmbeddedUserSchema
function isEmbeddedUser(user: unknown): boolean {
  if (!isObject(user)) return false;
  if (typeof user.id !== "string" || !isOptionalString(user.status)) return false;
  const profile = user.profile;
  if (profile === undefined) return true;
  return (
    isObject(profile) &&
    isText(profile.login) &&
    isText(profile.email) &&
    isText(profile.firstName) &&
    isText(profile.lastName)
  );
}

// OktaDeviceUserSchema
function isDeviceUser(enrollment: unknown): boolean {
  return (
    isObject(enrollment) &&
    isText(enrollment.created) &&
    isText(enrollment.managementStatus) &&
    isText(enrollment.screenLockType) &&
    isEmbeddedUser(enrollment.user)
  );
}

// OktaDeviceProviderSchema
function isProvider(provider: unknown): boolean {
  if (!isObject(provider)) return false;
  if (!isText(provider.provider) || !isText(provider.payloadVersion)) return false;
  const payload = provider.payload;
  return (
    payload === undefined ||
    payload === null ||
    (isObject(payload) && isText(payload.clientVersion))
  );
}

// z.array(X): an array whose every element (a hole reads as undefined) is an X. An index
// loop, as zod's: `every` would skip the holes.
function isArrayOf(value: unknown, isElement: (element: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) {
    if (!isElement(value[index])) return false;
  }
  return true;
}

function isResourceDisplayName(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return (
    isObject(value) &&
    isOptionalString(value.value) &&
    (value.sensitive === undefined || typeof value.sensitive === "boolean")
  );
}

function isEmbedded(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isObject(value)) return false;
  return value.users === undefined || isArrayOf(value.users, isDeviceUser);
}

/**
 * Whether `OktaDeviceSchema` accepts `input`: the same verdict, without zod's copies.
 * Unknown keys are accepted, as the schema's loose objects do.
 */
export function isOktaDevice(input: unknown): boolean {
  if (!isObject(input)) return false;
  const id = input.id;
  const providers = input.providers;
  const lastSeen = input.lastSeen;
  return (
    typeof id === "string" &&
    id !== "" &&
    typeof input.status === "string" &&
    isDate(input.created) &&
    isDate(input.lastUpdated) &&
    isProfile(input.profile) &&
    isOptionalString(input.resourceType) &&
    isOptionalString(input.resourceId) &&
    isText(input.resourceAlternateId) &&
    isResourceDisplayName(input.resourceDisplayName) &&
    (providers === undefined || providers === null || isArrayOf(providers, isProvider)) &&
    (input._links === undefined || isObject(input._links)) &&
    isEmbedded(input._embedded) &&
    isFlag(input.managed) &&
    isText(input.userId) &&
    isText(input.complianceStatus) &&
    isText(input.deviceType) &&
    (lastSeen === undefined || lastSeen === null || isDate(lastSeen))
  );
}
