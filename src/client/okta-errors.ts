// Okta's error answers turned into typed errors that say what to fix.
import {
  type OktaErrorDetails,
  type OktaFailureReason,
  OktaHTTPError,
  OktaResponseError,
} from "./errors.js";
import { redactSecrets } from "./secrets.js";

interface OktaErrorBody {
  errorCode?: unknown;
  errorSummary?: unknown;
  errorId?: unknown;
  errorCauses?: unknown;
}

/** Okta's error body fields (`errorCode`, `errorSummary`, …); nothing when it is not one. */
export function oktaErrorDetails(text: string): Partial<OktaErrorDetails> {
  let body: OktaErrorBody;
  try {
    body = JSON.parse(text) as OktaErrorBody;
  } catch {
    return {};
  }
  if (body === null || typeof body !== "object") return {};
  const details: Partial<OktaErrorDetails> = {};
  if (typeof body.errorCode === "string") details.errorCode = body.errorCode;
  if (typeof body.errorSummary === "string") details.errorSummary = body.errorSummary;
  if (typeof body.errorId === "string") details.errorId = body.errorId;
  if (Array.isArray(body.errorCauses)) {
    details.errorCauses = body.errorCauses
      .map((cause: unknown) =>
        cause !== null && typeof cause === "object" && "errorSummary" in cause
          ? String((cause as { errorSummary: unknown }).errorSummary)
          : "",
      )
      .filter((summary) => summary !== "");
  }
  return details;
}

const STATUS_REASONS: ReadonlyMap<number, OktaFailureReason> = new Map([
  [400, "bad_request"],
  [401, "invalid_token"],
  [403, "forbidden"],
  [404, "not_found"],
  [429, "rate_limited"],
]);

const ADVICE: ReadonlyMap<OktaFailureReason, string> = new Map<OktaFailureReason, string>([
  ["invalid_token", "Check that the token is current and was issued by this org."],
  [
    "forbidden",
    "The credentials cannot read devices: give the API token's admin a role that can read devices, or grant the OAuth app the okta.devices.read scope.",
  ],
  [
    "not_found",
    "Check baseUrl (the org URL, not a custom app domain); the devices API needs an Okta Identity Engine org.",
  ],
  ["bad_request", "Okta refused the request: check the search expression and the cursor."],
  ["rate_limited", "The rate limit stayed exhausted; try again later or lower the request rate."],
  ["server_error", "Okta had a server error; try again later."],
]);

/** The error for an error status, with Okta's `errorCode` and `errorSummary` and advice. */
export function httpError(status: number, text: string, details: OktaErrorDetails): OktaHTTPError {
  const reason =
    STATUS_REASONS.get(status) ?? (status >= 500 ? "server_error" : "unexpected_response");
  const okta = oktaErrorDetails(text);
  const code = okta.errorCode === undefined ? "" : ` ${okta.errorCode}`;
  const summary = okta.errorSummary === undefined ? "" : `: ${okta.errorSummary}`;
  const advice = ADVICE.get(reason) ?? "";
  return new OktaHTTPError(
    reason,
    `Okta answered ${status}${code}${summary} for ${details.method} ${details.url}. ${advice}`.trim(),
    { ...details, ...okta, status },
  );
}

/**
 * The error for rate-limit waits that did not end: `waits` waits (429s or pacing at an
 * exhausted bucket) for one request, each at most `maxWaitMs`.
 */
export function rateLimitedError(
  details: OktaErrorDetails,
  waits: number,
  text = "",
): OktaHTTPError {
  const okta = oktaErrorDetails(text);
  const summary = okta.errorSummary === undefined ? "" : ` (${okta.errorSummary})`;
  return new OktaHTTPError(
    "rate_limited",
    `The rate limit stayed exhausted for ${details.method} ${details.url} after ${waits} waits${summary}. ${ADVICE.get("rate_limited")}`,
    { ...details, ...okta },
  );
}

/** A redirect: the devices API never redirects, so baseUrl is not the org's API. */
export function redirectError(location: string | null, details: OktaErrorDetails) {
  // Only the target's origin and path: its query may carry a state or a token.
  let target = "elsewhere";
  if (location !== null) {
    try {
      const url = new URL(location, details.url);
      target = `${url.origin}${url.pathname}`;
    } catch {
      target = "an invalid location";
    }
    // Parsing lowercases the host (and may re-encode the path): a credential the server put
    // there would no longer be recognised once in the message. Judged on the header as sent.
    if (redactSecrets(location) !== location) target = "a location that quotes a credential";
  }
  return new OktaResponseError(
    "unexpected_response",
    `Okta redirected ${details.method} ${details.url} to ${target}: baseUrl is probably not the org's API URL`,
    details,
  );
}
