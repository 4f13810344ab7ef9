import { ClockSkew } from "./clock-skew.js";
import { parseImfFixdate } from "./server-time.js";

/** What the last response said about the rate-limit bucket. */
export interface RateLimitState {
  /**
   * `X-Rate-Limit-Limit`: requests allowed per window (`0` on a concurrency 429);
   * `undefined` when the response did not say (unknown, never 0). The lowest value when
   * the header came more than once.
   */
  limit: number | undefined;
  /**
   * `X-Rate-Limit-Remaining`: requests left in the window; `undefined` when the response did
   * not say. The lowest value when the header came more than once.
   */
  remaining: number | undefined;
  /**
   * `X-Rate-Limit-Reset`: epoch seconds of the window's end, on Okta's clock. When the header
   * came more than once: the earliest value still ahead (the latest when all have passed).
   */
  reset: number;
  /** Local epoch milliseconds at which the window is estimated to end (skew-corrected). */
  resetAt: number;
}

/** Options of the rate-limit pacing. */
export interface RateLimitOptions {
  /**
   * Requests of each window left unused. Okta counts using 100% of a bucket as a
   * violation, so the client waits for the next window when `Remaining` would drop
   * below this. Default `1`; a whole number from 0 to 1000000.
   */
  reserve?: number;
  /**
   * Most 429 answers in a row the client waits out for one request before failing with
   * `rate_limited`. Default `6`; a whole number from 0 to 100.
   */
  maxRateLimitRetries?: number;
  /**
   * Longest single rate-limit wait, in ms: a reset further ahead (a wrong clock, a year-3000
   * `X-Rate-Limit-Reset`) is waited in steps of this length, counted against the request's
   * budget. Default `60000` (Okta's windows last one minute); from 1 to 3600000.
   */
  maxWaitMs?: number;
  /** Upper bound of the random delay added to each wait, in ms. Default `250`; 0 to 60000. */
  jitterMs?: number;
}

/**
 * Most waits for an exhausted bucket (pacing, before any 429) one request makes before it
 * fails with `rate_limited`: a window of Okta lasts a minute, so with the default
 * `maxWaitMs` one wait normally suffices, a second covers clock skew.
 */
export const MAX_PACING_WAITS = 3;

// Okta sends decimal integers; anything else in a value (1e308, -1, text) is not trusted.
const DECIMAL = /^\d{1,16}$/;

/**
 * Every valid value of a header that may come more than once (`Headers.get` joins repeats
 * with ", "); empty when the header is absent or has no valid value.
 */
export function headerNumbers(headers: Headers, name: string): number[] {
  const raw = headers.get(name);
  if (raw === null) return [];
  const values: number[] = [];
  for (const part of raw.split(",")) {
    const text = part.trim();
    if (DECIMAL.test(text)) values.push(Number(text));
  }
  return values;
}

// A loop, not Math.min(...values): a header repeated thousands of times must not overflow the stack.
function lowest(values: readonly number[]): number {
  let result = Number.POSITIVE_INFINITY;
  for (const value of values) if (value < result) result = value;
  return result;
}

/**
 * Reads `X-Rate-Limit-*` headers, or `undefined` when a response has no valid reset.
 * Repeated headers give the most conservative state: the lowest limit and remaining, the
 * earliest reset still ahead of `serverNow` (epoch ms on Okta's clock).
 */
export function readRateLimit(
  headers: Headers,
  clockSkewMs: number,
  serverNow: number,
): RateLimitState | undefined {
  const resets = headerNumbers(headers, "x-rate-limit-reset");
  if (resets.length === 0) return undefined;
  const ahead = resets.filter((reset) => reset * 1000 > serverNow);
  const reset = ahead.length > 0 ? lowest(ahead) : -lowest(resets.map((value) => -value));
  const limits = headerNumbers(headers, "x-rate-limit-limit");
  const remainings = headerNumbers(headers, "x-rate-limit-remaining");
  return {
    limit: limits.length === 0 ? undefined : lowest(limits),
    remaining: remainings.length === 0 ? undefined : lowest(remainings),
    reset,
    resetAt: reset * 1000 + clockSkewMs,
  };
}

/**
 * Paces requests of one client (all its listings share one bucket, as in Okta).
 *
 * The window's end is given on Okta's clock; comparing it with the local clock would be
 * off by the clock skew, estimated from the responses' `Date` headers (see clock-skew.ts).
 */
export class RateLimiter {
  private state: RateLimitState | undefined;
  private readonly skew = new ClockSkew();
  private readonly reserve: number;
  private readonly maxWaitMs: number;

  constructor(options: RateLimitOptions = {}) {
    this.reserve = Math.max(0, options.reserve ?? 1);
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** The last known bucket state (a snapshot). */
  get current(): RateLimitState | undefined {
    return this.state === undefined ? undefined : { ...this.state };
  }

  /** Records a response's headers; returns the bucket state it carries. */
  observe(headers: Headers, receivedAt: number): RateLimitState | undefined {
    this.skew.observe(headers.get("date"), receivedAt);
    const skewMs = this.skew.estimateMs;
    const state = readRateLimit(headers, skewMs, receivedAt - skewMs);
    // A concurrency 429 (limit 0) says nothing about the bucket: keep what we knew.
    if (state !== undefined && state.limit !== 0) {
      const known = this.state;
      // A private copy: pacing counts requests down, the caller's snapshot must not change.
      const next = { ...state };
      // Two answers about the same window (responses overtaking each other): the lower count.
      if (known?.reset === next.reset && known.remaining !== undefined) {
        next.remaining =
          next.remaining === undefined
            ? known.remaining
            : Math.min(known.remaining, next.remaining);
      }
      this.state = next;
    }
    return state;
  }

  /**
   * How long to wait before the next request so that the bucket is never used up, at most
   * `maxWaitMs`; 0 to go now. An unknown `Remaining` never makes the client wait.
   */
  delayBeforeRequest(now: number): number {
    const state = this.state;
    if (state === undefined || state.remaining === undefined || now >= state.resetAt) return 0;
    // Count the request about to be sent: afterwards `reserve` must still be left.
    if (state.remaining - 1 >= this.reserve) {
      state.remaining--;
      return 0;
    }
    return Math.min(state.resetAt - now, this.maxWaitMs);
  }

  /**
   * How long a 429 with this state and these headers asks to wait, at most `maxWaitMs`: the
   * later of the window's end and `Retry-After` (a proxy or gateway may send only that), 1 s
   * when neither said.
   */
  delayAfter429(state: RateLimitState | undefined, now: number, headers?: Headers): number {
    const retryAfter = headers === undefined ? undefined : this.retryAfterMs(headers, now);
    const window = state === undefined ? undefined : Math.max(0, state.resetAt - now);
    const delay =
      window === undefined && retryAfter === undefined
        ? 1000
        : Math.max(window ?? 0, retryAfter ?? 0);
    return Math.min(delay, this.maxWaitMs);
  }

  /**
   * How long a concurrency 429 (`X-Rate-Limit-Limit: 0`: too many requests in flight, not an
   * exhausted bucket) asks to wait, at most `maxWaitMs`: the client's own backoff, or
   * `Retry-After` when that says longer. Its `X-Rate-Limit-Reset` is not about this client's
   * bucket and is not waited for.
   */
  delayAfterConcurrency429(backoffMs: number, now: number, headers: Headers): number {
    const retryAfter = this.retryAfterMs(headers, now) ?? 0;
    return Math.min(Math.max(backoffMs, retryAfter), this.maxWaitMs);
  }

  // `Retry-After` as delay-seconds (decimal digits only) or an IMF-fixdate on Okta's clock.
  private retryAfterMs(headers: Headers, now: number): number | undefined {
    const text = headers.get("retry-after")?.trim();
    if (text === undefined) return undefined;
    if (DECIMAL.test(text)) return Number(text) * 1000;
    const date = parseImfFixdate(text);
    return date === undefined ? undefined : Math.max(0, date + this.skew.estimateMs - now);
  }

  /** Forgets the window after waiting it out, so the next response sets it again. */
  windowPassed(now: number): void {
    if (this.state !== undefined && now >= this.state.resetAt) this.state = undefined;
  }

  /** Forgets the window whatever it said: after giving up, the next response sets it again. */
  forget(): void {
    this.state = undefined;
  }
}
