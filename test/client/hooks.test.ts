import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { callHooks } from "../../src/client/hooks.js";
import { createOktaDeviceClient, type RequestHooks } from "../../src/client/index.js";
import { registerSecret } from "../../src/client/secrets.js";
import { collect } from "./helpers.js";
import { type ScriptedServer, sendJson, startServer } from "./servers.js";

// Attack on the merged 12a redaction: errors were redacted, but hooks (where requests get
// logged) saw the raw `X-Okta-Request-Id` and URL. A server that put the API token in the
// request id header, or in the `next` link's cursor, had it logged by every afterResponse,
// beforeRequest and onRetry hook, and in each page's and connection result's requestId.
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("hook arguments hold no secret", () => {
  it("regression: a token echoed in X-Okta-Request-Id and in the next link's cursor reaches no hook and no requestId", async () => {
    const token = "00HoOkEcHoTokenABCdefGHIjklMNOpqrST";
    server = await startServer((request, response, count) => {
      const headers: Record<string, string> = {
        "X-Okta-Request-Id": `${request.headers.authorization ?? ""}`,
        Date: new Date().toUTCString(),
      };
      if (count === 1) {
        headers.Link = `<${server?.baseUrl}/api/v1/devices?after=${token}>; rel="next"`;
        sendJson(response, 200, [], headers);
      } else if (count === 2) sendJson(response, 500, { errorSummary: "x" }, headers);
      else sendJson(response, 200, [], headers);
    });
    const seen: unknown[] = [];
    const record = (info: unknown) => {
      seen.push(structuredClone(info));
    };
    const hooks: RequestHooks = {
      beforeRequest: [record],
      afterResponse: [record],
      onRetry: [(info) => record({ ...info, error: info.error.toJSON() })],
      onRateLimitWait: [record],
    };
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      allowInsecureHttp: true,
      auth: { apiToken: token },
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 },
      hooks: { ...hooks, onPage: [(page) => record({ requestId: page.requestId })] },
    });
    expect(await collect(client.listDevices())).toEqual([]);
    const result = await client.testConnection();
    expect(result.ok).toBe(true);
    record({ requestId: result.requestId });
    expect(seen.length).toBeGreaterThan(6);
    const text = JSON.stringify(seen);
    expect(text).not.toContain(token);
    expect(text).toContain("SSWS [REDACTED]");
    expect(text).toContain("after=[REDACTED]");
  });

  it("property: callHooks gives every hook a url and requestId with each registered secret redacted, and changes nothing else", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{12,40}$/),
        fc.string({ maxLength: 10 }),
        fc.string({ maxLength: 10 }),
        fc.integer(),
        (secret, before, after, status) => {
          registerSecret(secret);
          const infos: unknown[] = [];
          const info = {
            url: `https://acme.okta.com/api/v1/devices?after=${before}${secret}${after}`,
            requestId: `${before}${secret}`,
            status,
          };
          callHooks([(seen: typeof info) => infos.push(seen)], info);
          expect(JSON.stringify(infos)).not.toContain(secret);
          expect((infos[0] as typeof info).status).toBe(status);
          // The caller's own object is left as it is: the request still needs its URL.
          expect(info.url).toContain(secret);
        },
      ),
      { numRuns: 300 },
    );
  });
});
