import type { OktaDevice, OktaDeviceUser } from "../okta/device.js";
import { type AuthStrategy, createTokenAuth, type OktaAuth } from "./auth.js";
import { normalizeBaseUrl } from "./base-url.js";
import { DeviceIterator } from "./device-iterator.js";
import { deviceUrl } from "./device-url.js";
import {
  OktaConfigError,
  type OktaNetworkError,
  type OktaResponseError,
  type OktaTimeoutError,
} from "./errors.js";
import type { RequestHooks } from "./hooks.js";
import { type OAuthContext, OAuthStrategy } from "./oauth.js";
import { numberOption } from "./options.js";
import {
  type DevicePage,
  type ListDevicesParams,
  listDevicePages,
  type PageHook,
} from "./pagination.js";
import { RateLimiter, type RateLimitOptions, type RateLimitState } from "./rate-limit.js";
import { getJson, type RequestEngine, type RetryOptions } from "./request.js";
import { expectBody } from "./response-body.js";
import { type DeviceSyncItem, type SyncDevicesOptions, syncDevices } from "./sync.js";
import { deviceStillListed } from "./sync-lookup.js";
import type { DeviceSyncState } from "./sync-state.js";
import { connectionFailure, type OktaConnectionTestResult } from "./test-connection.js";

/** Hooks of the client: the request hooks plus `onPage`. */
export interface OktaClientHooks extends RequestHooks {
  /** After each page of a listing, before its devices are yielded. */
  onPage?: PageHook[];
}

/** Options of {@link createOktaDeviceClient}. */
export interface OktaDeviceClientOptions {
  /** The org's URL, e.g. `https://acme.okta.com` (also `oktapreview.com`, `okta-emea.com`, a custom domain). */
  baseUrl: string;
  /** `{ apiToken }` (SSWS), `{ accessToken }` (Bearer) or `{ oauth }` (a service app, with DPoP when required). */
  auth: OktaAuth;
  /**
   * Per-attempt timeout covering headers and body, in ms (an OAuth token request's too). Default
   * `30000`; from 1 to 2147483647 (the longest timer Node honours). Out of range:
   * {@link OktaConfigError}. It holds even for a custom `fetch` (or its body stream) that
   * ignores its signal: the attempt fails with {@link OktaTimeoutError} (a token request with
   * {@link OktaNetworkError}, code `ETIMEDOUT`), and a response that comes later has its body
   * cancelled.
   */
  timeoutMs?: number;
  /**
   * Largest response body read, in bytes once decoded (gzip inflates while it is read, and
   * the cap is enforced as it does). Default `67108864` (64 MiB): Okta's largest pages (200
   * devices with `expand=user`) are a few MB at most, about 0.55 MB for typical profiles.
   * A larger body fails the request with an {@link OktaResponseError} (not retried). A whole
   * number from 1024 to 1073741824.
   */
  maxResponseBytes?: number;
  /** Retries of transient failures. */
  retry?: RetryOptions;
  /** Rate-limit pacing. */
  rateLimit?: RateLimitOptions;
  /** Allow `http://` for a loopback host (tests against a local fake org only). Default `false`. */
  allowInsecureHttp?: boolean;
  /** A `fetch` implementation, called with a `Request` (Okta API and OAuth token requests alike). Default: the global one. */
  fetch?: typeof globalThis.fetch;
  /** `User-Agent` sent (where the runtime allows). Default `okta-device-ocsf`; `""` sends none. */
  userAgent?: string;
  /** Hooks for logging and progress. */
  hooks?: OktaClientHooks;
}

/** Per-call options. */
export interface RequestOptions {
  /** Stops the call, including during a wait. */
  signal?: AbortSignal | undefined;
}

/** A client of Okta's devices API. */
export interface OktaDeviceClient {
  /** The org's origin, as normalised. */
  readonly baseUrl: string;
  /** The last rate-limit state Okta announced. */
  readonly rateLimit: RateLimitState | undefined;
  /**
   * Every device, one page at a time (nothing buffered beyond a page), in Okta's order.
   * Throws on any failure: a listing never ends short.
   */
  listDevices(params?: ListDevicesParams): AsyncIterableIterator<OktaDevice>;
  /** The same listing, page by page, with each page's rate-limit state. */
  listDevicePages(params?: ListDevicesParams): AsyncGenerator<DevicePage, void, undefined>;
  /**
   * Keeps an inventory in sync, deletions included: yields, in order, each new or changed
   * device, then (after a complete full listing only) each device gone, and ends with the
   * next state to save. A listing that throws, is aborted or is left early yields no
   * deletion and no state. See the guide "Keeping an inventory in sync".
   *
   * @param state - the state the previous sync ended with (`undefined` the first time)
   * @throws {DeviceSyncStateError} at once, when `state` is not a usable state
   * @throws {OktaConfigError} at once, for bad options (e.g. an incremental run without a state)
   *
   * @example
   * ```ts
   * for await (const item of client.syncDevices(state, { expand: "user" })) {
   *   if (item.type === "device") await write(toOcsfDeviceInventory(item.device, { profile: "ocsf" }));
   *   else if (item.type === "gone") await write(toOcsfDeviceDeletion(item.gone, { profile: "ocsf" }));
   *   else await save(item.state); // only reached when the listing completed
   * }
   * ```
   */
  syncDevices(
    state: DeviceSyncState | null | undefined,
    options?: SyncDevicesOptions,
  ): AsyncGenerator<DeviceSyncItem, void, undefined>;
  /** One device by id (`GET /api/v1/devices/{id}`); an id over 256 characters is an `OktaConfigError`. */
  getDevice(id: string, options?: RequestOptions): Promise<OktaDevice>;
  /** The users of a device (`GET /api/v1/devices/{id}/users`). */
  listDeviceUsers(id: string, options?: RequestOptions): Promise<OktaDeviceUser[]>;
  /**
   * Checks what a connector needs, reading devices (`GET /api/v1/devices?limit=1`), and
   * names the cause of a failure. Never throws for a failed check.
   */
  testConnection(options?: RequestOptions): Promise<OktaConnectionTestResult>;
}

function createAuth(auth: OktaAuth | undefined, context: OAuthContext): AuthStrategy {
  if (auth === undefined || auth === null || typeof auth !== "object") {
    throw new OktaConfigError(
      "invalid_options",
      "auth is required: { apiToken }, { accessToken } or { oauth }",
    );
  }
  if ("oauth" in auth) {
    if (auth.oauth === null || typeof auth.oauth !== "object") {
      throw new OktaConfigError("invalid_options", "auth.oauth must be an object");
    }
    return new OAuthStrategy(auth.oauth, context);
  }
  if ("apiToken" in auth || "accessToken" in auth) return createTokenAuth(auth, context.timeoutMs);
  throw new OktaConfigError(
    "invalid_options",
    "auth must be { apiToken }, { accessToken } or { oauth }",
  );
}

/**
 * Creates a client of Okta's devices API. The options are checked now: a bad `baseUrl`
 * or a missing token throws an {@link OktaConfigError} that says what to fix.
 *
 * @example
 * ```ts
 * import { createOktaDeviceClient } from "okta-device-ocsf/client";
 * import { mapOktaDevices } from "okta-device-ocsf";
 *
 * const client = createOktaDeviceClient({
 *   baseUrl: "https://acme.okta.com",
 *   auth: { apiToken: process.env.OKTA_API_TOKEN! },
 * });
 * for await (const result of mapOktaDevices(client.listDevices({ expand: "user" }))) {
 *   if (result.ok) emit(result.event);
 * }
 * ```
 */
export function createOktaDeviceClient(options: OktaDeviceClientOptions): OktaDeviceClient {
  if (options === null || typeof options !== "object") {
    throw new OktaConfigError("invalid_options", "createOktaDeviceClient needs an options object");
  }
  const origin = normalizeBaseUrl(options.baseUrl, options.allowInsecureHttp === true);
  const rate = options.rateLimit ?? {};
  const maxWaitMs = numberOption("rateLimit.maxWaitMs", rate.maxWaitMs);
  const rateLimiter = new RateLimiter({
    reserve: numberOption("rateLimit.reserve", rate.reserve),
    maxWaitMs,
  });
  const hooks = options.hooks ?? {};
  const timeoutMs = numberOption("timeoutMs", options.timeoutMs);
  const maxResponseBytes = numberOption("maxResponseBytes", options.maxResponseBytes);
  const userAgent = options.userAgent ?? "okta-device-ocsf";
  const context = { origin, timeoutMs, maxResponseBytes, fetch: options.fetch, userAgent };
  const engine: RequestEngine = {
    auth: createAuth(options.auth, context),
    timeoutMs,
    maxResponseBytes,
    retry: {
      limit: numberOption("retry.limit", options.retry?.limit),
      baseDelayMs: numberOption("retry.baseDelayMs", options.retry?.baseDelayMs),
      maxDelayMs: numberOption("retry.maxDelayMs", options.retry?.maxDelayMs),
    },
    maxRateLimitRetries: numberOption("rateLimit.maxRateLimitRetries", rate.maxRateLimitRetries),
    maxWaitMs,
    jitterMs: numberOption("rateLimit.jitterMs", rate.jitterMs),
    rateLimiter,
    fetch: options.fetch,
    userAgent,
    hooks,
    random: Math.random,
  };

  return {
    baseUrl: origin,
    get rateLimit() {
      return rateLimiter.current;
    },
    listDevices: (params = {}) =>
      new DeviceIterator(listDevicePages(engine, origin, params, hooks.onPage)),
    listDevicePages: (params = {}) => listDevicePages(engine, origin, params, hooks.onPage),
    syncDevices: (state, syncOptions) =>
      syncDevices(
        (params) => listDevicePages(engine, origin, params, hooks.onPage),
        state,
        syncOptions,
        (id, search, signal) => deviceStillListed(engine, origin, id, search, signal),
      ),
    async getDevice(id, requestOptions = {}) {
      const response = await getJson(engine, deviceUrl(origin, id), requestOptions.signal);
      return expectBody(response, "object") as OktaDevice;
    },
    async listDeviceUsers(id, requestOptions = {}) {
      const url = deviceUrl(origin, id, "/users");
      const response = await getJson(engine, url, requestOptions.signal);
      return expectBody(response, "array") as OktaDeviceUser[];
    },
    async testConnection(requestOptions = {}) {
      const url = `${origin}/api/v1/devices?limit=1`;
      try {
        const response = await getJson(engine, url, requestOptions.signal);
        expectBody(response, "array", "is this an Okta Identity Engine org?");
        return {
          ok: true,
          status: response.status,
          requestId: response.requestId,
          rateLimit: response.rateLimit,
        };
      } catch (error) {
        if (requestOptions.signal?.aborted) throw error;
        return connectionFailure(error);
      }
    },
  };
}

/**
 * Creates a client and tests the connection in one call, so that an invalid `baseUrl` or
 * token is reported as a failed test (`invalid_base_url`) instead of a thrown error: what a
 * connector's "Test connection" button needs.
 *
 * @example
 * ```ts
 * const result = await testOktaConnection({ baseUrl, auth: { apiToken } });
 * if (!result.ok) showError(result.reason, result.message);
 * ```
 */
export async function testOktaConnection(
  options: OktaDeviceClientOptions,
  requestOptions: RequestOptions = {},
): Promise<OktaConnectionTestResult> {
  let client: OktaDeviceClient;
  try {
    client = createOktaDeviceClient(options);
  } catch (error) {
    return connectionFailure(error);
  }
  return client.testConnection(requestOptions);
}
