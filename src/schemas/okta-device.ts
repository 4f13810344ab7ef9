import { z } from "zod";
import { isIsoDateTime } from "../mapping/time.js";
import { openEnum } from "./open-enum.js";

/** An ISO 8601 date-time with a time zone, as Okta writes them (`2025-08-26T09:30:00.000Z`). */
export const IsoDateTimeSchema = z
  .string()
  .refine(isIsoDateTime, {
    message: "Invalid ISO 8601 date-time (expected e.g. 2025-08-26T09:30:00.000Z)",
  })
  .meta({ format: "date-time" });

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A record's `_links` (HAL): any object, kept as given. */
const HalLinksSchema = z
  .custom<Record<string, unknown>>(isJsonObject, { message: "Invalid input: expected object" })
  .meta({ type: "object" });

/** Okta's known device statuses; others are accepted. */
export const OKTA_DEVICE_STATUSES = [
  "ACTIVE",
  "CREATED",
  "DEACTIVATED",
  "SUSPENDED",
  "UNSUSPENDED",
] as const;

/** Okta's known platforms (the real API's upper case); the page's `Windows`, `iOS`… and others are accepted. */
export const OKTA_DEVICE_PLATFORMS = ["ANDROID", "IOS", "MACOS", "WINDOWS", "LINUX"] as const;

/** Okta's known disk encryption types; the page's `BitLocker`, `FileVault`… and others are accepted. */
export const OKTA_DISK_ENCRYPTION_TYPES = [
  "ALL_INTERNAL_VOLUMES",
  "FULL",
  "NONE",
  "SYSTEM_VOLUME",
  "USER",
] as const;

/** A device's `profile`. Unknown keys are kept. */
export const OktaDeviceProfileSchema = z.looseObject({
  displayName: z.string(),
  platform: openEnum(OKTA_DEVICE_PLATFORMS),
  registered: z.boolean(),
  osVersion: z.string().nullish(),
  osUpdateTime: IsoDateTimeSchema.nullish(),
  serialNumber: z.string().nullish(),
  manufacturer: z.string().nullish(),
  model: z.string().nullish(),
  imei: z.string().nullish(),
  meid: z.string().nullish(),
  udid: z.string().nullish(),
  sid: z.string().nullish(),
  secureHardwarePresent: z.boolean().nullish(),
  diskEncryptionType: openEnum(OKTA_DISK_ENCRYPTION_TYPES).nullish(),
  integrityJailbreak: z.boolean().nullish(),
  tpmPublicKeyHash: z.string().nullish(),
  authenticatorAppKey: z.string().nullish(),
  managed: z.boolean().nullish(),
});

/** The user object embedded in a device's `_embedded.users[]` (a full user or a user summary). */
export const OktaEmbeddedUserSchema = z.looseObject({
  id: z.string(),
  status: z.string().optional(),
  profile: z
    .looseObject({
      login: z.string().nullish(),
      email: z.string().nullish(),
      firstName: z.string().nullish(),
      lastName: z.string().nullish(),
    })
    .optional(),
});

/**
 * One enrollment of a user on a device: an element of `_embedded.users` (with
 * `expand=user|userSummary`) and of `GET /api/v1/devices/{id}/users`.
 */
export const OktaDeviceUserSchema = z.looseObject({
  created: IsoDateTimeSchema.nullish(),
  managementStatus: openEnum(["MANAGED", "NOT_MANAGED"] as const).nullish(),
  screenLockType: openEnum(["NONE", "PASSCODE", "BIOMETRIC"] as const).nullish(),
  user: OktaEmbeddedUserSchema,
});

/** The response of `GET /api/v1/devices/{id}/users`. */
export const OktaDeviceUserListSchema = z.array(OktaDeviceUserSchema);

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
  id: z.string().min(1),
  status: openEnum(OKTA_DEVICE_STATUSES),
  created: IsoDateTimeSchema,
  lastUpdated: IsoDateTimeSchema,
  profile: OktaDeviceProfileSchema,
  resourceType: z.string().optional(),
  resourceId: z.string().optional(),
  resourceAlternateId: z.string().nullish(),
  resourceDisplayName: z
    .looseObject({ value: z.string(), sensitive: z.boolean().optional() })
    .nullish(),
  // HAL links are passed through, not checked key by key: z.record runs a schema per key
  // and copies the object, which was a fifth of parseOktaDevice's time on small records.
  _links: HalLinksSchema.optional(),
  _embedded: z.looseObject({ users: z.array(OktaDeviceUserSchema).optional() }).optional(),
  // The product page's shape: not in the real API, mapped when present.
  managed: z.boolean().nullish(),
  userId: z.string().nullish(),
  complianceStatus: openEnum(["COMPLIANT", "NON_COMPLIANT", "UNKNOWN"] as const).nullish(),
  deviceType: z.string().nullish(),
  lastSeen: IsoDateTimeSchema.nullish(),
});

/** The response of `GET /api/v1/devices`: an array of devices. */
export const OktaDeviceListSchema = z.array(OktaDeviceSchema);

/** An Okta device (the type inferred from {@link OktaDeviceSchema}). */
export type OktaDevice = z.infer<typeof OktaDeviceSchema>;
/** A device's `profile`. */
export type OktaDeviceProfile = z.infer<typeof OktaDeviceProfileSchema>;
/** One user enrollment on a device. */
export type OktaDeviceUser = z.infer<typeof OktaDeviceUserSchema>;
/** The user object of an enrollment. */
export type OktaEmbeddedUser = z.infer<typeof OktaEmbeddedUserSchema>;
