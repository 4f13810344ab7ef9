import type { AuthStrategy } from "./auth.js";
import {
  OktaClientError,
  type OktaErrorDetails,
  type OktaFailureReason,
  OktaHTTPError,
  OktaNetworkError,
  OktaResponseError,
  OktaTimeoutError,
} from "./errors.js";
import { decodeBody } from "./json-array.js";
import type { RateLimiter, RateLimitState } from "./rate-limit.js";
import { sleep } from "./sleep.js";

/** Bounded retries with exponential backoff and jitter, for 5xx, network errors, timeouts and bodies cut short. */
export interface RetryOptions {
  /** Retries after the first attempt. Default `4`. `0` turns retries off. */
  limit?: number;
  /** First backoff, in ms; it doubles each retry. Default `500`. */
  baseDelayMs?: number;
  /** Longest backoff, in ms. Default `30000`. */
  maxDelayMs?: number;
}

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
  /** How long the client waits, in ms. */
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

/** A parsed JSON response. */
export interface OktaResponse {
  /** The parsed body. */
  data: unknown;
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** `X-Okta-Request-Id`. */
  requestId: string | undefined;
  /** The bucket state the response announced. */
  rateLimit: RateLimitState | undefined;
  /** The URL requested. */
  url: string;
}

/** Everything one request needs; built once per client. */
export interface RequestEngine {
  auth: AuthStrategy;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  maxRateLimitRetries: number;
  jitterMs: number;
  rateLimiter: RateLimiter;
  fetch: typeof globalThis.fetch | undefined;
  userAgent: string;
  hooks: RequestHooks;
  random: () => number;
}

type KyFunction = typeof import("ky").default;
let kyModule: Promise<KyFunction> | undefined;
// Loaded on first use: ky is ESM-only, and a dynamic import works from the CJS build too.
export function loadKy(): Promise<KyFunction> {
  kyModule ??= import("ky").then((module) => module.default);
  return kyModule;
}

class TimeoutSignal extends Error {}

function call<T>(hooks: ((info: T) => void)[] | undefined, info: T): void {
  if (hooks === undefined) return;
  for (const hook of hooks) hook(info);
}

function backoff(engine: RequestEngine, retry: number): number {
  const ceiling = Math.min(engine.retry.maxDelayMs, engine.retry.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (engine.random() * ceiling) / 2);
}

interface OktaErrorBody {
  errorCode?: unknown;
  errorSummary?: unknown;
  errorId?: unknown;
  errorCauses?: unknown;
}

function oktaErrorDetails(text: string): Partial<OktaErrorDetails> {
  let body: OktaErrorBody;
  try {
    body = JSON.parse(text) as OktaErrorBody;
  } catch {
    return {};
  }
  if (body === null || typeof body !== "object") return {};
  const details: Partial<OktaErrorDetails> = {};
  if (typeof body.errorCode === "string") details.errorCode = body.errorCode;
  if (typeof body.errorSummary === "string") details.errorSummary = body.errorSummary;
  if (typeof body.errorId === "string") details.errorId = body.errorId;
  if (Array.isArray(body.errorCauses)) {
    details.errorCauses = body.errorCauses
      .map((cause: unknown) =>
        cause !== null && typeof cause === "object" && "errorSummary" in cause
          ? String((cause as { errorSummary: unknown }).errorSummary)
          : "",
      )
      .filter((summary) => summary !== "");
  }
  return details;
}

const STATUS_REASONS: Readonly<Record<number, OktaFailureReason>> = {
  400: "bad_request",
  401: "invalid_token",
  403: "forbidden",
  404: "not_found",
  429: "rate_limited",
};

const ADVICE: Readonly<Partial<Record<OktaFailureReason, string>>> = {
  invalid_token: "Check that the token is current and was issued by this org.",
  forbidden:
    "The credentials cannot read devices: give the API token's admin a role that can read devices, or grant the OAuth app the okta.devices.read scope.",
  not_found:
    "Check baseUrl (the org URL, not a custom app domain); the devices API needs an Okta Identity Engine org.",
  bad_request: "Okta refused the request: check the search expression and the cursor.",
  rate_limited: "The rate limit stayed exhausted; try again later or lower the request rate.",
  server_error: "Okta had a server error; try again later.",
};

function httpError(status: number, text: string, details: OktaErrorDetails): OktaHTTPError {
  const reason = STATUS_REASONS[status] ?? (status >= 500 ? "server_error" : "unexpected_response");
  const okta = oktaErrorDetails(text);
  const code = okta.errorCode === undefined ? "" : ` ${okta.errorCode}`;
  const summary = okta.errorSummary === undefined ? "" : `: ${okta.errorSummary}`;
  const advice = ADVICE[reason] ?? "";
  return new OktaHTTPError(
    reason,
    `Okta answered ${status}${code}${summary} for ${details.method} ${details.url}. ${advice}`.trim(),
    { ...details, ...okta, status },
  );
}

async function readChunks(stream: ReadableStream<Uint8Array> | null): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  if (stream === null) return chunks;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

interface Exchange {
  status: number;
  headers: Headers;
  /** The body as received: decoding it is left to the reader (see json-array.ts). */
  body: Uint8Array[];
  rateLimit: RateLimitState | undefined;
  durationMs: number;
}

/** Called with a successful response's headers, before its body is read. */
export type HeadersHook = (headers: Headers) => void;

async function exchange(
  engine: RequestEngine,
  url: string,
  attempt: number,
  signal: AbortSignal | undefined,
  onHeaders: HeadersHook | undefined,
): Promise<Exchange> {
  const ky = await loadKy();
  // Outside the try: a failing token provider or hook is the caller's error, not a network one.
  const authHeaders = await engine.auth.headers("GET", url, signal);
  call(engine.hooks.beforeRequest, { url, method: "GET", attempt });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutSignal()), engine.timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const startedAt = Date.now();
  let received = false;
  try {
    const headers: Record<string, string> = { Accept: "application/json", ...authHeaders };
    if (engine.userAgent !== "") headers["User-Agent"] = engine.userAgent;
    const response = await ky(url, {
      method: "get",
      headers,
      signal: controller.signal,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      redirect: "manual",
      ...(engine.fetch === undefined ? {} : { fetch: engine.fetch }),
    });
    received = true;
    // Before the body and before `onHeaders`: a request started from there (a prefetched
    // page) must be paced by the bucket state this response announces.
    const rateLimit = engine.rateLimiter.observe(response.headers, Date.now());
    if (onHeaders !== undefined && response.ok) onHeaders(response.headers);
    const body = await readChunks(response.body);
    return {
      status: response.status,
      headers: response.headers,
      body,
      rateLimit,
      durationMs: Date.now() - startedAt,
    };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const details = { url, method: "GET", cause: error };
    if (controller.signal.reason instanceof TimeoutSignal) {
      throw new OktaTimeoutError(
        "network",
        `No complete response from Okta within ${engine.timeoutMs} ms for GET ${url}`,
        details,
      );
    }
    if (error instanceof OktaClientError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (received) {
      throw retryable(
        new OktaResponseError(
          "unexpected_response",
          `The response body of GET ${url} was cut short (${message})`,
          details,
        ),
      );
    }
    throw new OktaNetworkError(
      "network",
      `Could not reach Okta for GET ${url}: ${message}`,
      details,
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

// Response errors worth another attempt (a body cut short or garbled), marked where they
// are made rather than recognised later by their wording.
const retryableResponses = new WeakSet<OktaClientError>();

function retryable(error: OktaResponseError): OktaResponseError {
  retryableResponses.add(error);
  return error;
}

function isTransient(error: OktaClientError): boolean {
  return (
    error instanceof OktaTimeoutError ||
    error instanceof OktaNetworkError ||
    retryableResponses.has(error) ||
    (error instanceof OktaHTTPError && error.reason === "server_error")
  );
}

async function waitForRateLimit(
  engine: RequestEngine,
  url: string,
  delayMs: number,
  cause: RateLimitWaitInfo["cause"],
  signal: AbortSignal | undefined,
): Promise<void> {
  const jittered = Math.round(delayMs + engine.random() * engine.jitterMs);
  call(engine.hooks.onRateLimitWait, {
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
 * 429 waits and bounded retries. Throws an {@link OktaClientError} subclass, or the
 * signal's reason when aborted. `onHeaders` sees each successful response's headers
 * before its body is read (a listing uses it to request the next page early).
 */
export async function getJson(
  engine: RequestEngine,
  url: string,
  signal: AbortSignal | undefined,
  onHeaders?: HeadersHook,
): Promise<OktaResponse> {
  let retries = 0;
  let rateLimitRetries = 0;
  let authRetries = 0;
  for (;;) {
    signal?.throwIfAborted();
    const paceMs = engine.rateLimiter.delayBeforeRequest(Date.now());
    if (paceMs > 0) {
      await waitForRateLimit(engine, url, paceMs, "reserve", signal);
      continue;
    }
    let failure: OktaClientError;
    try {
      const result = await exchange(engine, url, retries, signal, onHeaders);
      const rateLimit = result.rateLimit;
      const requestId = result.headers.get("x-okta-request-id") ?? undefined;
      call(engine.hooks.afterResponse, {
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
          ? backoff(engine, rateLimitRetries)
          : Math.max(0, (rateLimit?.resetAt ?? Date.now() + 1000) - Date.now());
        await waitForRateLimit(engine, url, delay, concurrency ? "concurrency" : "429", signal);
        continue;
      }
      // A DPoP nonce challenge or an expired OAuth token: the strategy fixes it, one retry
      // each (a nonce, then a refreshed token), never a loop.
      if (
        result.status === 401 &&
        authRetries < 2 &&
        engine.auth.handleUnauthorized?.(result.headers)
      ) {
        authRetries++;
        continue;
      }
      if (result.status >= 300 && result.status < 400) {
        const location = result.headers.get("location") ?? "elsewhere";
        throw new OktaResponseError(
          "unexpected_response",
          `Okta redirected GET ${url} to ${location}: baseUrl is probably not the org's API URL`,
          details,
        );
      }
      if (result.status < 200 || result.status >= 300) {
        throw httpError(result.status, decodeBody(result.body), details);
      }
      // Parsed whole, as `Response.json()` does: measured in one process on all three record
      // shapes (npm run bench's listing, Node 20), decoding and parsing the page at once
      // took less CPU than parsing it element by element from the chunks.
      const data = parseWholeBody(result.body, url, details);
      return { data, status: result.status, headers: result.headers, requestId, rateLimit, url };
    } catch (error) {
      if (!(error instanceof OktaClientError)) throw error;
      failure = error;
    }
    if (!isTransient(failure) || retries >= engine.retry.limit) throw failure;
    retries++;
    const delayMs = backoff(engine, retries);
    call(engine.hooks.onRetry, { url, retry: retries, delayMs, error: failure });
    await sleep(delayMs, signal);
  }
}

function parseWholeBody(body: Uint8Array[], url: string, details: OktaErrorDetails): unknown {
  const text = decodeBody(body);
  try {
    return JSON.parse(text);
  } catch (cause) {
    // HTML is a wrong URL, not a passing fault: only a garbled JSON body is retried.
    if (/^\s*</.test(text)) {
      throw new OktaResponseError(
        "unexpected_response",
        `Okta sent an HTML page instead of JSON for GET ${url}: baseUrl is probably a sign-in page, not the org's API`,
        { ...details, cause },
      );
    }
    throw retryable(
      new OktaResponseError(
        "unexpected_response",
        `The response body of GET ${url} is not valid JSON (${text.length} bytes)`,
        { ...details, cause },
      ),
    );
  }
}

/**
 * The body of a response checked to be a JSON array (`"array"`) or object (`"object"`);
 * anything else is an unexpected response, reported with `hint` when given.
 */
export function expectBody(response: OktaResponse, shape: "array", hint?: string): unknown[];
export function expectBody(
  response: OktaResponse,
  shape: "object",
  hint?: string,
): Record<string, unknown>;
export function expectBody(
  response: OktaResponse,
  shape: "array" | "object",
  hint = "",
): unknown[] | Record<string, unknown> {
  const data = response.data;
  const isArray = Array.isArray(data);
  const fits = shape === "array" ? isArray : data !== null && typeof data === "object" && !isArray;
  if (fits) return data as unknown[] | Record<string, unknown>;
  const details: OktaErrorDetails = { url: response.url, method: "GET", status: response.status };
  if (response.requestId !== undefined) details.requestId = response.requestId;
  throw new OktaResponseError(
    "unexpected_response",
    `GET ${response.url} did not return a JSON ${shape}${hint === "" ? "" : `: ${hint}`}`,
    details,
  );
}
