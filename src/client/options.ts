import { OktaConfigError } from "./errors.js";

/** The largest delay `setTimeout` honours (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Allowed range of a numeric option, and its default. */
export interface NumberRange {
  min: number;
  max: number;
  /** Whole numbers only (counts, byte sizes). */
  integer: boolean;
  fallback: number;
}

/**
 * Ranges of the client's numeric options, checked at creation. A value outside them (0 or
 * 2^31 ms, NaN, a negative count) would otherwise fail every request, or never end a wait.
 */
export const NUMBER_OPTIONS = {
  timeoutMs: { min: 1, max: MAX_TIMER_MS, integer: false, fallback: 30_000 },
  maxResponseBytes: { min: 1024, max: 2 ** 30, integer: true, fallback: 64 * 2 ** 20 },
  "retry.limit": { min: 0, max: 100, integer: true, fallback: 4 },
  "retry.baseDelayMs": { min: 0, max: MAX_TIMER_MS, integer: false, fallback: 500 },
  "retry.maxDelayMs": { min: 0, max: MAX_TIMER_MS, integer: false, fallback: 30_000 },
  "rateLimit.reserve": { min: 0, max: 1_000_000, integer: true, fallback: 1 },
  "rateLimit.maxRateLimitRetries": { min: 0, max: 100, integer: true, fallback: 6 },
  "rateLimit.maxWaitMs": { min: 1, max: 3_600_000, integer: false, fallback: 60_000 },
  "rateLimit.jitterMs": { min: 0, max: 60_000, integer: false, fallback: 250 },
} as const satisfies Record<string, NumberRange>;

/** The name of a numeric option. */
export type NumberOptionName = keyof typeof NUMBER_OPTIONS;

/** Returns the option's value, its default when `undefined`; throws {@link OktaConfigError} when out of range. */
export function numberOption(name: NumberOptionName, value: unknown): number {
  const range: NumberRange = NUMBER_OPTIONS[name];
  if (value === undefined) return range.fallback;
  const kind = range.integer ? "a whole number" : "a number";
  const valid =
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= range.min &&
    value <= range.max &&
    (!range.integer || Number.isInteger(value));
  if (!valid) {
    // Only a number is shown back: a string in the wrong place may be a secret.
    const got = typeof value === "number" ? String(value) : `a ${typeof value}`;
    throw new OktaConfigError(
      "invalid_options",
      `${name} must be ${kind} from ${range.min} to ${range.max}, got ${got}`,
    );
  }
  return value;
}
