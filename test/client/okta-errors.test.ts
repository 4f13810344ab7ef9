import { inspect } from "node:util";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createOktaDeviceClient, OktaResponseError } from "../../src/client/index.js";
import { redirectError } from "../../src/client/okta-errors.js";
import { registerSecret } from "../../src/client/secrets.js";
import { type ScriptedServer, sendJson, startServer } from "./servers.js";

// Attack on the merged 12a redaction: a redirect's error named the target by `new URL`'s
// origin, which lowercases the host, so an API token a hostile server put in the Location's
// host ("https://00Tq3v…X-12345678.evil.example/") came out lowercased, a form the
// redaction no longer recognised.
const details = { url: "https://acme.okta.com/api/v1/devices", method: "GET", status: 302 };
const texts = (error: unknown) =>
  `${inspect(error, { showHidden: true, depth: 8 })}${JSON.stringify(error)}`;

describe("redirectError never shows a credential of the Location", () => {
  it("regression: a token in the Location's host is not shown, in any case", () => {
    const token = "00Tq3v9XyZabcDEFghiJKLmnoPQRstuVWX-12345678";
    registerSecret(token);
    const error = redirectError(`https://${token}.evil.example/login`, details);
    expect(error.message).toBe(
      "Okta redirected GET https://acme.okta.com/api/v1/devices to a location that quotes a credential: baseUrl is probably not the org's API URL",
    );
    expect(texts(error).toLowerCase()).not.toContain(token.toLowerCase());
    // A location without one is still named by its origin and path.
    expect(redirectError("https://login.example.com/sso?state=x", details).message).toContain(
      "to https://login.example.com/sso:",
    );
  });

  it("property: a registered secret anywhere in a Location appears in no case in the error", () => {
    const secret = fc.stringMatching(/^[A-Z][A-Za-z0-9-]{15,40}[a-z]$/);
    const place = fc.constantFrom("host", "path", "query", "userinfo", "relative");
    fc.assert(
      fc.property(secret, place, (value, where) => {
        registerSecret(value);
        const location =
          where === "host"
            ? `https://${value}.evil.example/x`
            : where === "path"
              ? `https://evil.example/${value}`
              : where === "query"
                ? `https://evil.example/x?t=${value}`
                : where === "userinfo"
                  ? `https://u:${value}@evil.example/`
                  : `/callback/${value}`;
        const error = redirectError(location, details);
        expect(texts(error).toLowerCase()).not.toContain(value.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });
});

describe("a redirect through the client", () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("regression: a 302 to a host made of the API token is an OktaResponseError without it", async () => {
    const token = "00Rd1rEcTtOkEnABCdefGHIjklMNOpqrSTUvwx";
    server = await startServer((_request, response) => {
      sendJson(response, 302, {}, { Location: `https://${token}.evil.example/` });
    });
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      allowInsecureHttp: true,
      auth: { apiToken: token },
      retry: { limit: 0 },
    });
    const error = await client.getDevice("d").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaResponseError);
    expect((error as OktaResponseError).message).toContain("a location that quotes a credential");
    expect(texts(error).toLowerCase()).not.toContain(token.toLowerCase());
  });
});
