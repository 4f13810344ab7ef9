import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { OktaDevice, OktaDeviceUser } from "../okta/device.js";
import { generateOktaDevices } from "./generate.js";
import {
  FakeAuthorizationServer,
  type FakeOrgOAuthOptions,
  type FakeOrgOAuthStats,
} from "./oauth-server.js";
import { compileSearch, InvalidSearchError } from "./search.js";

/**
 * A fault the fake org injects: an HTTP error with Okta's body, a rate-limit 429 (or the
 * concurrency 429, `X-Rate-Limit-Limit: 0`), a connection reset, a request that never
 * answers, a body cut short, an HTML page instead of JSON, a `next` link to another origin,
 * a `next` link that repeats the current cursor, (`delete`) devices deleted just before
 * the request is answered, as when an admin deletes devices while a listing runs, or a
 * listing that silently loses devices with a well-formed answer: `end-early` (a page sent
 * without its `next` link, so the listing looks complete) and `skip-device` (a page that
 * leaves out its first device, while its `next` link moves past it), `repeat-page` (a
 * `next` link that serves the same page again under a new cursor), or `rewind` (a `next`
 * link back to an earlier place under a new cursor: with `at`, a loop of any length that
 * starts anywhere).
 */
export type FakeOrgFaultKind =
  | "400"
  | "401"
  | "403"
  | "404"
  | "429"
  | "concurrency-429"
  | "500"
  | "502"
  | "503"
  | "reset"
  | "hang"
  | "truncate"
  | "html"
  | "foreign-next"
  | "repeat-cursor"
  | "delete"
  | "end-early"
  | "skip-device"
  | "repeat-page"
  | "rewind";

/** When and where a fault strikes. */
export interface FakeOrgFault {
  /** What goes wrong. */
  kind: FakeOrgFaultKind;
  /**
   * Which requests (1-based, counting only requests whose path starts with `path`) get the
   * fault. Omitted: every such request.
   */
  at?: number | readonly number[];
  /** Path prefix the fault applies to. Default `/api/v1/devices`. */
  path?: string;
  /**
   * For `delete`: the ids of the devices deleted (those still there). Default: the org's last
   * device. For `rewind`: the first id is the device the `next` link resumes after. Default:
   * the listing's first page.
   */
  ids?: readonly string[];
}

/** Options of {@link startFakeOktaOrg}. */
export interface FakeOktaOrgOptions {
  /** The org's devices, served in this order. Default: `count` generated devices. */
  devices?: OktaDevice[];
  /** How many devices to generate when `devices` is not given. Default `0`. */
  count?: number;
  /** Seed of the generated devices. Default `1`. */
  seed?: number;
  /** Embedded users of generated devices: `"user"` (default) or `"userSummary"`. They are served only to requests with `expand`. */
  expand?: "user" | "userSummary";
  /** Largest page served, whatever `limit` asks. Default `200` (Okta's maximum). */
  pageSize?: number;
  /**
   * A rate-limit bucket shared by every API request. Default: none (headers still sent,
   * never exhausted). With `repeatHeaders`, each `X-Rate-Limit-*` header is sent twice: the
   * bucket's value, then a less conservative one (twice the limit and remaining, a reset a
   * minute later), as some proxies and Okta's own edge do; a client must take the lowest
   * count and the earliest reset.
   */
  rateLimit?: { limit: number; windowMs: number; repeatHeaders?: boolean };
  /** Faults to inject. */
  faults?: readonly FakeOrgFault[];
  /** The API token the org accepts (as `SSWS` or `Bearer`). Default: a random one. */
  token?: string;
  /** Port on 127.0.0.1. Default: any free port. */
  port?: number;
  /**
   * Serve HTTPS with this PEM key and certificate (for `127.0.0.1`; e.g. to test a proxy or
   * `NODE_EXTRA_CA_CERTS`); `baseUrl` is then `https://127.0.0.1:<port>`. Default: plain HTTP.
   */
  tls?: { key: string; cert: string };
  /**
   * Register an OAuth 2.0 service app: the org then serves `POST /oauth2/v1/token`
   * (client credentials with a `private_key_jwt` assertion, DPoP) and accepts the tokens it
   * issues on API calls, checking every DPoP proof.
   */
  oauth?: FakeOrgOAuthOptions;
  /**
   * How far the org's clock is ahead of this machine's (negative: behind), in ms. It sets
   * the `Date` header, the rate-limit reset times, and the `lastUpdated` that
   * `updateDevice` stamps, as an org whose clock differs from the client's would. Default `0`.
   */
  clockOffsetMs?: number;
}

/** One request the fake org received. The credentials are never recorded. */
export interface FakeOrgRequest {
  /** HTTP method. */
  method: string;
  /** Path without query. */
  path: string;
  /** Query parameters. */
  query: Record<string, string>;
  /** The `Authorization` scheme used (`SSWS`, `Bearer`, `DPoP`), or `"none"`. */
  authScheme: string;
  /** Status sent, or `0` when the fault sent none (reset, hang). */
  status: number;
  /** The fault injected, if any. */
  fault?: FakeOrgFaultKind;
  /** Local time the request arrived, epoch milliseconds. */
  receivedAt: number;
}

/** Counters of the fake org. */
export interface FakeOrgStats {
  /** Requests answered 429 because the bucket was exhausted (injected faults excluded). */
  rateLimited: number;
  /** Windows in which the client used 100% of the bucket (a violation for Okta). */
  fullWindows: number;
  /**
   * Distinct `search` expressions whose listings are cached now: at most 64 (the cache is
   * emptied when a new search would pass that, and whenever the devices change).
   */
  readonly cachedSearches: number;
}

/** A running fake Okta org. */
export interface FakeOktaOrg {
  /** `http://127.0.0.1:PORT`: pass it with `allowInsecureHttp: true` to the client. */
  baseUrl: string;
  /** The API token it accepts. */
  token: string;
  /** Every request received, in order. */
  requests: FakeOrgRequest[];
  /** The org's devices (with their embedded users), in serving order. */
  devices: OktaDevice[];
  /** Counters. */
  stats: FakeOrgStats;
  /** Changes a device (shallow merge) and bumps its `lastUpdated`, as an edit in Okta does. */
  updateDevice(id: string, patch?: Partial<OktaDevice>, lastUpdated?: string): OktaDevice;
  /**
   * Adds a device at the end of the serving order, or before the device now at `position`
   * (0 = first: a listing already past that point will not see it).
   */
  addDevice(device: OktaDevice, position?: number): void;
  /**
   * Deletes a device permanently, as Okta does: it is gone from listings (a cursor that
   * named it still works) and `GET /api/v1/devices/{id}` answers 404 `E0000007`.
   * Returns whether the device existed.
   */
  deleteDevice(id: string): boolean;
  /** The authorization server, when `oauth` was given. */
  oauth:
    | {
        /** Tokens issued, nonce challenges, replays rejected. */
        stats: FakeOrgOAuthStats;
        /** Makes every issued token expire now. */
        expireTokens(): void;
      }
    | undefined;
  /** Stops the server, ending hanging requests. */
  close(): Promise<void>;
}

const OPEN_BRACKET = Buffer.from("[");
/** Largest token request body read, in characters (a real one is about 1 KB). */
const MAX_TOKEN_REQUEST_CHARS = 64 * 1024;
/** Distinct `search` expressions whose listings are cached (the cache is emptied when full). */
const MAX_CACHED_SEARCHES = 64;
const COMMA = Buffer.from(",");
const CLOSE_BRACKET = Buffer.from("]");

interface Listing {
  devices: OktaDevice[];
  positions: Map<string, number>;
}

interface OktaErrorSpec {
  status: number;
  errorCode: string;
  errorSummary: string;
}

const ERRORS: Readonly<Record<string, OktaErrorSpec>> = {
  "400": { status: 400, errorCode: "E0000031", errorSummary: "Invalid search criteria." },
  "401": { status: 401, errorCode: "E0000011", errorSummary: "Invalid token provided" },
  "403": {
    status: 403,
    errorCode: "E0000006",
    errorSummary: "You do not have permission to perform the requested action",
  },
  "404": { status: 404, errorCode: "E0000007", errorSummary: "Not found: Resource not found" },
  "429": {
    status: 429,
    errorCode: "E0000047",
    errorSummary: "API call exceeded rate limit due to too many requests.",
  },
  "500": { status: 500, errorCode: "E0000009", errorSummary: "Internal Server Error" },
  "502": { status: 502, errorCode: "E0000009", errorSummary: "Bad Gateway" },
  "503": { status: 503, errorCode: "E0000010", errorSummary: "Service is temporarily unavailable" },
};

function faultMatches(fault: FakeOrgFault, count: number): boolean {
  if (fault.at === undefined) return true;
  return typeof fault.at === "number" ? fault.at === count : fault.at.includes(count);
}

function withoutEmbedded(device: OktaDevice): OktaDevice {
  const { _embedded: _ignored, ...rest } = device;
  return rest;
}

function summarise(user: OktaDeviceUser): OktaDeviceUser {
  const { id, profile, _links } = user.user;
  const summary: OktaDeviceUser["user"] = { id };
  if (profile !== undefined) {
    summary.profile = {
      firstName: profile.firstName,
      lastName: profile.lastName,
      login: profile.login,
      email: profile.email,
    };
  }
  if (_links !== undefined) summary._links = _links;
  return { ...user, user: summary };
}

function present(device: OktaDevice, expand: string | null): OktaDevice {
  if (expand !== "user" && expand !== "userSummary") return withoutEmbedded(device);
  const users = device._embedded?.users ?? [];
  return {
    ...device,
    _embedded: { users: expand === "userSummary" ? users.map(summarise) : users },
  };
}

/**
 * Starts a fake Okta org on 127.0.0.1 that serves the devices API as Okta does: `Link`
 * pagination (two `Link` headers), `X-Rate-Limit-*` headers and a rate-limit bucket,
 * Okta's error bodies and codes, `expand`, a useful subset of `search`, and faults on
 * request. Node built-ins only.
 *
 * @example
 * ```ts
 * import { startFakeOktaOrg } from "okta-device-ocsf/testing";
 * import { createOktaDeviceClient } from "okta-device-ocsf/client";
 *
 * const org = await startFakeOktaOrg({ count: 500, faults: [{ kind: "503", at: 2 }] });
 * const client = createOktaDeviceClient({
 *   baseUrl: org.baseUrl,
 *   auth: { apiToken: org.token },
 *   allowInsecureHttp: true,
 * });
 * for await (const device of client.listDevices()) console.log(device.id);
 * await org.close();
 * ```
 */
export async function startFakeOktaOrg(options: FakeOktaOrgOptions = {}): Promise<FakeOktaOrg> {
  const token = options.token ?? randomBytes(21).toString("base64url");
  const devices: OktaDevice[] =
    options.devices !== undefined
      ? options.devices.map((device) => structuredClone(device))
      : generateOktaDevices(options.count ?? 0, {
          seed: options.seed ?? 1,
          expand: options.expand ?? "user",
        });
  const pageSize = options.pageSize ?? 200;
  const faults = options.faults ?? [];
  const clockOffsetMs = options.clockOffsetMs ?? 0;
  if (!Number.isFinite(clockOffsetMs)) {
    throw new RangeError(`fake org: clockOffsetMs must be a finite number of ms`);
  }
  const requests: FakeOrgRequest[] = [];
  const searchCache = new Map<string, Listing>();
  const stats: FakeOrgStats = {
    rateLimited: 0,
    fullWindows: 0,
    get cachedSearches() {
      return searchCache.size;
    },
  };
  const pathCounts = new Map<FakeOrgFault, number>();
  let window = { index: -1, used: 0 };
  let baseUrl = "";
  // Each device's place in the serving order, kept after it is deleted, so that a cursor
  // naming a deleted device resumes at the next device (Okta's cursors are opaque and
  // survive deletions; ours are device ids).
  const serials = new Map<string, number>();
  devices.forEach((device, index) => {
    serials.set(device.id, index);
  });
  let lastSerial = devices.length - 1;
  function deleteById(id: string): boolean {
    const index = devices.findIndex((device) => device.id === id);
    if (index < 0) return false;
    devices.splice(index, 1);
    searchCache.clear();
    return true;
  }
  const authorizationServer =
    options.oauth === undefined ? undefined : new FakeAuthorizationServer(options.oauth);

  function tokenEndpoint(request: IncomingMessage, response: ServerResponse): void {
    const server = authorizationServer;
    if (server === undefined || request.method !== "POST") {
      sendError(response, ERRORS["404"] as OktaErrorSpec);
      return;
    }
    let body = "";
    let tooLarge = false;
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      // Bounded: a token request is a few kilobytes; more is refused, not buffered.
      if (tooLarge) return;
      body += chunk;
      if (body.length > MAX_TOKEN_REQUEST_CHARS) tooLarge = true;
    });
    request.on("end", () => {
      // Runs outside the request handler's try/catch: a failure here must still answer,
      // never escape and take down the process hosting the fake org.
      try {
        if (tooLarge) {
          sendJson(response, 413, {
            error: "invalid_request",
            error_description: "The token request body is too large.",
          });
          return;
        }
        const dpop = request.headers.dpop;
        const answer = server.token(
          new URLSearchParams(body),
          typeof dpop === "string" ? dpop : undefined,
          `${baseUrl}/oauth2/v1/token`,
        );
        for (const [name, value] of Object.entries(answer.headers)) {
          response.setHeader(name, value);
        }
        sendJson(response, answer.status, answer.body);
      } catch (error) {
        if (!response.headersSent) {
          sendJson(response, 500, { error: "server_error", error_description: String(error) });
        }
      }
    });
  }

  function rateLimitHeaders(response: ServerResponse, now: number): boolean {
    const bucket = options.rateLimit;
    if (bucket === undefined) {
      response.setHeader("X-Rate-Limit-Limit", "1000000");
      response.setHeader("X-Rate-Limit-Remaining", "999999");
      response.setHeader("X-Rate-Limit-Reset", String(Math.ceil(now / 1000) + 60));
      return true;
    }
    const index = Math.floor(now / bucket.windowMs);
    if (index !== window.index) window = { index, used: 0 };
    window.used++;
    if (window.used === bucket.limit) stats.fullWindows++;
    const remaining = Math.max(0, bucket.limit - window.used);
    const reset = Math.ceil(((index + 1) * bucket.windowMs) / 1000);
    const values = (real: number, loose: number) =>
      bucket.repeatHeaders === true ? [String(real), String(loose)] : String(real);
    response.setHeader("X-Rate-Limit-Limit", values(bucket.limit, bucket.limit * 2));
    response.setHeader("X-Rate-Limit-Remaining", values(remaining, remaining + bucket.limit));
    response.setHeader("X-Rate-Limit-Reset", values(reset, reset + 60));
    return window.used <= bucket.limit;
  }

  function sendJson(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
    });
    response.end(text);
  }

  function sendError(response: ServerResponse, spec: OktaErrorSpec, summary?: string): void {
    const errorId = `oae${randomBytes(9).toString("base64url")}`;
    sendJson(response, spec.status, {
      errorCode: spec.errorCode,
      errorSummary: summary ?? spec.errorSummary,
      errorLink: spec.errorCode,
      errorId,
      errorCauses: [],
    });
  }

  // A listing's devices and the position of each id in it, so that a cursor is found in
  // constant time (a linear scan per page made large listings quadratic).
  function filtered(search: string | null): Listing {
    const key = search ?? "";
    let result = searchCache.get(key);
    if (result === undefined) {
      const predicate = key === "" ? undefined : compileSearch(key);
      const matching =
        predicate === undefined
          ? devices.slice()
          : devices.filter((device) => predicate(device as Record<string, unknown>));
      const positions = new Map<string, number>();
      matching.forEach((device, index) => {
        positions.set(device.id, index);
      });
      result = { devices: matching, positions };
      // Bounded: a client sending ever-new searches must not grow the fake's memory.
      if (searchCache.size >= MAX_CACHED_SEARCHES) searchCache.clear();
      searchCache.set(key, result);
    }
    return result;
  }

  function listDevices(
    url: URL,
    response: ServerResponse,
    fault: FakeOrgFaultKind | undefined,
    matched: FakeOrgFault | undefined,
  ) {
    const limitParam = url.searchParams.get("limit");
    const limit = limitParam === null ? pageSize : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      sendError(response, ERRORS["400"] as OktaErrorSpec, "Invalid limit: must be 1 to 200");
      return;
    }
    let listing: Listing;
    try {
      listing = filtered(url.searchParams.get("search"));
    } catch (error) {
      if (!(error instanceof InvalidSearchError)) throw error;
      sendError(
        response,
        ERRORS["400"] as OktaErrorSpec,
        `Invalid search criteria: ${error.message}`,
      );
      return;
    }
    const after = url.searchParams.get("after");
    let start = 0;
    const matching = listing.devices;
    if (after !== null) {
      let position = listing.positions.get(after) ?? -1;
      const serial = serials.get(after);
      if (position < 0 && serial !== undefined) {
        // A deleted device's cursor: resume after its place in the serving order.
        position = matching.findIndex((device) => (serials.get(device.id) ?? 0) > serial) - 1;
        if (position < -1) position = matching.length - 1;
      } else if (position < 0) {
        sendError(response, ERRORS["400"] as OktaErrorSpec, "Invalid cursor (after)");
        return;
      }
      start = position + 1;
    }
    const size = Math.min(limit, pageSize);
    const page = matching.slice(start, start + size);
    const expand = url.searchParams.get("expand");
    const self = new URL(url.pathname + url.search, baseUrl);
    const links = [`<${self.href}>; rel="self"`];
    const last = page[page.length - 1];
    if (fault === "repeat-cursor") {
      links.push(`<${self.href}>; rel="next"`);
    } else if (fault === "repeat-page") {
      // The same `after` (this page again), made a new cursor by a parameter Okta ignores.
      const again = new URL(self.href);
      again.searchParams.set("repeat", String(requests.length));
      links.push(`<${again.href}>; rel="next"`);
    } else if (fault === "rewind") {
      // Back to an earlier place, made a new cursor by a parameter Okta ignores.
      const again = new URL(self.href);
      const resume = matched?.ids?.[0];
      if (resume === undefined) again.searchParams.delete("after");
      else again.searchParams.set("after", resume);
      again.searchParams.set("rewind", String(requests.length));
      links.push(`<${again.href}>; rel="next"`);
    } else if (start + size < matching.length && last !== undefined && fault !== "end-early") {
      const next = new URL(self.href);
      if (fault === "foreign-next") next.host = "okta.attacker.example";
      next.searchParams.set("after", last.id);
      links.push(`<${next.href}>; rel="next"`);
    }
    response.setHeader("Link", links);
    const parts: Buffer[] = [OPEN_BRACKET];
    const served = fault === "skip-device" ? page.slice(1) : page;
    served.forEach((device, index) => {
      if (index > 0) parts.push(COMMA);
      parts.push(deviceJson(device, expand));
    });
    parts.push(CLOSE_BRACKET);
    const body = Buffer.concat(parts);
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
    if (fault === "truncate") {
      response.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => response.socket?.destroy(), 5);
      return;
    }
    response.end(body);
  }

  // Each device's JSON, per expand mode, made once: serialising pages over and over would
  // make the fake, not the client under test, the bottleneck of a listing. An edited device
  // is a new object, so its entry simply stops being used.
  const jsonCache = new WeakMap<OktaDevice, Map<string, Buffer>>();
  function deviceJson(device: OktaDevice, expand: string | null): Buffer {
    const mode = expand === "user" || expand === "userSummary" ? expand : "";
    let texts = jsonCache.get(device);
    if (texts === undefined) {
      texts = new Map();
      jsonCache.set(device, texts);
    }
    let text = texts.get(mode);
    if (text === undefined) {
      text = Buffer.from(JSON.stringify(present(device, expand)));
      texts.set(mode, text);
    }
    return text;
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const local = Date.now();
    // The org's clock: its Date header and rate-limit resets, as Okta's servers would send.
    const now = local + clockOffsetMs;
    if (clockOffsetMs !== 0) response.setHeader("Date", new Date(now).toUTCString());
    let url: URL;
    try {
      url = new URL(request.url ?? "/", "http://127.0.0.1");
    } catch {
      // An absolute-form target that is no URL (`GET http://[::1/ HTTP/1.1`): Okta answers
      // 400, not a server error.
      sendError(response, ERRORS["400"] as OktaErrorSpec, "The request target is not a URL");
      return;
    }
    const authorization = request.headers.authorization ?? "";
    const [scheme = "", credential = ""] = authorization.split(" ", 2);
    const record: FakeOrgRequest = {
      method: request.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authScheme: scheme === "" ? "none" : scheme,
      status: 0,
      receivedAt: local,
    };
    requests.push(record);
    response.on("finish", () => {
      record.status = response.statusCode;
    });
    response.setHeader("X-Okta-Request-Id", randomUUID().replaceAll("-", ""));
    if (url.pathname === "/oauth2/v1/token") {
      tokenEndpoint(request, response);
      return;
    }
    if (!url.pathname.startsWith("/api/v1/")) {
      sendError(response, ERRORS["404"] as OktaErrorSpec);
      return;
    }

    let fault: FakeOrgFaultKind | undefined;
    let matched: FakeOrgFault | undefined;
    for (const candidate of faults) {
      if (!url.pathname.startsWith(candidate.path ?? "/api/v1/devices")) continue;
      const count = (pathCounts.get(candidate) ?? 0) + 1;
      pathCounts.set(candidate, count);
      if (fault === undefined && faultMatches(candidate, count)) {
        fault = candidate.kind;
        matched = candidate;
      }
    }
    if (fault !== undefined) record.fault = fault;
    if (fault === "delete") {
      const last = devices[devices.length - 1];
      for (const id of matched?.ids ?? (last === undefined ? [] : [last.id])) deleteById(id);
    }
    if (fault === "reset") {
      request.socket.destroy();
      return;
    }
    if (fault === "hang") return;

    const withinBucket = rateLimitHeaders(response, now);
    if (fault === "concurrency-429") {
      response.setHeader("X-Rate-Limit-Limit", "0");
      response.setHeader("X-Rate-Limit-Remaining", "0");
      sendError(response, ERRORS["429"] as OktaErrorSpec);
      return;
    }
    if (fault === "429") {
      // An exhausted bucket whose window ends at the next second.
      response.setHeader("X-Rate-Limit-Remaining", "0");
      response.setHeader("X-Rate-Limit-Reset", String(Math.floor(now / 1000) + 1));
    }
    // Own keys only: `in` would also find Object.prototype's names.
    if (fault !== undefined && Object.hasOwn(ERRORS, fault)) {
      sendError(response, ERRORS[fault] as OktaErrorSpec);
      return;
    }
    if (!withinBucket) {
      stats.rateLimited++;
      sendError(response, ERRORS["429"] as OktaErrorSpec);
      return;
    }
    const staticToken = (scheme === "SSWS" || scheme === "Bearer") && credential === token;
    if (!staticToken) {
      const dpop = request.headers.dpop;
      const refusal =
        authorizationServer === undefined || scheme === "SSWS"
          ? { status: 401, headers: {}, errorCode: "E0000011", summary: "Invalid token provided" }
          : authorizationServer.checkApiCall(
              scheme,
              credential,
              typeof dpop === "string" ? dpop : undefined,
              request.method ?? "GET",
              `${baseUrl}${url.pathname}${url.search}`,
            );
      if (refusal !== undefined) {
        for (const [name, value] of Object.entries(refusal.headers))
          response.setHeader(name, value);
        sendError(response, {
          status: refusal.status,
          errorCode: refusal.errorCode,
          errorSummary: refusal.summary,
        });
        return;
      }
    }
    if (fault === "html") {
      response.writeHead(200, { "Content-Type": "text/html" });
      response.end("<!DOCTYPE html><html><body>Sign in to Okta</body></html>");
      return;
    }
    if (request.method !== "GET") {
      sendError(response, {
        status: 405,
        errorCode: "E0000022",
        errorSummary: "The endpoint does not support the provided HTTP method",
      });
      return;
    }
    const parts = url.pathname.split("/").filter((part) => part !== "");
    // parts: api, v1, devices, {id}, users
    if (parts[2] !== "devices" || parts.length > 5) {
      sendError(response, ERRORS["404"] as OktaErrorSpec);
      return;
    }
    if (parts.length === 3) {
      listDevices(url, response, fault, matched);
      return;
    }
    let id: string;
    try {
      id = decodeURIComponent(parts[3] as string);
    } catch {
      // A malformed escape (`%E0%A4%A`) names no device.
      sendError(response, ERRORS["404"] as OktaErrorSpec);
      return;
    }
    const device = devices.find((candidate) => candidate.id === id);
    if (device === undefined) {
      sendError(
        response,
        ERRORS["404"] as OktaErrorSpec,
        `Not found: Resource not found: ${id} (Device)`,
      );
      return;
    }
    if (parts.length === 4) {
      sendJson(response, 200, present(device, url.searchParams.get("expand")));
    } else if (parts[4] === "users") {
      sendJson(response, 200, device._embedded?.users ?? []);
    } else {
      sendError(response, ERRORS["404"] as OktaErrorSpec);
    }
  }

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    try {
      handle(request, response);
    } catch (error) {
      if (!response.headersSent) sendError(response, ERRORS["500"] as OktaErrorSpec, String(error));
    }
  };
  const server =
    options.tls === undefined
      ? createServer(listener)
      : createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `${options.tls === undefined ? "http" : "https"}://127.0.0.1:${port}`;

  return {
    baseUrl,
    token,
    requests,
    devices,
    stats,
    updateDevice(id, patch = {}, lastUpdated) {
      const index = devices.findIndex((device) => device.id === id);
      const current = devices[index];
      if (current === undefined) throw new Error(`fake org: no device ${id}`);
      const updated: OktaDevice = {
        ...current,
        ...patch,
        lastUpdated:
          lastUpdated ??
          new Date(Math.floor((Date.now() + clockOffsetMs) / 1000) * 1000).toISOString(),
      };
      devices[index] = updated;
      searchCache.clear();
      return updated;
    },
    oauth:
      authorizationServer === undefined
        ? undefined
        : {
            stats: authorizationServer.stats,
            expireTokens: () => authorizationServer.expireTokens(),
          },
    addDevice(device, position) {
      const copy = structuredClone(device);
      if (position === undefined || position >= devices.length) {
        lastSerial++;
        serials.set(copy.id, lastSerial);
        devices.push(copy);
      } else {
        const at = Math.max(0, position);
        const after = serials.get(devices[at]?.id ?? "") ?? 0;
        const before = at === 0 ? after - 1 : (serials.get(devices[at - 1]?.id ?? "") ?? after - 1);
        serials.set(copy.id, (before + after) / 2);
        devices.splice(at, 0, copy);
      }
      searchCache.clear();
    },
    deleteDevice: deleteById,
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
