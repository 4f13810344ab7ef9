import { OktaConfigError } from "./errors.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const DOUBLED_SUFFIX = /\.(com|net|org|mil|gov)\.(com|net|org|mil|gov)$/;

// Far longer than any org URL; a longer input is refused before any parsing.
const MAX_LENGTH = 2048;

/**
 * The input as it may be shown in a message: userinfo, query and fragment replaced by
 * `[REDACTED]` (they may hold a password or a token), at most 200 characters.
 */
export function redactUrlText(text: string): string {
  const queryAt = text.search(/[?#]/);
  const beforeQuery = queryAt === -1 ? text : text.slice(0, queryAt);
  const scheme = beforeQuery.indexOf("://");
  const authorityStart = scheme === -1 ? 0 : scheme + 3;
  // The last "@" before any query: a password may hold "/" or ":" when pasted unencoded.
  const at = beforeQuery.lastIndexOf("@");
  let shown =
    at >= authorityStart
      ? `${beforeQuery.slice(0, authorityStart)}[REDACTED]@${beforeQuery.slice(at + 1)}`
      : beforeQuery;
  if (queryAt !== -1) shown += `${text[queryAt]}[REDACTED]`;
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

function fail(message: string): never {
  throw new OktaConfigError("invalid_base_url", `Invalid Okta baseUrl: ${message}`);
}

/**
 * Checks an Okta org URL and returns its origin (`https://acme.okta.com`), so that the
 * most common set-up mistakes fail at once with a message that says what to fix.
 */
export function normalizeBaseUrl(input: unknown, allowInsecureHttp = false): string {
  if (typeof input !== "string" || input.trim() === "") {
    fail("it is empty; expected your org's URL, e.g. https://acme.okta.com");
  }
  if (input.length > MAX_LENGTH) fail(`it is ${input.length} characters long; expected an origin`);
  const raw = input.trim();
  const text = redactUrlText(raw);
  if (/[{}]/.test(raw) || /yourOktaDomain/i.test(raw)) {
    fail(`${text} still holds the {yourOktaDomain} placeholder; use your org's URL`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(`${text} is not a URL; expected e.g. https://acme.okta.com`);
  }
  if (url.protocol === "http:") {
    if (!LOOPBACK_HOSTS.has(url.hostname)) {
      fail(`${text} uses http; Okta is only reachable over https`);
    }
    if (!allowInsecureHttp) {
      fail(`${text} uses http; pass allowInsecureHttp: true to use a loopback test server`);
    }
  } else if (url.protocol !== "https:") {
    fail(`${text} must start with https://`);
  }
  if (url.username !== "" || url.password !== "") fail("it must not contain credentials");
  if (url.search !== "" || raw.includes("?")) fail(`${text} must not have a query string`);
  if (url.hash !== "" || raw.includes("#")) fail(`${text} must not have a fragment`);
  if (url.pathname !== "/") {
    fail(
      `${text} must not have a path (${url.pathname}); use the org's origin, e.g. ${url.origin}`,
    );
  }
  const host = url.hostname;
  if (/-admin\./i.test(host)) {
    fail(
      `${host} is the Admin Console; use the org's URL without -admin, e.g. ${url.protocol}//${host.replace(/-admin\./i, ".")}`,
    );
  }
  if (DOUBLED_SUFFIX.test(host) || host.includes("..") || host.endsWith(".")) {
    fail(`${host} looks mistyped (a doubled or empty domain label)`);
  }
  if (url.protocol === "https:" && !host.includes(".")) fail(`${host} is not a full domain name`);
  return url.origin;
}
