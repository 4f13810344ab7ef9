import { OktaConfigError } from "./errors.js";

/**
 * Longest device id accepted, in UTF-16 code units. Okta's ids are 20 characters; a longer
 * one would only make a request line the server refuses (431) and an error that quotes it.
 */
export const MAX_DEVICE_ID_LENGTH = 256;

/**
 * The URL of one device (`/api/v1/devices/{id}`, plus `suffix` such as `/users`). The id is
 * percent-encoded, and the result is checked to have exactly that path once the URL is
 * normalised: no id (`..`, `.`, `a/b`, `%2e%2e`, a lone surrogate) can point the request,
 * and the token, anywhere else.
 */
export function deviceUrl(origin: string, id: unknown, suffix: "" | "/users" = ""): string {
  if (typeof id !== "string" || id === "") {
    throw new OktaConfigError("invalid_options", "a device id must be a non-empty string");
  }
  if (id.length > MAX_DEVICE_ID_LENGTH) {
    throw new OktaConfigError(
      "invalid_options",
      `a device id is at most ${MAX_DEVICE_ID_LENGTH} characters (Okta's are 20); this one has ${id.length}`,
    );
  }
  // Dot segments survive encodeURIComponent and the URL parser would resolve them.
  if (id === "." || id === "..") {
    throw new OktaConfigError("invalid_options", `a device id cannot be "${id}"`);
  }
  let encoded: string;
  try {
    encoded = encodeURIComponent(id);
  } catch {
    throw new OktaConfigError("invalid_options", "a device id must be valid Unicode text");
  }
  const path = `/api/v1/devices/${encoded}${suffix}`;
  const url = new URL(path, origin);
  if (url.pathname !== path || url.origin !== origin) {
    throw new OktaConfigError("invalid_options", "a device id cannot change the request path");
  }
  return url.href;
}
