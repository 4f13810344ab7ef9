// The input types, declared by hand and without zod so that the root entry's .d.ts needs
// no dependency and editors show these names and comments. The zod schemas in
// src/schemas/okta-device.ts must infer exactly these types: test/schemas/okta-device-types.test.ts
// checks it both ways, so the two can never drift.

/**
 * A value of an Okta enum that Okta extends without notice: one of the listed values, or
 * any other string (kept, never rejected). The listed values stay for autocompletion.
 */
export type OpenEnum<T extends string> = T | (string & {});

/**
 * A device's `status` (Okta's `DeviceStatus`): `ACTIVE`, `CREATED`, `DEACTIVATED`,
 * `SUSPENDED`, `UNSUSPENDED`, or a value Okta adds.
 */
export type OktaDeviceStatus = OpenEnum<
  "ACTIVE" | "CREATED" | "DEACTIVATED" | "SUSPENDED" | "UNSUSPENDED"
>;

/**
 * A device's `profile.platform` (Okta's `DevicePlatform`): `ANDROID`, `IOS`, `MACOS`,
 * `WINDOWS`. `LINUX` is not an Okta value today (Okta's spec v2026.06) but is accepted and
 * mapped, as is any other value (the product page writes `Windows`, `iOS`…).
 */
export type OktaDevicePlatform = OpenEnum<"ANDROID" | "IOS" | "MACOS" | "WINDOWS" | "LINUX">;

/**
 * A device's `profile.diskEncryptionType` (Okta's `DiskEncryptionType`):
 * `ALL_INTERNAL_VOLUMES`, `FULL`, `NONE`, `SYSTEM_VOLUME`, `USER`, or another value (the
 * product page writes `BitLocker`, `FileVault`…).
 */
export type OktaDiskEncryptionType = OpenEnum<
  "ALL_INTERNAL_VOLUMES" | "FULL" | "NONE" | "SYSTEM_VOLUME" | "USER"
>;

/**
 * A device's `profile` (Okta's `DeviceProfile`). Unknown keys are kept.
 *
 * Okta's spec gives length limits (`displayName` 1–255, `imei` 14–17, `meid` ≤ 14, `udid`
 * ≤ 47, `sid` ≤ 256, the other strings ≤ 127). They are documented here and deliberately
 * not enforced: Okta checks them when a device is written, and a record Okta sent must
 * never be rejected by a reader.
 */
export interface OktaDeviceProfile {
  /** Display name of the device (Okta's limit: 1–255 characters, not enforced). */
  displayName: string;
  /** OS platform of the device: see {@link OktaDevicePlatform}. */
  platform: OktaDevicePlatform;
  /** Whether the device is registered with Okta. */
  registered: boolean;
  /** OS version (e.g. `10.0.18362`, `13:2023-05-05`; ≤ 127 characters, not enforced). */
  osVersion?: string | null | undefined;
  /** When the OS was last updated: ISO 8601 date-time with a time zone. Not in Okta's spec; the product page shows it. */
  osUpdateTime?: string | null | undefined;
  /** Serial number of the device (≤ 127 characters, not enforced). */
  serialNumber?: string | null | undefined;
  /** Device manufacturer (≤ 127 characters, not enforced). */
  manufacturer?: string | null | undefined;
  /** Device model (e.g. `MacBookPro18,3`, `iPad13,4`; ≤ 127 characters, not enforced). */
  model?: string | null | undefined;
  /** International Mobile Equipment Identity (14–17 characters in Okta's spec, not enforced). */
  imei?: string | null | undefined;
  /** Mobile Equipment Identifier (≤ 14 characters in Okta's spec, not enforced). */
  meid?: string | null | undefined;
  /** macOS Unique Device Identifier (≤ 47 characters in Okta's spec, not enforced). */
  udid?: string | null | undefined;
  /** Windows Security Identifier (≤ 256 characters in Okta's spec, not enforced). */
  sid?: string | null | undefined;
  /** Whether the device has secure hardware (a TPM or a secure enclave). */
  secureHardwarePresent?: boolean | null | undefined;
  /** Disk encryption type: see {@link OktaDiskEncryptionType}. */
  diskEncryptionType?: OktaDiskEncryptionType | null | undefined;
  /** Whether the device is jailbroken or rooted (mobile platforms). */
  integrityJailbreak?: boolean | null | undefined;
  /** Hash of the TPM's public key (Windows; ≤ 127 characters, not enforced). */
  tpmPublicKeyHash?: string | null | undefined;
  /** Key of the Okta Verify authenticator app on the device. */
  authenticatorAppKey?: string | null | undefined;
  /** Whether the device is managed, when Okta puts it in the profile. */
  managed?: boolean | null | undefined;
  /** Keys Okta adds later, or custom profile attributes: kept as they are. */
  [key: string]: unknown;
}

/** The profile of an embedded user, as far as the mapping reads it. Unknown keys are kept. */
export interface OktaEmbeddedUserProfile {
  /** The user's login (usually an email address). */
  login?: string | null | undefined;
  /** The user's primary email address. */
  email?: string | null | undefined;
  /** Given name. */
  firstName?: string | null | undefined;
  /** Family name. */
  lastName?: string | null | undefined;
  /** Any other profile attribute: kept as it is. */
  [key: string]: unknown;
}

/**
 * The user of an enrollment: a full Okta user (`expand=user`) or a user summary
 * (`expand=userSummary`). Unknown keys are kept.
 */
export interface OktaEmbeddedUser {
  /** The Okta user id (`00u…`). */
  id: string;
  /** The user's status (`ACTIVE`, `SUSPENDED`…), present on full users. */
  status?: string | undefined;
  /** The user's profile, present on full users. */
  profile?: OktaEmbeddedUserProfile | undefined;
  /** Any other user attribute (`created`, `lastLogin`, `credentials`…): kept as it is. */
  [key: string]: unknown;
}

/**
 * One enrollment of a user on a device: an element of `_embedded.users` (with
 * `expand=user|userSummary`) and of `GET /api/v1/devices/{id}/users`. Unknown keys are kept.
 */
export interface OktaDeviceUser {
  /**
   * When the user enrolled the device. A plain string in Okta's spec (usually an ISO 8601
   * date-time): not checked as a date, so a record is never rejected for it.
   */
  created?: string | null | undefined;
  /** `MANAGED` or `NOT_MANAGED` (or a value Okta adds). */
  managementStatus?: OpenEnum<"MANAGED" | "NOT_MANAGED"> | null | undefined;
  /** `NONE`, `PASSCODE` or `BIOMETRIC` (or a value Okta adds). */
  screenLockType?: OpenEnum<"NONE" | "PASSCODE" | "BIOMETRIC"> | null | undefined;
  /** The enrolled user. */
  user: OktaEmbeddedUser;
  /** Any other enrollment attribute: kept as it is. */
  [key: string]: unknown;
}

/**
 * The `payload` of a device provider. Unknown keys are kept.
 */
export interface OktaDeviceProviderPayload {
  /** Version of the provider's client on the device (e.g. `7.0` for Okta Verify). */
  clientVersion?: string | null | undefined;
  /** Any other payload attribute: kept as it is. */
  [key: string]: unknown;
}

/**
 * One element of a device's `providers[]` (added to Okta's spec in 2026): a source of
 * device signals, such as Okta Verify. Unknown keys are kept. The `"ocsf"` profile puts
 * `providers` under `unmapped` (OCSF has no attribute for it); `"sekoia"` leaves it out.
 */
export interface OktaDeviceProvider {
  /** The provider's name (e.g. `oktaVerify`). */
  provider?: string | null | undefined;
  /** Version of the payload's format (e.g. `1.0`). */
  payloadVersion?: string | null | undefined;
  /** What the provider reports. */
  payload?: OktaDeviceProviderPayload | null | undefined;
  /** Any other provider attribute: kept as it is. */
  [key: string]: unknown;
}

/** The `_embedded` object of a device: its enrollments when listed with `expand`. */
export interface OktaDeviceEmbedded {
  /** The device's enrollments (`expand=user` or `expand=userSummary`). */
  users?: OktaDeviceUser[] | undefined;
  /** Anything else Okta embeds: kept as it is. */
  [key: string]: unknown;
}

/** A device's `resourceDisplayName`: how Okta's admin console names the device. */
export interface OktaResourceDisplayName {
  /** The display name (optional in Okta's spec). */
  value?: string | undefined;
  /** Whether the name is sensitive. */
  sensitive?: boolean | undefined;
  /** Any other attribute: kept as it is. */
  [key: string]: unknown;
}

/**
 * An Okta device, as `GET /api/v1/devices` and `GET /api/v1/devices/{id}` return it, or as
 * the product page shows it (top-level `managed`, `userId`, `complianceStatus`,
 * `deviceType`, `lastSeen`). Unknown keys are kept.
 */
export interface OktaDevice {
  /** The Okta device id (`guo…`); never empty. */
  id: string;
  /** Lifecycle status: see {@link OktaDeviceStatus}. */
  status: OktaDeviceStatus;
  /** When the device was created: ISO 8601 date-time with a time zone. */
  created: string;
  /** When the device was last updated: ISO 8601 date-time with a time zone. */
  lastUpdated: string;
  /** The device's attributes. */
  profile: OktaDeviceProfile;
  /** Always `UDDevice` in Okta's responses. */
  resourceType?: string | undefined;
  /** The device id again. */
  resourceId?: string | undefined;
  /** Alternate id of the resource (usually `null`). */
  resourceAlternateId?: string | null | undefined;
  /** How Okta's admin console names the device. */
  resourceDisplayName?: OktaResourceDisplayName | null | undefined;
  /** Sources of device signals, such as Okta Verify (Okta's spec, 2026). */
  providers?: OktaDeviceProvider[] | null | undefined;
  /** HAL links (lifecycle actions, users); navigation only, never mapped. */
  _links?: Record<string, unknown> | undefined;
  /** Embedded resources: the enrollments when listed with `expand`. */
  _embedded?: OktaDeviceEmbedded | undefined;
  /** Whether the device is managed (the product page's shape; not in the real API). */
  managed?: boolean | null | undefined;
  /** The device's user id (the product page's shape; not in the real API). */
  userId?: string | null | undefined;
  /** `COMPLIANT`, `NON_COMPLIANT` or `UNKNOWN` (the product page's shape; not in the real API). */
  complianceStatus?: OpenEnum<"COMPLIANT" | "NON_COMPLIANT" | "UNKNOWN"> | null | undefined;
  /** `Computer`, `MobileDevice`… (the product page's shape; not in the real API). */
  deviceType?: string | null | undefined;
  /** When the device was last seen: ISO 8601 date-time (the product page's shape; not in the real API). */
  lastSeen?: string | null | undefined;
  /** Keys Okta adds later: kept as they are. */
  [key: string]: unknown;
}
