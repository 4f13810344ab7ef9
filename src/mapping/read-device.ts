import { DeviceMappingError } from "./errors.js";
import { parseIsoDateTimeMs } from "./time.js";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** One user embedded by `expand=user|userSummary`, as far as the mappers need it. */
export interface EmbeddedUserFacts {
  id: string | undefined;
  login: string | undefined;
  email: string | undefined;
  fullName: string | undefined;
  managementStatus: string | undefined;
  screenLockType: string | undefined;
}

/**
 * Every fact of an Okta device record that a profile maps, read once, type-checked and
 * normalised from whichever shape (the real API's or the product page's) carries it.
 * Times are milliseconds since the epoch.
 */
export interface DeviceFacts {
  /** The record itself, for profiles that keep what they do not map. */
  source: JsonObject;
  /** The record's `profile` (an empty object when it has none). */
  profileSource: JsonObject;
  id: string;
  status: string | undefined;
  createdMs: number | undefined;
  lastUpdatedMs: number | undefined;
  lastSeenMs: number | undefined;
  displayName: string | undefined;
  platform: string | undefined;
  osVersion: string | undefined;
  osUpdateTimeMs: number | undefined;
  serialNumber: string | undefined;
  manufacturer: string | undefined;
  model: string | undefined;
  imei: string | undefined;
  meid: string | undefined;
  udid: string | undefined;
  sid: string | undefined;
  registered: boolean | undefined;
  secureHardwarePresent: boolean | undefined;
  diskEncryptionType: string | undefined;
  integrityJailbreak: boolean | undefined;
  tpmPublicKeyHash: string | undefined;
  managed: boolean | undefined;
  userId: string | undefined;
  deviceType: string | undefined;
  complianceStatus: string | undefined;
  users: EmbeddedUserFacts[];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function readString(
  id: string | undefined,
  source: JsonObject,
  key: string,
  path: string,
): string | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new DeviceMappingError(id, path, `must be a string, got ${describe(value)}`);
  }
  return value;
}

function readBoolean(
  id: string,
  source: JsonObject,
  key: string,
  path: string,
): boolean | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") {
    throw new DeviceMappingError(id, path, `must be a boolean, got ${describe(value)}`);
  }
  return value;
}

function readTime(id: string, source: JsonObject, key: string, path: string): number | undefined {
  const text = readString(id, source, key, path);
  if (text === undefined) return undefined;
  const ms = parseIsoDateTimeMs(text);
  if (ms === undefined) {
    throw new DeviceMappingError(
      id,
      path,
      `is not an ISO 8601 date-time with a time zone: ${JSON.stringify(text)}`,
    );
  }
  return ms;
}

function readObject(id: string, source: JsonObject, key: string, path: string): JsonObject {
  const value = source[key];
  if (value === undefined || value === null) return EMPTY;
  if (!isObject(value)) {
    throw new DeviceMappingError(id, path, `must be an object, got ${describe(value)}`);
  }
  return value;
}

const EMPTY: JsonObject = Object.freeze({});
const NO_USERS: EmbeddedUserFacts[] = [];

function readEmbeddedUsers(id: string, record: JsonObject): EmbeddedUserFacts[] {
  const embedded = readObject(id, record, "_embedded", "_embedded");
  const users = embedded.users;
  if (users === undefined || users === null) return NO_USERS;
  if (!Array.isArray(users)) {
    throw new DeviceMappingError(id, "_embedded.users", `must be an array, got ${describe(users)}`);
  }
  const facts: EmbeddedUserFacts[] = [];
  for (let i = 0; i < users.length; i++) {
    const path = `_embedded.users[${i}]`;
    const entry: unknown = users[i];
    if (!isObject(entry)) {
      throw new DeviceMappingError(id, path, `must be an object, got ${describe(entry)}`);
    }
    const user = readObject(id, entry, "user", `${path}.user`);
    const profile = readObject(id, user, "profile", `${path}.user.profile`);
    const firstName = readString(id, profile, "firstName", `${path}.user.profile.firstName`);
    const lastName = readString(id, profile, "lastName", `${path}.user.profile.lastName`);
    const fullName = [firstName, lastName].filter((part) => part !== undefined).join(" ");
    facts.push({
      id: readString(id, user, "id", `${path}.user.id`),
      login: readString(id, profile, "login", `${path}.user.profile.login`),
      email: readString(id, profile, "email", `${path}.user.profile.email`),
      fullName: fullName === "" ? undefined : fullName,
      managementStatus: readString(id, entry, "managementStatus", `${path}.managementStatus`),
      screenLockType: readString(id, entry, "screenLockType", `${path}.screenLockType`),
    });
  }
  return facts;
}

// The real API has no top-level `managed`: it lives in the profile of some records and,
// with `expand`, in each embedded user's enrollment. One MANAGED enrollment makes the
// device managed; enrollments that are all something else make it unmanaged.
function deriveManaged(
  topLevel: boolean | undefined,
  profile: boolean | undefined,
  users: EmbeddedUserFacts[],
): boolean | undefined {
  if (topLevel !== undefined) return topLevel;
  if (profile !== undefined) return profile;
  let known = false;
  for (const user of users) {
    if (user.managementStatus === "MANAGED") return true;
    if (user.managementStatus !== undefined) known = true;
  }
  return known ? false : undefined;
}

/** Reads the id of a record for error reports, without throwing. */
export function deviceIdOf(record: unknown): string | undefined {
  if (!isObject(record)) return undefined;
  const id = record.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/**
 * Reads and checks every mapped fact of one record.
 * @throws {DeviceMappingError} naming the device and the field when the record cannot be mapped
 */
export function readDeviceFacts(record: unknown): DeviceFacts {
  if (!isObject(record)) {
    throw new DeviceMappingError(undefined, "", `must be an object, got ${describe(record)}`);
  }
  const rawId = record.id;
  if (rawId === undefined || rawId === null) {
    throw new DeviceMappingError(undefined, "id", "is missing");
  }
  if (typeof rawId !== "string" || rawId === "") {
    throw new DeviceMappingError(undefined, "id", "must be a non-empty string");
  }
  const id = rawId;
  const profile = readObject(id, record, "profile", "profile");
  const users = readEmbeddedUsers(id, record);
  const managed = deriveManaged(
    readBoolean(id, record, "managed", "managed"),
    readBoolean(id, profile, "managed", "profile.managed"),
    users,
  );
  return {
    source: record,
    profileSource: profile,
    id,
    status: readString(id, record, "status", "status"),
    createdMs: readTime(id, record, "created", "created"),
    lastUpdatedMs: readTime(id, record, "lastUpdated", "lastUpdated"),
    lastSeenMs: readTime(id, record, "lastSeen", "lastSeen"),
    displayName: readString(id, profile, "displayName", "profile.displayName"),
    platform: readString(id, profile, "platform", "profile.platform"),
    osVersion: readString(id, profile, "osVersion", "profile.osVersion"),
    osUpdateTimeMs: readTime(id, profile, "osUpdateTime", "profile.osUpdateTime"),
    serialNumber: readString(id, profile, "serialNumber", "profile.serialNumber"),
    manufacturer: readString(id, profile, "manufacturer", "profile.manufacturer"),
    model: readString(id, profile, "model", "profile.model"),
    imei: readString(id, profile, "imei", "profile.imei"),
    meid: readString(id, profile, "meid", "profile.meid"),
    udid: readString(id, profile, "udid", "profile.udid"),
    sid: readString(id, profile, "sid", "profile.sid"),
    registered: readBoolean(id, profile, "registered", "profile.registered"),
    secureHardwarePresent: readBoolean(
      id,
      profile,
      "secureHardwarePresent",
      "profile.secureHardwarePresent",
    ),
    diskEncryptionType: readString(id, profile, "diskEncryptionType", "profile.diskEncryptionType"),
    integrityJailbreak: readBoolean(
      id,
      profile,
      "integrityJailbreak",
      "profile.integrityJailbreak",
    ),
    tpmPublicKeyHash: readString(id, profile, "tpmPublicKeyHash", "profile.tpmPublicKeyHash"),
    managed,
    userId: readString(id, record, "userId", "userId") ?? users[0]?.id,
    deviceType: readString(id, record, "deviceType", "deviceType"),
    complianceStatus: readString(id, record, "complianceStatus", "complianceStatus"),
    users,
  };
}

/** Epoch milliseconds to whole epoch seconds (floor, as Unix time does). */
export function toEpochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
