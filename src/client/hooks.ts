import type { OktaClientError } from "./errors.js";
import type { RateLimitState } from "./rate-limit.js";
import { redactSecrets } from "./secrets.js";

/** Passed to `beforeRequest` hooks. */
export interface BeforeRequestInfo {
  /** The URL about to be requested. */
  url: string;
  /** HTTP method. */
  method: string;
  /** 0 for the first attempt, then 1, 2, … for retries. */
  attempt: number;
}

/** Passed to `afterResponse` hooks. */
export interface AfterResponseInfo {
  /** The URL requested. */
  url: string;
  /** HTTP status. */
  status: number;
  /** `X-Okta-Request-Id`. */
  requestId: string | undefined;
  /** The bucket state the response announced. */
  rateLimit: RateLimitState | undefined;
  /** Time from sending to the complete body, in ms. */
  durationMs: number;
}

/** Passed to `onRetry` hooks. */
export interface RetryInfo {
  /** The URL being retried. */
  url: string;
  /** Which retry this is: 1 for the first. */
  retry: number;
  /** How long the client waits before it, in ms. */
  delayMs: number;
  /** What went wrong. */
  error: OktaClientError;
}

/** Passed to `onRateLimitWait` hooks. */
export interface RateLimitWaitInfo {
  /** The URL waiting. */
  url: string;
  /**
   * How long the client waits, in ms: at most `rateLimit.maxWaitMs` (default 60000) plus
   * `rateLimit.jitterMs`, whatever the server's `X-Rate-Limit-Reset` says.
   */
  delayMs: number;
  /**
   * `"reserve"`: pacing before the bucket is used up; `"429"`: Okta answered 429;
   * `"concurrency"`: a concurrency 429 (`X-Rate-Limit-Limit: 0`).
   */
  cause: "reserve" | "429" | "concurrency";
  /** The bucket state behind the wait. */
  rateLimit: RateLimitState | undefined;
}

/** Hooks, each a list of functions called in order (as in ky). A hook that throws fails the request. */
export interface RequestHooks {
  /** Before each attempt. */
  beforeRequest?: ((info: BeforeRequestInfo) => void)[];
  /** After each complete response, errors included. */
  afterResponse?: ((info: AfterResponseInfo) => void)[];
  /** Before each retry of a transient failure. */
  onRetry?: ((info: RetryInfo) => void)[];
  /** Before each rate-limit wait. */
  onRateLimitWait?: ((info: RateLimitWaitInfo) => void)[];
}

/**
 * Calls each hook of a list in order; a hook that throws fails the request. Hooks are
 * where requests get logged, so the `url` (a `next` link's cursor is whatever the server
 * sent) and the `requestId` (a header the server sets) they see are redacted, as an
 * error's are.
 */
export function callHooks<T>(hooks: ((info: T) => void)[] | undefined, info: T): void {
  if (hooks === undefined || hooks.length === 0) return;
  const redacted = { ...info } as T & { url?: unknown; requestId?: unknown };
  if (typeof redacted.url === "string") redacted.url = redactSecrets(redacted.url);
  if (typeof redacted.requestId === "string")
    redacted.requestId = redactSecrets(redacted.requestId);
  for (const hook of hooks) hook(redacted);
}
