// Where a page's `Link: rel="next"` points, checked before the credentials go there.
import { OktaResponseError } from "./errors.js";
import { findNextLink } from "./link-header.js";

/** The path every page of a device listing has. */
export const DEVICES_PATH = "/api/v1/devices";

/** A checked `next` link, or the error that stops the listing. */
export interface NextLink {
  next?: string | undefined;
  error?: unknown;
}

/**
 * What the server receives of a URL: origin, path and query, without the fragment (never
 * sent) and in the URL parser's normal form (host case, default port, dot segments). Two
 * links with the same key are the same cursor.
 */
export function cursorKey(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

// Only the origin and path of a rejected link are shown: its query is the server's cursor.
function shown(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * The `next` link of a page, checked: a URL on the same origin, without userinfo, on the
 * listing's own path (`/api/v1/devices` once normalised, so `/api/v1/devices/../users` is
 * refused), and not a cursor already requested (a loop). Any of these is a protocol error
 * (an {@link OktaResponseError}, not retried): the token never goes anywhere else.
 */
export function readNextLink(
  headers: Headers,
  url: string,
  origin: string,
  seen: ReadonlySet<string>,
): NextLink {
  const next = findNextLink(headers.get("link"));
  if (next === undefined) return {};
  const refuse = (why: string): NextLink => ({
    error: new OktaResponseError(
      "unexpected_response",
      `The next link of GET ${url} ${why}; it was not followed, so the credentials stayed on ${origin}${DEVICES_PATH}`,
      { url, method: "GET" },
    ),
  });
  let resolved: URL;
  try {
    resolved = new URL(next, url);
  } catch {
    return refuse("is not a URL");
  }
  if (resolved.username !== "" || resolved.password !== "") {
    return refuse("carries credentials (userinfo)");
  }
  if (resolved.origin !== origin) {
    return refuse(`points to another origin (${resolved.origin})`);
  }
  if (resolved.pathname !== DEVICES_PATH) {
    return refuse(`points outside the devices listing (${shown(resolved)})`);
  }
  const key = cursorKey(resolved);
  if (seen.has(key)) {
    return {
      error: new OktaResponseError(
        "unexpected_response",
        `The next link of GET ${url} repeats a cursor already listed (${key}); stopping instead of looping`,
        { url, method: "GET" },
      ),
    };
  }
  return { next: key };
}
