import { OktaClientError, type OktaFailureReason } from "./errors.js";
import type { RateLimitState } from "./rate-limit.js";

/** The reasons a connection test can fail. */
export type OktaConnectionFailureReason = Exclude<
  OktaFailureReason,
  "invalid_options" | "bad_request"
>;

/** A connection test that passed: the credentials can read devices. */
export interface OktaConnectionOk {
  /** Always `true`. */
  ok: true;
  /** HTTP status (200). */
  status: number;
  /** `X-Okta-Request-Id`. */
  requestId: string | undefined;
  /** The bucket state Okta announced. */
  rateLimit: RateLimitState | undefined;
}

/** A connection test that failed, with its cause. */
export interface OktaConnectionFailure {
  /** Always `false`. */
  ok: false;
  /** The cause, for code. */
  reason: OktaConnectionFailureReason;
  /** The cause, for people: what went wrong and what to do. */
  message: string;
  /** HTTP status, when Okta answered. */
  status?: number;
  /** Okta's `errorCode`. */
  errorCode?: string;
  /** `X-Okta-Request-Id`, for Okta support. */
  requestId?: string;
}

/** The result of `testConnection()`. */
export type OktaConnectionTestResult = OktaConnectionOk | OktaConnectionFailure;

// Every reason a failed test can carry: anything else (a bug, or a value that came from a
// server) is reported as `unexpected_response` rather than passed on to tables keyed by it.
const CONNECTION_FAILURE_REASONS: ReadonlySet<string> = new Set<OktaConnectionFailureReason>([
  "invalid_base_url",
  "invalid_token",
  "invalid_client",
  "invalid_scope",
  "dpop_error",
  "forbidden",
  "not_found",
  "rate_limited",
  "network",
  "server_error",
  "unexpected_response",
]);

/**
 * Turns an error into a failed connection test result. Programming errors (bad options
 * other than the URL and token, a bug) are rethrown: they are not facts about the org.
 */
export function connectionFailure(error: unknown): OktaConnectionFailure {
  if (!(error instanceof OktaClientError) || error.reason === "invalid_options") throw error;
  const reason = CONNECTION_FAILURE_REASONS.has(error.reason)
    ? (error.reason as OktaConnectionFailureReason)
    : "unexpected_response";
  const failure: OktaConnectionFailure = { ok: false, reason, message: error.message };
  if (error.status !== undefined) failure.status = error.status;
  if (error.errorCode !== undefined) failure.errorCode = error.errorCode;
  if (error.requestId !== undefined) failure.requestId = error.requestId;
  return failure;
}
