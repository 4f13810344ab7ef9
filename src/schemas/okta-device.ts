// zod/mini, not zod: its functions tree-shake, so a browser bundle of the root and this
// entry stays small (test/package/bundle-size.test.ts). The types these schemas infer are
// the hand-written interfaces of src/okta/device.ts (test/schemas/okta-device-types.test.ts).
// `parseOktaDevice` takes its verdict from a hand-written twin of OktaDeviceSchema, for speed
// (./okta-device-verdict.ts): a change here needs the same change there, or
// test/schemas/okta-device-verdict.test.ts fails.
import * as z from "zod/mini";
import { isIsoDateTime } from "../mapping/time.js";
import { openEnum } from "./open-enum.js";

/** An ISO 8601 date-time with a time zone, as Okta writes them (`2025-08-26T09:30:00.000Z`). */
export const IsoDateTimeSchema = z.string().check(
  z.refine(isIsoDateTime, {
    message: "Invalid ISO 8601 date-time (expected e.g. 2025-08-26T09:30:00.000Z)",
  }),
  z.meta({ format: "date-time" }),
);

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A record's `_links` (HAL): any object, kept as given. */
const HalLinksSchema = z
  .custom<Record<string, unknown>>(isJsonObject, { message: "Invalid input: expected object" })
  .check(z.meta({ type: "object" }));

/** Okta's known device statuses; others are accepted. */
export const OKTA_DEVICE_STATUSES = [
  "ACTIVE",
  "CREATED",
  "DEACTIVATED",
  "SUSPENDED",
  "UNSUSPENDED",
] as const;

/**
 * Known platforms: Okta's `ANDROID`, `IOS`, `MACOS`, `WINDOWS`, plus `LINUX`, which is not
 * an Okta value today (spec v2026.06) but is mapped when it comes. Others (the page's
 * `Windows`, `iOS`…) are accepted.
 */
export const OKTA_DEVICE_PLATFORMS = ["ANDROID", "IOS", "MACOS", "WINDOWS", "LINUX"] as const;

/** Okta's known disk encryption types; the page's `BitLocker`, `FileVault`… and others are accepted. */
export const OKTA_DISK_ENCRYPTION_TYPES = [
  "ALL_INTERNAL_VOLUMES",
  "FULL",
  "NONE",
  "SYSTEM_VOLUME",
  "USER",
] as const;

// Okta's length limits (displayName 1–255, imei 14–17…) are deliberately not enforced:
// Okta checks them on write, and a record Okta sent must never be rejected here.
const text = z.nullish(z.string());
const flag = z.nullish(z.boolean());

/** A device's `profile` (Okta's `DeviceProfile`). Unknown keys are kept. */
export const OktaDeviceProfileSchema = z.looseObject({
  displayName: z.string(),
  platform: openEnum(OKTA_DEVICE_PLATFORMS),
  registered: z.boolean(),
  osVersion: text,
  osUpdateTime: z.nullish(IsoDateTimeSchema),
  serialNumber: text,
  manufacturer: text,
  model: text,
  imei: text,
  meid: text,
  udid: text,
  sid: text,
  secureHardwarePresent: flag,
  diskEncryptionType: z.nullish(openEnum(OKTA_DISK_ENCRYPTION_TYPES)),
  integrityJailbreak: flag,
  tpmPublicKeyHash: text,
  authenticatorAppKey: text,
  managed: flag,
});

/** The user object embedded in a device's `_embedded.users[]` (a full user or a user summary). */
export const OktaEmbeddedUserSchema = z.looseObject({
  id: z.string(),
  status: z.optional(z.string()),
  profile: z.optional(z.looseObject({ login: text, email: text, firstName: text, lastName: text })),
});

/**
 * One enrollment of a user on a device: an element of `_embedded.users` (with
 * `expand=user|userSummary`) and of `GET /api/v1/devices/{id}/users`.
 */
export const OktaDeviceUserSchema = z.looseObject({
  // A plain string in Okta's spec: not checked as a date, so it never rejects a record.
  created: text,
  managementStatus: z.nullish(openEnum(["MANAGED", "NOT_MANAGED"] as const)),
  screenLockType: z.nullish(openEnum(["NONE", "PASSCODE", "BIOMETRIC"] as const)),
  user: OktaEmbeddedUserSchema,
});

/** The response of `GET /api/v1/devices/{id}/users`. */
export const OktaDeviceUserListSchema = z.array(OktaDeviceUserSchema);

/** One element of a device's `providers[]` (Okta's spec, 2026), e.g. Okta Verify. Unknown keys are kept. */
export const OktaDeviceProviderSchema = z.looseObject({
  provider: text,
  payloadVersion: text,
  payload: z.nullish(z.looseObject({ clientVersion: text })),
});

/**
 * An Okta device, as `GET /api/v1/devices` returns it, or as the product page shows it
 * (top-level `managed`, `userId`, `complianceStatus`, `deviceType`, `lastSeen`).
 * Unknown keys are kept, `status` and `platform` accept values Okta may add.
 *
 * @example
 * ```ts
 * import { OktaDeviceSchema, type OktaDevice } from "okta-device-ocsf/schemas";
 * const device: OktaDevice = OktaDeviceSchema.parse(json);
 * ```
 */
export const OktaDeviceSchema = z.looseObject({
  id: z.string().check(z.minLength(1, { message: "must not be empty" })),
  status: openEnum(OKTA_DEVICE_STATUSES),
  created: IsoDateTimeSchema,
  lastUpdated: IsoDateTimeSchema,
  profile: OktaDeviceProfileSchema,
  resourceType: z.optional(z.string()),
  resourceId: z.optional(z.string()),
  resourceAlternateId: text,
  // `value` is optional in Okta's spec.
  resourceDisplayName: z.nullish(
    z.looseObject({ value: z.optional(z.string()), sensitive: z.optional(z.boolean()) }),
  ),
  providers: z.nullish(z.array(OktaDeviceProviderSchema)),
  // HAL links are passed through, not checked key by key: z.record runs a schema per key
  // and copies the object, which was a fifth of parseOktaDevice's time on small records.
  _links: z.optional(HalLinksSchema),
  _embedded: z.optional(z.looseObject({ users: z.optional(z.array(OktaDeviceUserSchema)) })),
  // The product page's shape: not in the real API, mapped when present.
  managed: flag,
  userId: text,
  complianceStatus: z.nullish(openEnum(["COMPLIANT", "NON_COMPLIANT", "UNKNOWN"] as const)),
  deviceType: text,
  lastSeen: z.nullish(IsoDateTimeSchema),
});

/** The response of `GET /api/v1/devices`: an array of devices. */
export const OktaDeviceListSchema = z.array(OktaDeviceSchema);
