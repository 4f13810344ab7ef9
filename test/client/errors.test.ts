import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createOktaDeviceClient,
  OktaClientError,
  OktaConfigError,
  OktaHTTPError,
  OktaNetworkError,
  testOktaConnection,
} from "../../src/client/index.js";
import {
  type FakeOktaOrg,
  type FakeOrgFaultKind,
  startFakeOktaOrg,
} from "../../src/testing/index.js";
import { clientFor } from "./helpers.js";

const SECRET = "00SeCrEt-TOKEN_value-that-must-never-leak";
let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

function expectNoSecret(value: unknown): void {
  const error = value as Error;
  for (const text of [
    error.message,
    error.stack ?? "",
    JSON.stringify(error),
    String(error),
    JSON.stringify(Object.entries(error)),
  ]) {
    expect(text).not.toContain(SECRET);
  }
}

describe("HTTP errors", () => {
  it.each<[FakeOrgFaultKind, string, string, string]>([
    ["401", "invalid_token", "E0000011", "invalid_token"],
    ["403", "forbidden", "E0000006", "forbidden"],
    ["404", "not_found", "E0000007", "not_found"],
    ["400", "bad_request", "E0000031", "unexpected_response"],
    ["500", "server_error", "E0000009", "server_error"],
  ])(
    "%s maps to error reason %s (%s) and connection reason %s",
    async (kind, reason, code, testReason) => {
      org = await startFakeOktaOrg({ count: 5, token: SECRET, faults: [{ kind }] });
      const client = clientFor(org, { retry: { limit: 1, baseDelayMs: 1 } });
      const error = await client
        .getDevice(org.devices[0]?.id ?? "")
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OktaHTTPError);
      expect(error).toBeInstanceOf(OktaClientError);
      const http = error as OktaHTTPError;
      expect(http.reason).toBe(reason);
      expect(http.status).toBe(Number(kind));
      expect(http.errorCode).toBe(code);
      expect(http.errorId).toMatch(/^oae/);
      expect(http.requestId).toMatch(/^[0-9a-f]{32}$/);
      expect(http.url).toContain("/api/v1/devices/");
      expectNoSecret(error);
      const result = await client.testConnection();
      expect(result).toMatchObject({
        ok: false,
        reason: testReason,
        status: Number(kind),
        errorCode: code,
      });
      expect(JSON.stringify(result)).not.toContain(SECRET);
    },
  );

  it("a wrong token is invalid_token, and the token never appears", async () => {
    org = await startFakeOktaOrg({ count: 1 });
    const client = createOktaDeviceClient({
      baseUrl: org.baseUrl,
      auth: { apiToken: SECRET },
      allowInsecureHttp: true,
    });
    const result = await client.testConnection();
    expect(result).toMatchObject({ ok: false, reason: "invalid_token", status: 401 });
    if (result.ok) return;
    expect(result.message).toMatch(/token/);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    const error = await client.getDevice("x").catch((caught: unknown) => caught);
    expectNoSecret(error);
  });

  it("testConnection reads devices (limit=1), never users", async () => {
    org = await startFakeOktaOrg({ count: 3 });
    const result = await clientFor(org).testConnection();
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(org.requests.map((entry) => `${entry.path}?limit=${entry.query.limit}`)).toStrictEqual([
      "/api/v1/devices?limit=1",
    ]);
  });

  it("testConnection names rate limiting", async () => {
    org = await startFakeOktaOrg({ count: 1, faults: [{ kind: "concurrency-429" }] });
    const result = await clientFor(org, { rateLimit: { maxRateLimitRetries: 0 } }).testConnection();
    expect(result).toMatchObject({ ok: false, reason: "rate_limited", status: 429 });
  });

  it("an HTML page is an unexpected_response that points at the base URL", async () => {
    org = await startFakeOktaOrg({ count: 1, faults: [{ kind: "html" }] });
    const result = await clientFor(org).testConnection();
    expect(result).toMatchObject({ ok: false, reason: "unexpected_response" });
    if (!result.ok) expect(result.message).toMatch(/HTML.*baseUrl/);
  });

  it("a closed port is a network failure", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = createOktaDeviceClient({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { apiToken: SECRET },
      allowInsecureHttp: true,
      retry: { limit: 1, baseDelayMs: 1 },
    });
    const error = await client.getDevice("x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaNetworkError);
    expectNoSecret(error);
    expect(await client.testConnection()).toMatchObject({ ok: false, reason: "network" });
  });

  it("testOktaConnection reports a bad base URL or token as a result, not a throw", async () => {
    expect(
      await testOktaConnection({
        baseUrl: "https://acme-admin.okta.com",
        auth: { apiToken: SECRET },
      }),
    ).toMatchObject({
      ok: false,
      reason: "invalid_base_url",
    });
    const noToken = await testOktaConnection({
      baseUrl: "https://acme.okta.com",
      auth: { apiToken: "" },
    });
    expect(noToken).toMatchObject({ ok: false, reason: "invalid_token" });
  });

  it("rejects a token with a newline without echoing it", () => {
    const error = (() => {
      try {
        createOktaDeviceClient({
          baseUrl: "https://acme.okta.com",
          auth: { apiToken: `${SECRET}\n` },
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(OktaConfigError);
    expectNoSecret(error);
  });
});

describe("getDevice and listDeviceUsers", () => {
  it("read one device and its users", async () => {
    org = await startFakeOktaOrg({ count: 20, expand: "user" });
    const client = clientFor(org);
    const target = org.devices.find((device) => (device._embedded?.users?.length ?? 0) > 0);
    if (target === undefined) throw new Error("no device with users in the fixture");
    const device = await client.getDevice(target.id);
    expect(device.id).toBe(target.id);
    expect(device).not.toHaveProperty("_embedded");
    const users = await client.listDeviceUsers(target.id);
    expect(users.map((user) => user.user.id)).toStrictEqual(
      target._embedded?.users?.map((user) => user.user.id),
    );
  });

  it("send an access token as Bearer", async () => {
    org = await startFakeOktaOrg({ count: 2 });
    const token = org.token;
    const client = createOktaDeviceClient({
      baseUrl: org.baseUrl,
      auth: { accessToken: async () => token },
      allowInsecureHttp: true,
    });
    expect((await client.getDevice(org.devices[0]?.id ?? "")).id).toBe(org.devices[0]?.id);
    expect(org.requests[0]?.authScheme).toBe("Bearer");
  });
});
