import { OktaConfigError } from "./errors.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const DOUBLED_SUFFIX = /\.(com|net|org|mil|gov)\.(com|net|org|mil|gov)$/;

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
  const text = input.trim();
  if (/[{}]/.test(text) || /yourOktaDomain/i.test(text)) {
    fail(`${text} still holds the {yourOktaDomain} placeholder; use your org's URL`);
  }
  let url: URL;
  try {
    url = new URL(text);
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
  if (url.search !== "" || text.includes("?")) fail(`${text} must not have a query string`);
  if (url.hash !== "" || text.includes("#")) fail(`${text} must not have a fragment`);
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
