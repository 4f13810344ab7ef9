// One HTTP attempt: auth headers, the per-attempt timeout, the body read under its cap, and
// transport failures turned into typed errors that name their cause.
import type { AuthStrategy } from "./auth.js";
import {
  OktaClientError,
  OktaConfigError,
  OktaNetworkError,
  OktaResponseError,
  OktaTimeoutError,
} from "./errors.js";
import { callHooks, type RequestHooks } from "./hooks.js";
import { networkCause } from "./network-cause.js";
import type { RateLimiter, RateLimitState } from "./rate-limit.js";
import { retryable } from "./transient.js";
import { untilAborted } from "./until-aborted.js";

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

// Cancels a body that is not read to its end, without waiting: a stream whose cancel never
// settles must not hold the request (the body is let go either way).
function release(body: ReadableStream | ReadableStreamDefaultReader): void {
  try {
    body.cancel().catch(() => undefined);
  } catch {
    // A locked stream or a foreign one: nothing more to release.
  }
}

/**
 * Lets go of a response that came after its wait was over (`untilAborted`'s `onLate`): its
 * body is cancelled rather than left open; anything else is ignored.
 */
export function releaseLate(late: unknown): void {
  if (isResponse(late) && late.body !== null) release(late.body);
}

/**
 * Reads a body, failing as soon as it exceeds `max` bytes once decoded (a gzip bomb inflates
 * as it is read, so the check is on the decoded stream, not on `Content-Length`), or with the
 * `deadline` signal's reason as soon as it aborts, even when the stream ignores it (a custom
 * `fetch`'s body that never ends). Without a `deadline` each read is awaited as it is: the
 * global fetch's body ends on its own signal, and racing every chunk costs a promise and a
 * listener each.
 */
export async function readBody(
  response: Response,
  max: number,
  method: string,
  url: string,
  deadline: AbortSignal | undefined,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const stream = response.body;
  if (stream === null) return chunks;
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (response.headers.get("content-encoding") === null && declared > max) {
    release(stream);
    throw bodyTooLarge(method, url, max, response.status);
  }
  const reader = stream.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await (deadline === undefined
        ? reader.read()
        : untilAborted(reader.read(), deadline));
      if (done) return chunks;
      total += value.byteLength;
      if (total > max) throw bodyTooLarge(method, url, max, response.status);
      chunks.push(value);
    }
  } catch (error) {
    release(reader);
    throw error;
  }
}

/**
 * Sends one GET and reads its whole body, within `timeoutMs`. The request goes to the global
 * `fetch` as a URL and init (the standard call), to a custom one as a `Request`; not through ky: every GET option ky has is turned
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
  // Not raced here: every strategy ends its wait when the signal aborts (see AuthStrategy),
  // and a second race doubled the listeners each request holds on the caller's signal (six
  // requests under one signal drew a MaxListenersExceededWarning).
  const authHeaders = await options.auth.headers("GET", url, signal);
  callHooks(options.hooks.beforeRequest, { url, method: "GET", attempt });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutSignal()), options.timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  // An abort during the auth headers (a token function that ignores the signal) fired no
  // event here: the request must not go out with a signal the caller can no longer stop.
  if (signal?.aborted) controller.abort(signal.reason);
  const startedAt = Date.now();
  let received = false;
  try {
    const headers: Record<string, string> = { Accept: "application/json", ...authHeaders };
    if (options.userAgent !== "") headers["User-Agent"] = options.userAgent;
    const init: RequestInit = {
      method: "GET",
      headers,
      signal: controller.signal,
      redirect: "manual",
    };
    // A custom fetch gets a `Request`, as it always has (through ky) and still does for OAuth
    // token requests: one that forwards only its first argument keeps the token, the
    // timeout's signal and `redirect: "manual"`. The global fetch gets the cheaper URL + init.
    // A custom fetch is raced with the signal: one that ignores it must not outlast the
    // timeout, and a response that comes after all is let go. The global fetch honours it.
    const custom = options.fetch;
    const response = await (custom === undefined
      ? globalThis.fetch(url, init)
      : untilAborted(custom(new Request(url, init)), controller.signal, releaseLate));
    // A custom fetch's answer is checked before it is read: something else would fail as
    // a body "cut short", retried as if the network had failed.
    if (!isResponse(response)) throw notAResponse(url);
    received = true;
    // Before the body and before `onHeaders`: a request started from there (a prefetched
    // page) must be paced by the bucket state this response announces.
    const rateLimit = options.rateLimiter.observe(response.headers, Date.now());
    if (onHeaders !== undefined && response.ok) onHeaders(response.headers);
    const deadline = custom === undefined ? undefined : controller.signal;
    const body = await readBody(response, options.maxResponseBytes, "GET", url, deadline);
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

/** Whether a value has what the client reads of a `Response` (any realm's, or a polyfill's). */
function isResponse(value: unknown): value is Response {
  const candidate = value as Partial<Response> | null | undefined;
  return (
    typeof candidate?.status === "number" &&
    typeof candidate.headers?.get === "function" &&
    (candidate.body === null || typeof candidate.body?.getReader === "function")
  );
}

function notAResponse(url: string): OktaConfigError {
  return new OktaConfigError(
    "invalid_options",
    `The fetch option did not return a Response for GET ${url} (a status, headers and a readable body or null).`,
    { url, method: "GET" },
  );
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
