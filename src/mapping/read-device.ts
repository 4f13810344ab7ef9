// Readers shared by the profiles' renderers. Each renderer reads the record once, field by
// field, and writes its event directly: no intermediate object per record, because mapping
// whole orgs is this library's hot path. Every reader type-checks what it returns, so a
// field of the wrong type is an error naming the device and the field, never a wrong event.
import { DeviceMappingError } from "./errors.js";
import { parseIsoDateTimeMs } from "./time.js";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a (non-array) object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

// The callers pass the value (`profile.model`), not the key: a named load at each call
// site stays fast where a keyed load with ever-changing keys would go megamorphic.

// The readers keep their error paths in separate functions: a reader's bytecode must stay
// small for V8 to inline it into the renderers, which call them twenty times a record.
function wrongType(value: unknown, id: string, path: string, expected: string): never {
  throw new DeviceMappingError(id, path, `must be ${expected}, got ${describe(value)}`);
}

/** A string, or `undefined` for absent/null; throws for another type. */
export function stringValue(value: unknown, id: string, path: string): string | undefined {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return undefined;
  return wrongType(value, id, path, "a string");
}

/** A boolean, or `undefined` for absent/null; throws for another type. */
export function booleanValue(value: unknown, id: string, path: string): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === undefined || value === null) return undefined;
  return wrongType(value, id, path, "a boolean");
}

/** Epoch milliseconds of an ISO 8601 date-time, or `undefined` for absent/null; throws otherwise. */
export function timeValue(value: unknown, id: string, path: string): number | undefined {
  const text = stringValue(value, id, path);
  if (text === undefined) return undefined;
  const ms = parseIsoDateTimeMs(text);
  return ms === undefined ? notADate(text, id, path) : ms;
}

function notADate(text: string, id: string, path: string): never {
  throw new DeviceMappingError(
    id,
    path,
    `is not an ISO 8601 date-time with a time zone: ${JSON.stringify(text)}`,
  );
}

const EMPTY: JsonObject = Object.freeze({});

/** An object, or a shared empty one for absent/null; throws for another type. */
export function objectValue(value: unknown, id: string, path: string): JsonObject {
  if (value === undefined || value === null) return EMPTY;
  if (!isObject(value)) {
    throw new DeviceMappingError(id, path, `must be an object, got ${describe(value)}`);
  }
  return value;
}

/** Checks that a record is an object with a non-empty string `id`, and returns the id. */
export function readId(record: unknown): string {
  if (!isObject(record)) {
    throw new DeviceMappingError(undefined, "", `must be an object, got ${describe(record)}`);
  }
  const id = record.id;
  if (id === undefined || id === null) throw new DeviceMappingError(undefined, "id", "is missing");
  if (typeof id !== "string" || id === "") {
    throw new DeviceMappingError(undefined, "id", "must be a non-empty string");
  }
  return id;
}

/** Reads the id of a record for error reports, without throwing. */
export function deviceIdOf(record: unknown): string | undefined {
  if (!isObject(record)) return undefined;
  const id = record.id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** What the enrollments (`_embedded.users`, with `expand`) say about a device. */
export interface Enrollments {
  /** True when one enrollment is MANAGED, false when all say something else, undefined without any. */
  managed: boolean | undefined;
  /** The first enrollment's `user.id`. */
  firstUserId: string | undefined;
  /** The first enrollment itself. */
  firstUser: JsonObject | undefined;
}

const NO_ENROLLMENTS: Enrollments = Object.freeze({
  managed: undefined,
  firstUserId: undefined,
  firstUser: undefined,
});

/** Reads `_embedded.users`: managed status and the first user. */
export function readEnrollments(id: string, embeddedValue: unknown): Enrollments {
  const users = objectValue(embeddedValue, id, "_embedded").users;
  if (users === undefined || users === null) return NO_ENROLLMENTS;
  if (!Array.isArray(users)) {
    throw new DeviceMappingError(id, "_embedded.users", `must be an array, got ${describe(users)}`);
  }
  if (users.length === 0) return NO_ENROLLMENTS;
  let managed: boolean | undefined;
  for (let i = 0; i < users.length; i++) {
    const entry: unknown = users[i];
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new DeviceMappingError(
        id,
        `_embedded.users[${i}]`,
        `must be an object, got ${describe(entry)}`,
      );
    }
    // Checked inline: building the error path for every enrollment would cost the common case.
    const status: unknown = (entry as JsonObject).managementStatus;
    if (status === "MANAGED") managed = true;
    else if (typeof status === "string") managed ??= false;
    else if (status !== undefined && status !== null) {
      stringValue(status, id, `_embedded.users[${i}].managementStatus`);
    }
  }
  const firstUser = users[0] as JsonObject;
  const user = objectValue(firstUser.user, id, "_embedded.users[0].user");
  return {
    managed,
    firstUserId: stringValue(user.id, id, "_embedded.users[0].user.id"),
    firstUser,
  };
}

/**
 * Whether the device is managed. The real API has no top-level `managed` (the page's
 * shape): it lives in the profile of some records and, with `expand`, in the enrollments.
 */
export function readManaged(
  id: string,
  record: JsonObject,
  profile: JsonObject,
  enrollments: Enrollments,
): boolean | undefined {
  return (
    booleanValue(record.managed, id, "managed") ??
    booleanValue(profile.managed, id, "profile.managed") ??
    enrollments.managed
  );
}

/** The device's user: `userId` (the page's shape), else the first enrollment's user. */
export function readUserId(
  id: string,
  record: JsonObject,
  enrollments: Enrollments,
): string | undefined {
  return stringValue(record.userId, id, "userId") ?? enrollments.firstUserId;
}

/** Epoch milliseconds to whole epoch seconds (floor, as Unix time does). */
export function toEpochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
