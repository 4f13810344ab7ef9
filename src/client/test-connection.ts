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

/**
 * Turns an error into a failed connection test result. Programming errors (bad options
 * other than the URL and token, a bug) are rethrown: they are not facts about the org.
 */
export function connectionFailure(error: unknown): OktaConnectionFailure {
  if (!(error instanceof OktaClientError) || error.reason === "invalid_options") throw error;
  const reason: OktaConnectionFailureReason =
    error.reason === "bad_request" ? "unexpected_response" : error.reason;
  const failure: OktaConnectionFailure = { ok: false, reason, message: error.message };
  if (error.status !== undefined) failure.status = error.status;
  if (error.errorCode !== undefined) failure.errorCode = error.errorCode;
  if (error.requestId !== undefined) failure.requestId = error.requestId;
  return failure;
}
