// Before a full sync reports a device gone, it asks Okta about that one device: a listing
// that lost devices without an error (a page sent without its `next` link, a page that
// leaves devices out) must not turn them into deletions.
import { deviceUrl } from "./device-url.js";
import { OktaHTTPError, OktaResponseError } from "./errors.js";
import { firstPageUrl } from "./pagination.js";
import { getJson, type RequestEngine } from "./request.js";
import { expectBody } from "./response-body.js";
import type { RememberedDevice } from "./sync-state.js";

/** Okta's `errorCode` for a resource that does not exist. */
const NOT_FOUND = "E0000007";

// A SCIM string literal: a quote or a backslash in the id is escaped.
function scimString(value: string): string {
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/**
 * Whether Okta still lists a device that a full listing did not hold: `false` when
 * `GET /api/v1/devices/{id}` answers 404 `E0000007` (deleted) or, with a filter, when a
 * listing of `(search) and id eq "<id>"` does not hold it (no longer matching); `true`
 * when Okta still has it. Any other answer throws (nothing is then reported gone).
 */
export async function deviceStillListed(
  engine: RequestEngine,
  origin: string,
  id: string,
  search: string | null,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  // "." and ".." cannot be a path segment; only the search can ask about them.
  if (id !== "." && id !== "..") {
    try {
      expectBody(await getJson(engine, deviceUrl(origin, id), signal), "object");
    } catch (error) {
      // Only Okta's own "not found" proves a deletion (a proxy's 404 proves nothing).
      if (error instanceof OktaHTTPError && error.status === 404 && error.errorCode === NOT_FOUND) {
        return false;
      }
      throw error;
    }
    if (search === null) return true;
  }
  const byId = `id eq ${scimString(id)}`;
  const { url } = firstPageUrl(origin, {
    search: search === null ? byId : `(${search}) and ${byId}`,
    limit: 200,
  });
  const listed = expectBody(await getJson(engine, url, signal), "array");
  return listed.some((device) => (device as { id?: unknown } | null)?.id === id);
}

/**
 * Whether Okta still lists a device a full listing did not hold (`true`), or it is gone
 * (`false`): see {@link deviceStillListed}. Throws when Okta's answer proves neither.
 */
export type DeviceLookup = (
  id: string,
  search: string | null,
  signal: AbortSignal | undefined,
) => Promise<boolean>;

const MAX_SHOWN_ID = 64;

/**
 * Confirms with Okta that each device of the state a complete full listing did not hold is
 * gone, before any is reported: one that Okta still has proves the listing lost devices,
 * so none of the others can be trusted either.
 * @throws {OktaResponseError} naming the first device Okta still has; or the lookup's error
 */
export async function confirmGone(
  missing: RememberedDevice[],
  search: string | null,
  lookup: DeviceLookup,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (const [id] of missing) {
    if (!(await lookup(id, search, signal))) continue;
    const shown = id.length > MAX_SHOWN_ID ? `${id.slice(0, MAX_SHOWN_ID)}…` : id;
    throw new OktaResponseError(
      "unexpected_response",
      `The full listing of devices was incomplete: device ${shown} is not in it, yet Okta still has it${
        search === null ? "" : " under the filter"
      }. Okta's listing lost devices without an error (a page without its next link, or a page that left devices out); ` +
        `no deletion was reported and no state returned: run the sync again.`,
    );
  }
}
