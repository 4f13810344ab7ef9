// Before a full sync reports a device gone, it asks Okta about that one device: a listing
// that lost devices without an error (a page sent without its `next` link, a page that
// leaves devices out) must not turn them into deletions.
import { deviceUrl } from "./device-url.js";
import { OktaHTTPError } from "./errors.js";
import { firstPageUrl } from "./pagination.js";
import { getJson, type RequestEngine } from "./request.js";
import { expectBody } from "./response-body.js";

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
