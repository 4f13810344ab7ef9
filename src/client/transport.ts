// One HTTP attempt: auth headers, the per-attempt timeout, the body read under its cap, and
// transport failures turned into typed errors that name their cause.
import type { AuthStrategy } from "./auth.js";
import {
  OktaClientError,
  OktaNetworkError,
  OktaResponseError,
  OktaTimeoutError,
} from "./errors.js";
import { callHooks, type RequestHooks } from "./hooks.js";
import { networkCause } from "./network-cause.js";
import type { RateLimiter, RateLimitState } from "./rate-limit.js";
import { retryable } from "./transient.js";

type KyFunction = typeof import("ky").default;
let kyModule: Promise<KyFunction> | undefined;
// Loaded on first use: ky is ESM-only, and a dynamic import works from the CJS build too.
export function loadKy(): Promise<KyFunction> {
  kyModule ??= import("ky").then((module) => module.default);
  return kyModule;
}

/** What one attempt needs from the client. */
export interface TransportOptions {
  auth: AuthStrategy;
  timeoutMs: number;
  maxResponseBytes: number;
  rateLimiter: RateLimiter;
  fetch: typeof globalThis.fetch | undefined;
  userAgent: string;
  hooks: RequestHooks;
}

/** A complete response. */
export interface Exchange {
  status: number;
  headers: Headers;
  /** The body as received: decoding it is left to the reader (see response-body.ts). */
  body: Uint8Array[];
  rateLimit: RateLimitState | undefined;
  durationMs: number;
  /** The auth headers the request was sent with (a 401 is about these, not a newer token). */
  authHeaders: Readonly<Record<string, string>>;
}

/** Called with a successful response's headers, before its body is read. */
export type HeadersHook = (headers: Headers) => void;

class TimeoutSignal extends Error {}

/** The error for a body larger than `maxResponseBytes` (decoded): never retried. */
export function bodyTooLarge(method: string, url: string, max: number, status?: number) {
  return new OktaResponseError(
    "unexpected_response",
    `The response body of ${method} ${url} exceeds maxResponseBytes (${max} bytes once decoded); the rest was not read. Raise maxResponseBytes if Okta's pages are really that large.`,
    { url, method, ...(status === undefined ? {} : { status }) },
  );
}

/**
 * Reads a body, failing as soon as it exceeds `max` bytes once decoded (a gzip bomb inflates
 * as it is read, so the check is on the decoded stream, not on `Content-Length`).
 */
export async function readBody(
  response: Response,
  max: number,
  method: string,
  url: string,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const stream = response.body;
  if (stream === null) return chunks;
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (response.headers.get("content-encoding") === null && declared > max) {
    await stream.cancel().catch(() => undefined);
    throw bodyTooLarge(method, url, max, response.status);
  }
  const reader = stream.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge(method, url, max, response.status);
    }
    chunks.push(value);
  }
}

/**
 * Sends one GET and reads its whole body, within `timeoutMs`. The request goes to `fetch`
 * as a URL and init (the standard call), not through ky: every GET option ky has is turned
 * off here (retries, timeout, HTTP errors: the request loop does them), and ky's request
 * handling (a `Request` built and cloned, an `AbortSignal.any`, its options merged) measured
 * about a third of a millisecond per request, a twentieth of a listing's CPU time.
 */
export async function exchange(
  options: TransportOptions,
  url: string,
  attempt: number,
  signal: AbortSignal | undefined,
  onHeaders: HeadersHook | undefined,
): Promise<Exchange> {
  // Outside the try: a failing token provider or hook is the caller's error, not a network one.
  const authHeaders = await options.auth.headers("GET", url, signal);
  callHooks(options.hooks.beforeRequest, { url, method: "GET", attempt });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutSignal()), options.timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const startedAt = Date.now();
  let received = false;
  try {
    const headers: Record<string, string> = { Accept: "application/json", ...authHeaders };
    if (options.userAgent !== "") headers["User-Agent"] = options.userAgent;
    const send = options.fetch ?? globalThis.fetch;
    const response = await send(url, {
      method: "GET",
      headers,
      signal: controller.signal,
      redirect: "manual",
    });
    received = true;
    // Before the body and before `onHeaders`: a request started from there (a prefetched
    // page) must be paced by the bucket state this response announces.
    const rateLimit = options.rateLimiter.observe(response.headers, Date.now());
    if (onHeaders !== undefined && response.ok) onHeaders(response.headers);
    const body = await readBody(response, options.maxResponseBytes, "GET", url);
    return {
      status: response.status,
      headers: response.headers,
      body,
      rateLimit,
      durationMs: Date.now() - startedAt,
      authHeaders,
    };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw transportError(error, url, received, controller.signal.reason, options.timeoutMs);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

function transportError(
  error: unknown,
  url: string,
  received: boolean,
  abortReason: unknown,
  timeoutMs: number,
): OktaClientError {
  if (abortReason instanceof TimeoutSignal) {
    return new OktaTimeoutError(
      "network",
      `No complete response from Okta within ${timeoutMs} ms for GET ${url}`,
      { url, method: "GET", code: "ETIMEDOUT", cause: error },
    );
  }
  if (error instanceof OktaClientError) return error;
  const cause = networkCause(error);
  const details = { url, method: "GET", cause: error, ...optionalCode(cause.code) };
  if (received) {
    return retryable(
      new OktaResponseError(
        "unexpected_response",
        `The response body of GET ${url} was cut short (${cause.description})`,
        details,
      ),
    );
  }
  return new OktaNetworkError(
    "network",
    `Could not reach Okta for GET ${url}: ${cause.description}`,
    details,
  );
}

/** `{ code }` when there is one, for error details. */
export function optionalCode(code: string | undefined): { code?: string } {
  return code === undefined ? {} : { code };
}
