/** What the last response said about the rate-limit bucket. */
export interface RateLimitState {
  /** `X-Rate-Limit-Limit`: requests allowed per window (`0` on a concurrency 429). */
  limit: number;
  /** `X-Rate-Limit-Remaining`: requests left in the window. */
  remaining: number;
  /** `X-Rate-Limit-Reset`: epoch seconds of the window's end, on Okta's clock. */
  reset: number;
  /** Local epoch milliseconds at which the window is estimated to end (skew-corrected). */
  resetAt: number;
}

/** Options of the rate-limit pacing. */
export interface RateLimitOptions {
  /**
   * Requests of each window left unused. Okta counts using 100% of a bucket as a
   * violation, so the client waits for the next window when `Remaining` would drop
   * below this. Default `1`; raise it to leave room for other integrations.
   */
  reserve?: number;
  /** Most 429 answers in a row the client waits out before giving up. Default `6`. */
  maxRateLimitRetries?: number;
  /** Upper bound of the random delay added to each wait, in ms. Default `250`. */
  jitterMs?: number;
}

/** Reads `X-Rate-Limit-*` headers, or `undefined` when a response has none. */
export function readRateLimit(headers: Headers, clockSkewMs: number): RateLimitState | undefined {
  const limit = Number(headers.get("x-rate-limit-limit"));
  const remaining = Number(headers.get("x-rate-limit-remaining"));
  const reset = Number(headers.get("x-rate-limit-reset"));
  if (
    headers.get("x-rate-limit-reset") === null ||
    !Number.isFinite(limit) ||
    !Number.isFinite(remaining) ||
    !Number.isFinite(reset)
  ) {
    return undefined;
  }
  return { limit, remaining, reset, resetAt: reset * 1000 + clockSkewMs };
}

/**
 * Paces requests of one client (all its listings share one bucket, as in Okta).
 *
 * The window's end is given on Okta's clock; comparing it with the local clock would be
 * off by the clock skew. The skew is estimated from each response's `Date` header: since
 * `Date` is truncated to the second, `localReceiveTime - Date` is always at least the
 * true skew, and its minimum over many responses converges to it from the safe side.
 */
export class RateLimiter {
  private state: RateLimitState | undefined;
  private skewMs: number | undefined;
  private readonly reserve: number;

  constructor(options: RateLimitOptions = {}) {
    this.reserve = Math.max(0, options.reserve ?? 1);
  }

  /** The last known bucket state (a snapshot). */
  get current(): RateLimitState | undefined {
    return this.state === undefined ? undefined : { ...this.state };
  }

  /** Records a response's headers; returns the bucket state it carries. */
  observe(headers: Headers, receivedAt: number): RateLimitState | undefined {
    const date = Date.parse(headers.get("date") ?? "");
    if (Number.isFinite(date)) {
      const observed = receivedAt - date;
      this.skewMs = this.skewMs === undefined ? observed : Math.min(this.skewMs, observed);
    }
    const state = readRateLimit(headers, this.skewMs ?? 0);
    // A concurrency 429 (limit 0) says nothing about the bucket: keep what we knew.
    if (state !== undefined && state.limit > 0) {
      // A private copy: pacing counts requests down, the caller's snapshot must not change.
      this.state = { ...state };
    }
    return state;
  }

  /** How long to wait before the next request so that the bucket is never used up; 0 to go now. */
  delayBeforeRequest(now: number): number {
    const state = this.state;
    if (state === undefined || now >= state.resetAt) return 0;
    // Count the request about to be sent: afterwards `reserve` must still be left.
    if (state.remaining - 1 >= this.reserve) {
      state.remaining--;
      return 0;
    }
    return state.resetAt - now;
  }

  /** Forgets the window after waiting it out, so the next response sets it again. */
  windowPassed(now: number): void {
    if (this.state !== undefined && now >= this.state.resetAt) this.state = undefined;
  }
}
