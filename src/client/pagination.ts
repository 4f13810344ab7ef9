import type { OktaDevice } from "../okta/device.js";
import { type DeviceCheckpoint, isBoundaryRepeat, updatedSinceClause } from "./checkpoint.js";
import { OktaConfigError } from "./errors.js";
import { defaultMaxPages, ListingGuard, MAX_PAGE_SIZE } from "./listing-bound.js";
import { cursorKey, DEVICES_PATH, type NextLink, readNextLink } from "./next-link.js";
import type { RateLimitState } from "./rate-limit.js";
import { getJson, type RequestEngine } from "./request.js";
import { expectBody, type OktaResponse } from "./response-body.js";
import { serverTimeOf } from "./server-time.js";

/** Parameters of `listDevices` and `listDevicePages`. */
export interface ListDevicesParams {
  /**
   * Only devices updated at or after this time (`lastUpdated ge`, floored to the second).
   * Pass a {@link DeviceCheckpoint} to also drop the devices it already saw at its exact
   * boundary second. A strict ISO 8601 date-time with a zone, not later than the local
   * clock plus 5 minutes (`CHECKPOINT_CLOCK_TOLERANCE_MS`, for clocks that differ a little):
   * otherwise {@link OktaConfigError} (`invalid_options`), since a start in the future
   * would skip every update until then.
   */
  updatedSince?: string | Date | DeviceCheckpoint | undefined;
  /**
   * An Okta `search` expression (SCIM filter over `id`, `status`, `lastUpdated`, `profile.*`),
   * joined with `updatedSince` by `and`. At most 4096 characters ({@link OktaConfigError}
   * beyond).
   */
  search?: string | undefined;
  /** Embed the devices' users: `"user"` or `"userSummary"`. */
  expand?: "user" | "userSummary" | undefined;
  /** Page size, 1 to 200. Default `200` (fewest requests). */
  limit?: number | undefined;
  /** Stops the listing, including during a wait. */
  signal?: AbortSignal | undefined;
  /**
   * Most pages requested before the listing stops with an `OktaResponseError`
   * (`unexpected_response`): the bound on a server that never stops serving `next` links.
   * A whole number from 1. Default: room for 10 million devices at this `limit`
   * (`Math.ceil(10_000_000 / limit)`, 50,000 pages at the default `limit` 200), twenty times
   * the largest orgs known.
   */
  maxPages?: number | undefined;
  /**
   * Request the next page while the current one is being consumed. Default `true`: a
   * connector that maps and writes page N while page N+1 downloads lists faster. At most
   * one page is held beyond the current one; ending the listing early cancels it.
   */
  prefetch?: boolean | undefined;
}

/** One page of a device listing. */
export interface DevicePage {
  /** The page's devices, in Okta's order. */
  devices: OktaDevice[];
  /** 1 for the first page. */
  pageNumber: number;
  /** The URL of this page. */
  url: string;
  /** The `next` link, or `undefined` on the last page. */
  nextUrl: string | undefined;
  /** `X-Okta-Request-Id` of the page's response. */
  requestId: string | undefined;
  /** The bucket state after this page. */
  rateLimit: RateLimitState | undefined;
  /** Devices left out because a checkpoint had already seen them at its boundary second. */
  skippedAtBoundary: number;
  /**
   * The server's clock when it sent the page, epoch milliseconds, from the response's `Date`
   * header; `undefined` when absent, malformed or more than a day from the local clock.
   * Pass it to `advanceCheckpoint` as `now`, so that no device time later than the server's
   * clock moves a checkpoint.
   */
  serverTime: number | undefined;
}

/** Called with each page, e.g. to report progress. */
export type PageHook = (page: DevicePage) => void;

/**
 * Longest `search` expression accepted: the request line that carries it (percent-encoded,
 * up to three times longer) must stay within what Okta and proxies accept.
 */
export const MAX_SEARCH_LENGTH = 4096;

/** The first page's URL (limit, search joined with the checkpoint, expand) and the checkpoint boundary. */
export function firstPageUrl(origin: string, params: ListDevicesParams) {
  const url = new URL(DEVICES_PATH, origin);
  const limit = params.limit ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new OktaConfigError(
      "invalid_options",
      `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${limit}`,
    );
  }
  const maxPages = params.maxPages ?? defaultMaxPages(limit);
  if (!Number.isSafeInteger(maxPages) || maxPages < 1) {
    throw new OktaConfigError(
      "invalid_options",
      `maxPages must be a whole number from 1, got ${maxPages}`,
    );
  }
  url.searchParams.set("limit", String(limit));
  const clauses: string[] = [];
  let boundary: ReturnType<typeof updatedSinceClause> | undefined;
  if (params.search !== undefined && typeof params.search !== "string") {
    throw new OktaConfigError("invalid_options", "search must be a string");
  }
  if (params.search !== undefined && params.search.length > MAX_SEARCH_LENGTH) {
    throw new OktaConfigError(
      "invalid_options",
      `search is ${params.search.length} characters long; at most ${MAX_SEARCH_LENGTH} fit in a request URL`,
    );
  }
  if (params.search !== undefined && params.search.trim() !== "") {
    // `and` binds tighter than `or` in SCIM: keep the caller's expression whole.
    clauses.push(/\bor\b/i.test(params.search) ? `(${params.search})` : params.search);
  }
  if (params.updatedSince !== undefined) {
    boundary = updatedSinceClause(params.updatedSince);
    clauses.push(boundary.clause);
  }
  if (clauses.length > 0) url.searchParams.set("search", clauses.join(" and "));
  if (params.expand !== undefined) url.searchParams.set("expand", params.expand);
  return { url: url.href, boundary, maxPages };
}

interface PageRequest {
  url: string;
  /** 1 for the first page. */
  number: number;
  response: Promise<OktaResponse>;
  link: NextLink | undefined;
  following: PageRequest | undefined;
}

/**
 * Lists device pages by following the `Link` header's `rel="next"` and nothing else: the
 * cursor is never built by hand. A `next` link to another origin (which would receive the
 * credentials) or a cursor seen before is an error, as is any failure mid-listing: a
 * listing either completes or throws, never ends short. A listing that serves pages again
 * under new cursors (more than twice as many devices listed as distinct ids, plus a page;
 * an empty page counts as one device) or runs past `maxPages` is an error too: a listing
 * always ends. The distinct ids are counted in a 4 KiB sketch, whatever the org's size.
 *
 * With `prefetch` (the default), the next page is requested as soon as the current page's
 * headers name it, so that the server prepares page N+1 while page N downloads, parses and
 * is consumed. At most one page beyond the current one is ever requested.
 */
export async function* listDevicePages(
  engine: RequestEngine,
  origin: string,
  params: ListDevicesParams,
  onPage: PageHook[] | undefined,
): AsyncGenerator<DevicePage, void, undefined> {
  const first = firstPageUrl(origin, params);
  const boundary = first.boundary;
  const prefetch = params.prefetch !== false;
  const seen = new Set<string>();
  // One controller for this listing's requests: it follows the caller's signal, and cancels
  // a prefetched page when the caller stops early.
  const controller = new AbortController();
  const callerSignal = params.signal;
  const follow = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) follow();
  callerSignal?.addEventListener("abort", follow, { once: true });
  let current: PageRequest | undefined;
  const guard = new ListingGuard(first.maxPages);
  const startFollowing = (request: PageRequest) => {
    const next = request.link?.next;
    // Never a page past maxPages, even ahead of time.
    const allowed = request.number < first.maxPages;
    if (prefetch && allowed && next !== undefined && request.following === undefined) {
      request.following = start(next, request.number + 1);
    }
  };
  const start = (url: string, number: number): PageRequest => {
    seen.add(cursorKey(new URL(url)));
    const request: PageRequest = {
      url,
      number,
      response: Promise.resolve(undefined as never),
      link: undefined,
      following: undefined,
    };
    request.response = getJson(engine, url, controller.signal, (headers) => {
      // A retried page keeps the link of its first answer.
      if (request.link !== undefined) return;
      request.link = readNextLink(headers, url, origin, seen);
      // Only the page being waited for may start the next: never more than one ahead.
      if (request === current) startFollowing(request);
    });
    // Its failure is reported when the page is awaited; until then it is not unhandled.
    request.response.catch(() => undefined);
    return request;
  };

  let pageNumber = 0;
  // The page and everything read from its response live in `receive`'s frame and in `page`,
  // cleared once the caller has had it. A generator keeps the values of its frame's
  // temporaries while it waits for the next page: a page held there (measured: the previous
  // page was alive during 9 of 10 waits) lives through the next page's download and parse,
  // and is promoted to the old generation by the collections the parse triggers.
  const receive = async (request: PageRequest): Promise<DevicePage> => {
    const url = request.url;
    const response = await request.response;
    const listed = expectBody(response, "array");
    request.link ??= readNextLink(response.headers, url, origin, seen);
    if (request.link.error !== undefined) throw request.link.error;
    const nextUrl: string | undefined = request.link.next;
    startFollowing(request);
    pageNumber++;
    // Before the caller sees the page, and before a further page is requested.
    guard.check(listed, url, pageNumber, nextUrl);
    let devices = listed as OktaDevice[];
    let skippedAtBoundary = 0;
    if (boundary !== undefined && boundary.boundaryIds.size > 0) {
      const kept: OktaDevice[] = [];
      for (const device of devices) {
        if (isBoundaryRepeat(boundary, device)) skippedAtBoundary++;
        else kept.push(device);
      }
      devices = kept;
    }
    return {
      devices,
      pageNumber,
      url,
      nextUrl,
      requestId: response.requestId,
      rateLimit: response.rateLimit,
      skippedAtBoundary,
      serverTime: serverTimeOf(response.headers),
    };
  };
  let page: DevicePage | undefined;
  try {
    current = start(first.url, 1);
    while (current !== undefined) {
      startFollowing(current);
      page = await receive(current);
      if (onPage !== undefined) for (const hook of onPage) hook(page);
      const nextUrl = page.nextUrl;
      const prefetched: PageRequest | undefined = current.following;
      // Unlink the finished request from the next one. Once a request has lived long enough
      // to be moved to the old generation, a link from it would keep every later page alive
      // through young-generation collections until the next full one (measured: 99.9% of
      // each page promoted, 3x the GC time of a plain fetch loop).
      current.following = undefined;
      // While the caller holds this page, no request is "current": a prefetched page's
      // headers then start nothing further.
      current = undefined;
      yield page;
      page = undefined;
      current = prefetched ?? (nextUrl === undefined ? undefined : start(nextUrl, pageNumber + 1));
    }
  } finally {
    callerSignal?.removeEventListener("abort", follow);
    // Cancels a prefetched page the caller will never read; a no-op after a full listing.
    if (!controller.signal.aborted) controller.abort(new Error("listing closed"));
  }
}
