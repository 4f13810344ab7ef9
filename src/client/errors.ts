/**
 * Why a request or a connection test failed. The same vocabulary names thrown errors
 * (`error.reason`) and failed {@link OktaConnectionTestResult}s.
 */
export type OktaFailureReason =
  | "invalid_base_url"
  | "invalid_options"
  | "invalid_token"
  | "invalid_client"
  | "invalid_scope"
  | "dpop_error"
  | "forbidden"
  | "not_found"
  | "bad_request"
  | "rate_limited"
  | "network"
  | "server_error"
  | "unexpected_response";

import { redactSecrets, safeCause } from "./secrets.js";

/** Facts about the request and response an error came from. */
export interface OktaErrorDetails {
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Okta's `errorCode` (`E0000011`, …). */
  errorCode?: string;
  /** Okta's `errorSummary`. */
  errorSummary?: string;
  /** Okta's `errorId`. */
  errorId?: string;
  /** Okta's `errorCauses[].errorSummary`. */
  errorCauses?: string[];
  /** `X-Okta-Request-Id`, for Okta support. */
  requestId?: string;
  /** The request URL (credentials never travel in it). */
  url?: string;
  /** The request method. */
  method?: string;
  /**
   * The system error code of a network failure (`ECONNREFUSED`, `ENOTFOUND`, `ETIMEDOUT`,
   * `CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …).
   */
  code?: string;
  /**
   * The underlying error (a network or parse failure). Only its `name`, `message` and
   * `code` are kept (and its own cause's, a few levels deep): never a request, a body or
   * headers.
   */
  cause?: unknown;
}

/**
 * Base class of every error the client throws. It carries what Okta said and which
 * request it was, never a secret: every text it holds (the message, Okta's `errorSummary`
 * and `errorCauses`, the cause's message) has the client's tokens, access tokens, key
 * material, JWTs (client assertions, DPoP proofs) and any credential after `SSWS`,
 * `Bearer` or `DPoP` replaced by `[REDACTED]`, and its `cause` keeps only `name`,
 * `message` and `code`. This holds for the message, the stack, the properties,
 * `util.inspect` and `JSON.stringify(error)`.
 *
 * @example
 * ```ts
 * try {
 *   await client.getDevice(id);
 * } catch (error) {
 *   if (error instanceof OktaClientError) log.warn(error.reason, error.status, error.requestId);
 * }
 * ```
 */
export class OktaClientError extends Error {
  override name = "OktaClientError";
  /** The failure's category. */
  readonly reason: OktaFailureReason;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** Okta's `errorCode`. */
  readonly errorCode: string | undefined;
  /** Okta's `errorSummary`. */
  readonly errorSummary: string | undefined;
  /** Okta's `errorId`. */
  readonly errorId: string | undefined;
  /** Okta's `errorCauses[].errorSummary`. */
  readonly errorCauses: string[];
  /** `X-Okta-Request-Id`. */
  readonly requestId: string | undefined;
  /** The request URL. */
  readonly url: string | undefined;
  /** The request method. */
  readonly method: string | undefined;
  /** The system error code of a network failure (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, …). */
  readonly code: string | undefined;

  /**
   * Creates an error; subclasses name the kind of failure.
   * @param reason - the failure's category
   * @param message - what happened and what to do about it
   * @param details - the request and response facts
   */
  constructor(reason: OktaFailureReason, message: string, details: OktaErrorDetails = {}) {
    const cause = safeCause(details.cause);
    super(redactSecrets(message), cause === undefined ? undefined : { cause });
    this.reason = reason;
    this.status = details.status;
    this.errorCode = optional(details.errorCode);
    this.errorSummary = optional(details.errorSummary);
    this.errorId = optional(details.errorId);
    this.errorCauses = (details.errorCauses ?? []).map(redactSecrets);
    this.requestId = optional(details.requestId);
    this.url = optional(details.url);
    this.method = details.method;
    this.code = optional(details.code);
  }

  /** A plain object for structured logs (no stack, no cause, no credentials). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      reason: this.reason,
      message: this.message,
      status: this.status,
      errorCode: this.errorCode,
      errorSummary: this.errorSummary,
      errorId: this.errorId,
      errorCauses: this.errorCauses,
      requestId: this.requestId,
      url: this.url,
      method: this.method,
      code: this.code,
    };
  }
}

function optional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redactSecrets(text);
}

/** Invalid client options, found when the client is created (a bad `baseUrl`, a missing token). */
export class OktaConfigError extends OktaClientError {
  override name = "OktaConfigError";
}

/** Okta answered with an error status (after any retries). */
export class OktaHTTPError extends OktaClientError {
  override name = "OktaHTTPError";
}

/** A request got no complete response within `timeoutMs` (after any retries). */
export class OktaTimeoutError extends OktaClientError {
  override name = "OktaTimeoutError";
}

/** The request could not reach Okta: DNS, TCP, TLS, a reset connection (after any retries). */
export class OktaNetworkError extends OktaClientError {
  override name = "OktaNetworkError";
}

/**
 * The response was not what the devices API sends: a body that is not JSON or was cut short
 * (after any retries), HTML instead of JSON, a redirect, or a broken pagination (a `next`
 * link to another origin, a cursor that repeats).
 */
export class OktaResponseError extends OktaClientError {
  override name = "OktaResponseError";
}

/**
 * Okta's token endpoint refused the OAuth 2.0 client-credentials request. `error` and
 * `errorDescription` are Okta's `error` and `error_description` (`invalid_client`,
 * `invalid_scope`, `invalid_dpop_proof`, …). Keys, assertions and tokens never appear in it.
 */
export class OktaOAuthError extends OktaClientError {
  override name = "OktaOAuthError";
  /** OAuth `error` code. */
  readonly error: string | undefined;
  /** OAuth `error_description`. */
  readonly errorDescription: string | undefined;

  /**
   * Creates the error from the token endpoint's answer.
   * @param reason - the failure's category
   * @param message - what happened and what to do
   * @param oauth - Okta's `error` and `error_description`
   * @param details - the request and response facts
   */
  constructor(
    reason: OktaFailureReason,
    message: string,
    oauth: { error?: string | undefined; errorDescription?: string | undefined },
    details: OktaErrorDetails = {},
  ) {
    super(reason, message, details);
    this.error = optional(oauth.error);
    this.errorDescription = optional(oauth.errorDescription);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), error: this.error, errorDescription: this.errorDescription };
  }
}
