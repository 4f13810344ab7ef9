// When a listing is a loop: the one rule shared by `listDevicePages` and `syncDevices`.
import { DistinctIds } from "./distinct-ids.js";
import { OktaResponseError } from "./errors.js";

/** Okta's largest page of devices (`limit` 200). */
export const MAX_PAGE_SIZE = 200;

/**
 * Devices a listing may hold at most before `maxPages` stops it, by default: 10 million,
 * twenty times the largest orgs known (about 500,000 devices). The default `maxPages` is
 * this divided by the listing's `limit`: 50,000 pages at the default `limit` 200.
 */
export const MAX_LISTED_DEVICES = 10_000_000;

/** The default `maxPages` of a listing with this page size. */
export function defaultMaxPages(limit: number): number {
  return Math.ceil(MAX_LISTED_DEVICES / limit);
}

/**
 * Whether a listing repeats itself: more than twice as many devices listed as distinct ones,
 * plus a page. A device listed twice (moved by an update while the listing runs) is
 * harmless and costs one extra; a server serving pages again under new cursors (a loop the
 * cursor check cannot see) crosses the line within one more pass over what it served.
 */
export function repeatsItself(listed: number, distinct: number): boolean {
  return listed > 2 * distinct + MAX_PAGE_SIZE;
}

/** The start of the error message of a listing that {@link repeatsItself}. */
export function repeatMessage(listed: number, pageNumber: number, distinct: number): string {
  return `The listing of devices repeats itself: ${listed} devices listed by page ${pageNumber}, only ${distinct} distinct`;
}

/**
 * The bounds of one listing, checked page by page: the repeat rule over the devices listed
 * (an empty page counts as one, so that empty pages cannot loop either) and an estimate of
 * the distinct ids among them (a 4 KiB sketch, whatever the org's size), and `maxPages`.
 */
export class ListingGuard {
  private listed = 0;
  private readonly distinctIds = new DistinctIds();

  constructor(private readonly maxPages: number) {}

  /** Throws an `OktaResponseError` when the listing, as of this page, loops or runs past `maxPages`. */
  check(page: readonly unknown[], url: string, pageNumber: number, nextUrl: string | undefined) {
    this.listed += Math.max(page.length, 1);
    for (const element of page) {
      const id: unknown = (element as { id?: unknown } | null)?.id;
      if (typeof id === "string") this.distinctIds.add(id);
    }
    // Origin and path only: the query is the server's cursor and the caller's filter.
    const shown = () => {
      const where = new URL(url);
      return `page ${pageNumber}: GET ${where.origin}${where.pathname}`;
    };
    const distinct = this.distinctIds.estimate();
    if (repeatsItself(this.listed, distinct)) {
      throw new OktaResponseError(
        "unexpected_response",
        `${repeatMessage(this.listed, pageNumber, distinct)} (estimated; ${shown()}); ` +
          "the server serves pages again under new cursors. Stopping instead of looping.",
        { url, method: "GET" },
      );
    }
    if (pageNumber >= this.maxPages && nextUrl !== undefined) {
      throw new OktaResponseError(
        "unexpected_response",
        `The listing of devices reached maxPages (${this.maxPages}) and the server still sends a next link (${shown()}); ` +
          "stopping instead of listing for ever. Raise maxPages if the org really has that many devices.",
        { url, method: "GET" },
      );
    }
  }
}
