// The request loop: rate-limit pacing, 429 waits and bounded retries around one attempt.
import { OktaClientError, type OktaErrorDetails } from "./errors.js";
import { callHooks, type RateLimitWaitInfo, type RequestHooks } from "./hooks.js";
import { httpError, rateLimitedError, redirectError } from "./okta-errors.js";
import { MAX_PACING_WAITS, type RateLimiter } from "./rate-limit.js";
import { decodeBody, type OktaResponse, parseBody } from "./response-body.js";
import { sleep } from "./sleep.js";
import { isTransient } from "./transient.js";
import { exchange, type HeadersHook, type TransportOptions } from "./transport.js";

/** Bounded retries with exponential backoff and jitter, for 5xx, network errors, timeouts and bodies cut short. */
export interface RetryOptions {
  /** Retries after the first attempt. Default `4`; a whole number from 0 to 100. `0` turns retries off. */
  limit?: number;
  /** First backoff, in ms; it doubles each retry. Default `500`; 0 to 2147483647. */
  baseDelayMs?: number;
  /** Longest backoff, in ms. Default `30000`; 0 to 2147483647. */
  maxDelayMs?: number;
}

/** Everything one request needs; built once per client. */
export interface RequestEngine extends TransportOptions {
  retry: Required<RetryOptions>;
  maxRateLimitRetries: number;
  maxWaitMs: number;
  jitterMs: number;
  rateLimiter: RateLimiter;
  hooks: RequestHooks;
  random: () => number;
}

function backoff(engine: RequestEngine, retry: number): number {
  const ceiling = Math.min(engine.retry.maxDelayMs, engine.retry.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (engine.random() * ceiling) / 2);
}

async function waitForRateLimit(
  engine: RequestEngine,
  url: string,
  delayMs: number,
  cause: RateLimitWaitInfo["cause"],
  signal: AbortSignal | undefined,
): Promise<void> {
  const bounded = Math.min(Math.max(0, delayMs), engine.maxWaitMs);
  const jittered = Math.round(bounded + engine.random() * engine.jitterMs);
  callHooks(engine.hooks.onRateLimitWait, {
    url,
    delayMs: jittered,
    cause,
    rateLimit: engine.rateLimiter.current,
  });
  await sleep(jittered, signal);
  engine.rateLimiter.windowPassed(Date.now());
}

/**
 * GETs a URL on the org and returns its parsed JSON body, through rate-limit pacing,
 * 429 waits and bounded retries. Every wait is at most `maxWaitMs`; a request makes at most
 * {@link MAX_PACING_WAITS} pacing waits and `maxRateLimitRetries` 429 waits, then fails
 * with `rate_limited`. Throws an {@link OktaClientError} subclass, or the signal's reason
 * when aborted. `onHeaders` sees each successful response's headers before its body is
 * read (a listing uses it to request the next page early).
 */
export async function getJson(
  engine: RequestEngine,
  url: string,
  signal: AbortSignal | undefined,
  onHeaders?: HeadersHook,
): Promise<OktaResponse> {
  let retries = 0;
  let rateLimitRetries = 0;
  let pacingWaits = 0;
  let authRetries = 0;
  for (;;) {
    signal?.throwIfAborted();
    const paceMs = engine.rateLimiter.delayBeforeRequest(Date.now());
    if (paceMs > 0) {
      if (pacingWaits >= MAX_PACING_WAITS) {
        // Given up: the next request learns the bucket afresh instead of waiting again.
        engine.rateLimiter.forget();
        throw rateLimitedError({ url, method: "GET" }, pacingWaits);
      }
      pacingWaits++;
      await waitForRateLimit(engine, url, paceMs, "reserve", signal);
      continue;
    }
    let failure: OktaClientError;
    try {
      const result = await exchange(engine, url, retries, signal, onHeaders);
      const rateLimit = result.rateLimit;
      const requestId = result.headers.get("x-okta-request-id") ?? undefined;
      callHooks(engine.hooks.afterResponse, {
        url,
        status: result.status,
        requestId,
        rateLimit,
        durationMs: result.durationMs,
      });
      const details: OktaErrorDetails = { url, method: "GET", status: result.status };
      if (requestId !== undefined) details.requestId = requestId;
      if (result.status === 429) {
        const concurrency = rateLimit?.limit === 0;
        if (rateLimitRetries >= engine.maxRateLimitRetries) {
          throw httpError(429, decodeBody(result.body), details);
        }
        rateLimitRetries++;
        const delay = concurrency
          ? engine.rateLimiter.delayAfterConcurrency429(
              backoff(engine, rateLimitRetries),
              Date.now(),
              result.headers,
            )
          : engine.rateLimiter.delayAfter429(rateLimit, Date.now(), result.headers);
        await waitForRateLimit(engine, url, delay, concurrency ? "concurrency" : "429", signal);
        continue;
      }
      // A DPoP nonce challenge or an expired OAuth token: the strategy fixes it, one retry
      // each (a nonce, then a refreshed token), never a loop.
      if (
        result.status === 401 &&
        authRetries < 2 &&
        engine.auth.handleUnauthorized?.(result.headers, result.authHeaders)
      ) {
        authRetries++;
        continue;
      }
      if (result.status >= 300 && result.status < 400) {
        throw redirectError(result.headers.get("location"), details);
      }
      if (result.status < 200 || result.status >= 300) {
        throw httpError(result.status, decodeBody(result.body), details);
      }
      const data = parseBody(result.body, url, details);
      return { data, status: result.status, headers: result.headers, requestId, rateLimit, url };
    } catch (error) {
      if (!(error instanceof OktaClientError)) throw error;
      failure = error;
    }
    if (!isTransient(failure) || retries >= engine.retry.limit) throw failure;
    retries++;
    const delayMs = backoff(engine, retries);
    callHooks(engine.hooks.onRetry, { url, retry: retries, delayMs, error: failure });
    await sleep(delayMs, signal);
  }
}
