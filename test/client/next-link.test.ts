import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createOktaDeviceClient, OktaResponseError } from "../../src/client/index.js";
import { cursorKey, readNextLink } from "../../src/client/next-link.js";
import { collect } from "./helpers.js";
import { type ScriptedServer, sendJson, startServer } from "./servers.js";

const ORIGIN = "https://acme.okta.com";
const PAGE = `${ORIGIN}/api/v1/devices?limit=200`;

function linkTo(target: string): Headers {
  return new Headers({ link: `<${target}>; rel="next"` });
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function listWithNext(next: (count: number, base: string) => string | undefined) {
  server = await startServer((_request, response, count) => {
    const target = next(count, server?.baseUrl ?? "");
    sendJson(
      response,
      200,
      [{ id: `d${count}` }],
      target === undefined ? {} : { Link: `<${target}>; rel="next"` },
    );
  });
  const client = createOktaDeviceClient({
    baseUrl: server.baseUrl,
    auth: { apiToken: "00next-link-test-token-000000" },
    allowInsecureHttp: true,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  return collect(client.listDevices({ prefetch: false })).catch((error: unknown) => error);
}

describe("the token never goes anywhere but the devices listing", () => {
  it.each([
    "/api/v1/users",
    "/api/v1/devices/../users",
    "/api/v1/devices/%2e%2e/users",
    "/api/v1/devices/%2E%2e/%2e%2E/v1/users",
    "/api/v1/devices/",
    "/api/v1/devices/x",
    "/api/v1/devices%2F..%2Fusers",
    "/API/v1/devices",
  ])("regression: a next link to %s on the same origin is refused", async (path) => {
    const result = await listWithNext((count) => (count === 1 ? `${path}?after=x` : undefined));
    expect(result).toBeInstanceOf(OktaResponseError);
    expect((result as OktaResponseError).message).toMatch(/outside the devices listing/);
    expect(server?.requests).toHaveLength(1);
  });

  it("follows a next link whose path normalises to /api/v1/devices", async () => {
    const result = await listWithNext((count) =>
      count === 1 ? "/api/v1/x/../devices?after=2" : undefined,
    );
    expect(result).toHaveLength(2);
    expect(server?.requests[1]).toBe("/api/v1/devices?after=2");
  });

  it("regression: a next link with userinfo is a protocol error, not retried as a network error", async () => {
    const result = await listWithNext((count, base) =>
      count === 1
        ? `${base.replace("http://", "http://user:pass@")}/api/v1/devices?after=x`
        : undefined,
    );
    expect(result).toBeInstanceOf(OktaResponseError);
    expect((result as OktaResponseError).message).toMatch(/userinfo/);
    expect((result as OktaResponseError).message).not.toContain("pass@");
    expect(server?.requests).toHaveLength(1);
  });

  it("regression: links that differ only in the fragment are the same cursor (a loop)", async () => {
    const result = await listWithNext((count) =>
      count === 1 ? "/api/v1/devices?after=x#one" : "/api/v1/devices?after=x#two",
    );
    expect(result).toBeInstanceOf(OktaResponseError);
    expect((result as OktaResponseError).message).toMatch(/repeats a cursor/);
    expect(server?.requests).toEqual(["/api/v1/devices?limit=200", "/api/v1/devices?after=x"]);
  });

  it("compares cursors after normalisation: host case, default port, dot segments, fragment", () => {
    const seen = new Set([cursorKey(new URL(`${ORIGIN}/api/v1/devices?after=x`))]);
    for (const same of [
      "https://ACME.okta.com/api/v1/devices?after=x",
      "https://acme.okta.com:443/api/v1/devices?after=x#frag",
      "https://acme.okta.com/api/v1/./devices?after=x",
      "/api/v1/devices?after=x",
    ]) {
      expect(readNextLink(linkTo(same), PAGE, ORIGIN, seen).error, same).toBeInstanceOf(
        OktaResponseError,
      );
    }
    expect(readNextLink(linkTo("/api/v1/devices?after=y"), PAGE, ORIGIN, seen).next).toBe(
      `${ORIGIN}/api/v1/devices?after=y`,
    );
  });

  it("property: a link is followed only on the same origin, without userinfo, at /api/v1/devices", () => {
    const segment = fc.constantFrom(
      "api",
      "v1",
      "devices",
      "users",
      "..",
      ".",
      "%2e%2e",
      "%2E.",
      "",
      "x",
    );
    const path = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join("/")}`);
    const origin = fc.constantFrom(
      ORIGIN,
      "https://evil.example",
      "https://u:p@acme.okta.com",
      "http://acme.okta.com",
    );
    fc.assert(
      fc.property(origin, path, fc.constantFrom("", "?after=z", "#f"), (base, target, tail) => {
        const link = `${base}${target}${tail}`;
        const result = readNextLink(linkTo(link), PAGE, ORIGIN, new Set());
        const url = new URL(link);
        const allowed =
          url.origin === ORIGIN &&
          url.username === "" &&
          url.password === "" &&
          url.pathname === "/api/v1/devices";
        if (allowed) expect(result.next).toBe(cursorKey(url));
        else {
          expect(result.next).toBeUndefined();
          expect(result.error).toBeInstanceOf(OktaResponseError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
