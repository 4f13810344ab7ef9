// Which failures are worth another attempt.
import {
  type OktaClientError,
  OktaHTTPError,
  OktaNetworkError,
  type OktaResponseError,
  OktaTimeoutError,
} from "./errors.js";

// Response errors worth another attempt (a body cut short or garbled), marked where they
// are made rather than recognised later by their wording.
const retryableResponses = new WeakSet<OktaClientError>();

/** Marks a response error as worth another attempt. */
export function retryable(error: OktaResponseError): OktaResponseError {
  retryableResponses.add(error);
  return error;
}

/** Whether a failure may pass on its own: a timeout, a network error, a 5xx, a body cut short. */
export function isTransient(error: OktaClientError): boolean {
  return (
    error instanceof OktaTimeoutError ||
    error instanceof OktaNetworkError ||
    retryableResponses.has(error) ||
    (error instanceof OktaHTTPError && error.reason === "server_error")
  );
}
