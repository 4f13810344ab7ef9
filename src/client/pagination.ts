import type { OktaDevice } from "../schemas/okta-device.js";
import { type DeviceCheckpoint, updatedSinceClause } from "./checkpoint.js";
import { OktaConfigError, OktaResponseError } from "./errors.js";
import { findNextLink } from "./link-header.js";
import type { RateLimitState } from "./rate-limit.js";
import { getJson, type RequestEngine } from "./request.js";

/** Parameters of `listDevices` and `listDevicePages`. */
export interface ListDevicesParams {
  /**
   * Only devices updated at or after this time (`lastUpdated ge`, floored to the second).
   * Pass a {@link DeviceCheckpoint} to also drop the devices it already saw at its exact
   * boundary second.
   */
  updatedSince?: string | Date | DeviceCheckpoint | undefined;
  /** An Okta `search` expression (SCIM filter over `id`, `status`, `lastUpdated`, `profile.*`), joined with `updatedSince` by `and`. */
  search?: string | undefined;
  /** Embed the devices' users: `"user"` or `"userSummary"`. */
  expand?: "user" | "userSummary" | undefined;
  /** Page size, 1 to 200. Default `200` (fewest requests). */
  limit?: number | undefined;
  /** Stops the listing, including during a wait. */
  signal?: AbortSignal | undefined;
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
}

/** Called with each page, e.g. to report progress. */
export type PageHook = (page: DevicePage) => void;

function firstPageUrl(origin: string, params: ListDevicesParams) {
  const url = new URL("/api/v1/devices", origin);
  const limit = params.limit ?? 200;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new OktaConfigError(
      "invalid_options",
      `limit must be a whole number from 1 to 200, got ${limit}`,
    );
  }
  url.searchParams.set("limit", String(limit));
  const clauses: string[] = [];
  let boundary: ReturnType<typeof updatedSinceClause> | undefined;
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
  return { url: url.href, boundary };
}

/**
 * Lists device pages by following the `Link` header's `rel="next"` and nothing else: the
 * cursor is never built by hand. A `next` link to another origin (which would receive the
 * credentials) or a cursor seen before is an error, as is any failure mid-listing: a
 * listing either completes or throws, never ends short.
 */
export async function* listDevicePages(
  engine: RequestEngine,
  origin: string,
  params: ListDevicesParams,
  onPage: PageHook[] | undefined,
): AsyncGenerator<DevicePage, void, undefined> {
  const first = firstPageUrl(origin, params);
  const boundary = first.boundary;
  const seen = new Set<string>();
  let url: string | undefined = first.url;
  let pageNumber = 0;
  while (url !== undefined) {
    seen.add(url);
    const response = await getJson(engine, url, params.signal);
    if (!Array.isArray(response.data)) {
      throw new OktaResponseError(
        "unexpected_response",
        `GET ${url} did not return a JSON array of devices`,
        {
          url,
          method: "GET",
          status: response.status,
          ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
        },
      );
    }
    const next = findNextLink(response.headers.get("link"));
    let nextUrl: string | undefined;
    if (next !== undefined) {
      let resolved: URL;
      try {
        resolved = new URL(next, url);
      } catch {
        throw new OktaResponseError(
          "unexpected_response",
          `The next link of GET ${url} is not a URL: ${next}`,
          { url, method: "GET" },
        );
      }
      if (resolved.origin !== origin) {
        throw new OktaResponseError(
          "unexpected_response",
          `The next link of GET ${url} points to another origin (${resolved.origin}); it was not followed, so the credentials stayed on ${origin}`,
          { url, method: "GET" },
        );
      }
      if (seen.has(resolved.href)) {
        throw new OktaResponseError(
          "unexpected_response",
          `The next link of GET ${url} repeats a cursor already listed (${resolved.href}); stopping instead of looping`,
          { url, method: "GET" },
        );
      }
      nextUrl = resolved.href;
    }
    let devices = response.data as OktaDevice[];
    let skippedAtBoundary = 0;
    if (boundary !== undefined && boundary.boundaryIds.size > 0) {
      const kept: OktaDevice[] = [];
      for (const device of devices) {
        const repeat =
          boundary.boundaryIds.has(device.id) &&
          Date.parse(device.lastUpdated) === boundary.boundaryMs;
        if (repeat) skippedAtBoundary++;
        else kept.push(device);
      }
      devices = kept;
    }
    pageNumber++;
    const page: DevicePage = {
      devices,
      pageNumber,
      url,
      nextUrl,
      requestId: response.requestId,
      rateLimit: response.rateLimit,
      skippedAtBoundary,
    };
    if (onPage !== undefined) for (const hook of onPage) hook(page);
    yield page;
    url = nextUrl;
  }
}
