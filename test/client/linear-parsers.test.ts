import { describe, expect, it } from "vitest";
import { normalizeBaseUrl, redactUrlText } from "../../src/client/base-url.js";
import { OktaConfigError } from "../../src/client/errors.js";
import { findNextLink } from "../../src/client/link-header.js";
import { firstPageUrl } from "../../src/client/pagination.js";
import { headerNumbers } from "../../src/client/rate-limit.js";
import { redactSecrets } from "../../src/client/secrets.js";
import { hasChallengeError } from "../../src/client/www-authenticate.js";
import { expectLinearTime } from "../helpers/linear-time.js";

// Every hand-written parser and regular expression that sees server or user input, fed
// long adversarial strings: the time at 8n must stay within a linear factor of the time at n.
describe("parsers of server and user input are linear-time", () => {
  it("Link header", () => {
    const quiet = (text: string) => findNextLink(text);
    // "<<<<…" made the former regular expression rescan the rest from every "<".
    expectLinearTime("many <", (n) => "<".repeat(n), quiet);
    expectLinearTime("unclosed quotes", (n) => `<x>; rel="${"a".repeat(n)}`, quiet);
    expectLinearTime("many params", (n) => `<x>${"; a=b".repeat(n / 5)}`, quiet);
    expectLinearTime("spaces", (n) => `<x>;${" ".repeat(n)}rel=next`, quiet);
    expectLinearTime("many links", (n) => '<x>; rel="self", '.repeat(n / 17), quiet);
    expectLinearTime("escapes", (n) => `<x>; rel="${"\\".repeat(n)}`, quiet);
  });

  it("DPoP challenge (WWW-Authenticate)", () => {
    const check = (text: string) => hasChallengeError(text, "use_dpop_nonce");
    expectLinearTime("error repeated", (n) => "error".repeat(n / 5), check);
    expectLinearTime("spaces after error", (n) => `error${" ".repeat(n)}`, check);
    expectLinearTime("near misses", (n) => ' error="use_dpop_nonc'.repeat(n / 21), check);
    expectLinearTime("spaces around =", (n) => ` error${" ".repeat(n)}=${" ".repeat(n)}x`, check);
  });

  it("base URL (and its redaction)", () => {
    const check = (text: string) => {
      try {
        normalizeBaseUrl(text);
      } catch (error) {
        if (!(error instanceof OktaConfigError)) throw error;
      }
    };
    expectLinearTime("many @", (n) => `https://${"@".repeat(n)}x.okta.com`, redactUrlText);
    expectLinearTime("many ://", (n) => "://".repeat(n / 3), redactUrlText);
    expectLinearTime("long host", (n) => `https://${"a.".repeat(n / 2)}com`, check, 200);
    expectLinearTime("admin", (n) => `https://${"-admin".repeat(n / 6)}.com`, check, 200);
  });

  it("a base URL longer than 2048 characters is refused before any parsing", () => {
    expect(() => normalizeBaseUrl(`https://${"a".repeat(3000)}.okta.com`)).toThrow(
      /characters long/,
    );
  });

  it("search filter: linear up to its 4096-character cap, refused beyond", () => {
    const build = (search: string) => {
      try {
        firstPageUrl("https://acme.okta.com", { search });
      } catch (error) {
        if (!(error instanceof OktaConfigError)) throw error;
      }
    };
    expectLinearTime("or or or", (n) => " or".repeat(n / 3), build, 500);
    expectLinearTime("orrrr", (n) => `o${"r".repeat(n)}`, build, 500);
    expectLinearTime(
      "quotes",
      (n) => `profile.displayName eq "${'\\"'.repeat(n / 2)}"`,
      build,
      500,
    );
    expect(() => build("x".repeat(4096))).not.toThrow();
    expect(() => firstPageUrl("https://acme.okta.com", { search: "x".repeat(4097) })).toThrow(
      /at most 4096/,
    );
  });

  it("rate-limit header values", () => {
    const read = (text: string) =>
      headerNumbers(new Headers({ "x-rate-limit-reset": text }), "x-rate-limit-reset");
    expectLinearTime("many values", (n) => "1, ".repeat(n / 3), read);
    expectLinearTime("long digits", (n) => "9".repeat(n), read);
  });

  it("secret redaction", () => {
    expectLinearTime("eyJ repeated", (n) => "eyJ".repeat(n / 3), redactSecrets);
    expectLinearTime("JWT-like runs", (n) => "eyJa.b.c ".repeat(n / 9), redactSecrets);
    expectLinearTime("Bearer repeated", (n) => "Bearer ".repeat(n / 7), redactSecrets);
    expectLinearTime("long run", (n) => "a".repeat(n), redactSecrets);
    // Many short runs without "eyJ": the JWT search once scanned to the text's end from each.
    expectLinearTime("many words", (n) => "a ".repeat(n / 2), redactSecrets);
    // The encoded pass: long base64, percent escapes, padding that cuts runs.
    expectLinearTime("long base64", (n) => "ZXlK".repeat(n / 4), redactSecrets);
    expectLinearTime("percent escapes", (n) => "%2B".repeat(n / 3), redactSecrets);
    expectLinearTime("padding", (n) => "ab=c".repeat(n / 4), redactSecrets);
    expectLinearTime("half escapes", (n) => "%2".repeat(n / 2), redactSecrets);
    // JSON escapes and wrapped lines, read joined (attack on 12a): one run over the whole text.
    expectLinearTime("backslashes", (n) => "\\".repeat(n), redactSecrets);
    expectLinearTime("unicode escapes", (n) => "\\u002e".repeat(n / 6), redactSecrets);
    expectLinearTime("wrapped lines", (n) => "a\r\n ".repeat(n / 4), redactSecrets);
    expectLinearTime("padding before breaks", (n) => "a=\\\\n".repeat(n / 5), redactSecrets);
    expectLinearTime("wrapped scheme", (n) => "Bearer a\nb ".repeat(n / 11), redactSecrets);
    // Fourteen measures: 13 s under load, near the default 30 s.
  }, 120_000);
});
