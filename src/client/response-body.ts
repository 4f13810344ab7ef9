// A response's body as JSON, parsed whole, and the shape the caller expects checked.
import { type OktaErrorDetails, OktaResponseError } from "./errors.js";
import type { RateLimitState } from "./rate-limit.js";
import { retryable } from "./transient.js";

// The whole text, as `Response.text()` decodes it: a leading byte-order mark is dropped.
const bodyDecoder = new TextDecoder("utf-8");

function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** A body read as chunks (see transport.ts), as text, decoded as `Response.text()` does. */
export function decodeBody(chunks: readonly Uint8Array[]): string {
  return chunks.length === 0 ? "" : bodyDecoder.decode(joinBytes(chunks));
}

/** A parsed JSON response. */
export interface OktaResponse {
  /** The parsed body. */
  data: unknown;
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** `X-Okta-Request-Id`. */
  requestId: string | undefined;
  /** The bucket state the response announced. */
  rateLimit: RateLimitState | undefined;
  /** The URL requested. */
  url: string;
}

/** Parses a successful body; a garbled one is a retryable error, HTML a wrong URL. */
export function parseBody(body: Uint8Array[], url: string, details: OktaErrorDetails): unknown {
  // Parsed whole, as `Response.json()` does: measured in one process on all three record
  // shapes (npm run bench's listing, Node 20), decoding and parsing a page at once took
  // less CPU than parsing it element by element from the chunks.
  const text = decodeBody(body);
  try {
    return JSON.parse(text);
  } catch (cause) {
    // HTML is a wrong URL, not a passing fault: only a garbled JSON body is retried.
    if (/^\s*</.test(text)) {
      throw new OktaResponseError(
        "unexpected_response",
        `Okta sent an HTML page instead of JSON for GET ${url}: baseUrl is probably a sign-in page, not the org's API`,
        { ...details, cause },
      );
    }
    throw retryable(
      new OktaResponseError(
        "unexpected_response",
        `The response body of GET ${url} is not valid JSON (${text.length} bytes)`,
        { ...details, cause },
      ),
    );
  }
}

/**
 * The body of a response checked to be a JSON array (`"array"`) or object (`"object"`);
 * anything else is an unexpected response, reported with `hint` when given.
 */
export function expectBody(response: OktaResponse, shape: "array", hint?: string): unknown[];
export function expectBody(
  response: OktaResponse,
  shape: "object",
  hint?: string,
): Record<string, unknown>;
export function expectBody(
  response: OktaResponse,
  shape: "array" | "object",
  hint = "",
): unknown[] | Record<string, unknown> {
  const data = response.data;
  const isArray = Array.isArray(data);
  const fits = shape === "array" ? isArray : data !== null && typeof data === "object" && !isArray;
  if (fits) return data as unknown[] | Record<string, unknown>;
  const details: OktaErrorDetails = { url: response.url, method: "GET", status: response.status };
  if (response.requestId !== undefined) details.requestId = response.requestId;
  throw new OktaResponseError(
    "unexpected_response",
    `GET ${response.url} did not return a JSON ${shape}${hint === "" ? "" : `: ${hint}`}`,
    details,
  );
}
