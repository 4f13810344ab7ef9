import { en } from "zod/locales";
import type * as z from "zod/mini";
import { deviceIdOf } from "../mapping/read-device.js";
import type { OktaDevice } from "../okta/device.js";
import { OktaDeviceSchema } from "./okta-device.js";
import { isOktaDevice } from "./okta-device-verdict.js";

/** One problem found in a payload: where it is and what is wrong. */
export interface ValidationIssue {
  /** Dotted path of the field (`"profile.platform"`, `"_embedded.users[0].user.id"`), `""` for the record. */
  path: string;
  /** What is wrong. */
  message: string;
}

// zod/mini loads no locale, so its own messages are a bare "Invalid input": English ones
// come from zod's locale (a few KB), and a missing field says "required" and what it expects.
const english = en().localeError;
function message(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `required: expected ${issue.expected}`;
  }
  const text = english(issue);
  return typeof text === "string" ? text : text?.message;
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text;
}

/**
 * Thrown by {@link parseOktaDevice} (and returned by {@link safeParseOktaDevice}) when a
 * payload is not a valid Okta device. The message names the device id, when the payload
 * has one, and every failing path.
 */
export class OktaDeviceValidationError extends Error {
  override readonly name = "OktaDeviceValidationError";
  /** The payload's `id`, when it has a usable one. */
  readonly deviceId: string | undefined;
  /** Every problem found, in document order. */
  readonly issues: readonly ValidationIssue[];

  /**
   * Creates the error; its message lists every issue.
   * @param deviceId - the payload's id, if known
   * @param issues - the problems found
   */
  constructor(deviceId: string | undefined, issues: readonly ValidationIssue[]) {
    const subject = deviceId === undefined ? "Okta device" : `Okta device "${deviceId}"`;
    const details = issues
      .map((issue) => (issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`))
      .join("; ");
    super(`${subject} is invalid: ${details}`);
    this.deviceId = deviceId;
    this.issues = issues;
  }

  /** Builds the error from a zod error. */
  static fromZodError(input: unknown, error: z.core.$ZodError): OktaDeviceValidationError {
    // `this`, not the class's own name: a class that names itself inside its body is
    // renamed `_OktaDeviceValidationError` by the build (test/package/class-names.test.ts).
    return new this(
      deviceIdOf(input),
      error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
}

/** The result of {@link safeParseOktaDevice}: zod's shape, with our error class. */
export type SafeParseOktaDeviceResult =
  | { success: true; data: OktaDevice }
  | { success: false; error: OktaDeviceValidationError };

/**
 * Validates one Okta device payload and returns it typed: the payload itself, checked and
 * not copied, so every key it has is kept (a key named `__proto__` included, which zod's own
 * `OktaDeviceSchema.parse` leaves out of its copy).
 *
 * @throws {OktaDeviceValidationError} naming the device id and every failing path
 * @example
 * ```ts
 * import { parseOktaDevice } from "okta-device-ocsf/schemas";
 * const device = parseOktaDevice(await response.json());
 * ```
 */
export function parseOktaDevice(input: unknown): OktaDevice {
  const result = safeParseOktaDevice(input);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Validates one Okta device payload without throwing. On success, `data` is the payload
 * itself (checked, not copied), as in {@link parseOktaDevice}.
 *
 * @example
 * ```ts
 * const result = safeParseOktaDevice(json);
 * if (result.success) use(result.data);
 * else console.warn(result.error.message);
 * ```
 */
export function safeParseOktaDevice(input: unknown): SafeParseOktaDeviceResult {
  // The schema's verdict without zod's copies (held equal to zod's by a property test); only
  // a payload it rejects goes through zod, for zod's own issues.
  if (isOktaDevice(input)) return { success: true, data: input as OktaDevice };
  return safeParseOktaDeviceWithZod(input);
}

/**
 * {@link safeParseOktaDevice} by zod alone, verdict included: what it answers for a payload
 * the fast verdict rejects, and what the property test holds it equal to. Not exported by
 * the package.
 */
export function safeParseOktaDeviceWithZod(input: unknown): SafeParseOktaDeviceResult {
  const result = OktaDeviceSchema.safeParse(input, { error: message });
  // The payload, not zod's copy: the schemas transform nothing, and the copy leaves out any
  // own `__proto__` key (assigning it would set the copy's prototype), silently losing it.
  if (result.success) return { success: true, data: input as OktaDevice };
  return { success: false, error: OktaDeviceValidationError.fromZodError(input, result.error) };
}

/** The result of {@link safeParseOktaDeviceList}: the valid devices and one error per invalid one. */
export interface OktaDeviceListParseResult {
  /** The valid devices, in order. */
  devices: OktaDevice[];
  /** One entry per invalid element: its index in the array and its error. */
  failures: { index: number; error: OktaDeviceValidationError }[];
}

/**
 * Validates a list response (`GET /api/v1/devices`) element by element, so one bad device
 * never hides the others.
 *
 * @throws {OktaDeviceValidationError} only when `input` is not an array at all
 * @example
 * ```ts
 * const { devices, failures } = safeParseOktaDeviceList(await response.json());
 * for (const { index, error } of failures) console.warn(index, error.message);
 * ```
 */
export function safeParseOktaDeviceList(input: unknown): OktaDeviceListParseResult {
  if (!Array.isArray(input)) {
    throw new OktaDeviceValidationError(undefined, [
      { path: "", message: "a device list must be a JSON array" },
    ]);
  }
  const devices: OktaDevice[] = [];
  const failures: OktaDeviceListParseResult["failures"] = [];
  // An index loop, not forEach: forEach skips the holes of a sparse array, and a hole is an
  // element that is not a device (reported), never one that silently is not there.
  for (let index = 0; index < input.length; index++) {
    const result = safeParseOktaDevice(input[index]);
    if (result.success) devices.push(result.data);
    else failures.push({ index, error: result.error });
  }
  return { devices, failures };
}
