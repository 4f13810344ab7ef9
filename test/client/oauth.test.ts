import { generateKeyPairSync, type JsonWebKey } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  createOktaDeviceClient,
  type OAuthServiceAppOptions,
  OktaOAuthError,
  testOktaConnection,
} from "../../src/client/index.js";
import {
  type FakeOktaOrg,
  type FakeOrgOAuthOptions,
  startFakeOktaOrg,
} from "../../src/testing/index.js";
import { collect } from "./helpers.js";
import { type ScriptedServer, sendJson, startServer } from "./servers.js";

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const rsaPrivateJwk = { ...(rsa.privateKey.export({ format: "jwk" }) as JsonWebKey), kid: "key-1" };
const rsaPublicJwk = rsa.publicKey.export({ format: "jwk" }) as JsonWebKey;
const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
const ecPrivatePem = ec.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
const ecPublicPem = ec.publicKey.export({ format: "pem", type: "spki" }).toString();
const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const otherPrivateJwk = otherKey.privateKey.export({ format: "jwk" }) as JsonWebKey;

const CLIENT_ID = "0oa1serviceapp000001";
let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function orgWith(oauth: Partial<FakeOrgOAuthOptions>, count = 450) {
  org = await startFakeOktaOrg({
    count,
    oauth: { clientId: CLIENT_ID, publicKey: rsaPublicJwk, keyId: "key-1", ...oauth },
  });
  return org;
}

function oauthClient(target: FakeOktaOrg, oauth: Partial<OAuthServiceAppOptions> = {}) {
  return createOktaDeviceClient({
    baseUrl: target.baseUrl,
    auth: { oauth: { clientId: CLIENT_ID, privateKey: rsaPrivateJwk as never, ...oauth } },
    allowInsecureHttp: true,
    retry: { baseDelayMs: 5 },
  });
}

function secretsOf(value: unknown): string {
  return (
    JSON.stringify(value) +
    String((value as Error)?.stack ?? "") +
    String((value as Error)?.message ?? "")
  );
}

describe("OAuth 2.0 service app", () => {
  it("lists devices with a Bearer token from a private_key_jwt assertion (RSA JWK, kid)", async () => {
    const target = await orgWith({});
    const devices = await collect(oauthClient(target).listDevices());
    expect(devices).toHaveLength(450);
    expect(target.oauth?.stats.tokensIssued).toBe(1);
    const api = target.requests.filter((entry) => entry.path.startsWith("/api/"));
    expect(api.every((entry) => entry.authScheme === "Bearer")).toBe(true);
    const tokenRequests = target.requests.filter((entry) => entry.path === "/oauth2/v1/token");
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.authScheme).toBe("none");
  });

  it("turns DPoP on when the server requires it, and proves every call", async () => {
    const target = await orgWith({ requireDpop: true });
    const devices = await collect(oauthClient(target).listDevices({ expand: "user" }));
    expect(devices).toHaveLength(450);
    const api = target.requests.filter((entry) => entry.path.startsWith("/api/"));
    expect(api.map((entry) => `${entry.authScheme} ${entry.status}`)).toStrictEqual([
      "DPoP 200",
      "DPoP 200",
      "DPoP 200",
    ]);
    // One refusal without a proof, then the DPoP token.
    expect(
      target.requests
        .filter((entry) => entry.path === "/oauth2/v1/token")
        .map((entry) => entry.status),
    ).toStrictEqual([400, 200]);
  });

  it("does the use_dpop_nonce dance on the token endpoint and on API calls (EC PEM key)", async () => {
    org = await startFakeOktaOrg({
      count: 450,
      oauth: { clientId: CLIENT_ID, publicKey: ecPublicPem, requireDpop: true, dpopNonce: "both" },
    });
    const client = oauthClient(org, { privateKey: ecPrivatePem, dpop: true });
    expect(await collect(client.listDevices())).toHaveLength(450);
    expect(org.oauth?.stats.nonceChallenges).toBe(2);
    expect(org.requests.map((entry) => `${entry.path} ${entry.status}`)).toStrictEqual([
      "/oauth2/v1/token 400",
      "/oauth2/v1/token 200",
      "/api/v1/devices 401",
      "/api/v1/devices 200",
      "/api/v1/devices 200",
      "/api/v1/devices 200",
    ]);
  });

  it("a wrong key is invalid_client, with Okta's error and no key material", async () => {
    const target = await orgWith({});
    const client = oauthClient(target, { privateKey: otherPrivateJwk as never, keyId: "key-1" });
    const error = await collect(client.listDevices()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaOAuthError);
    expect(error).toMatchObject({ reason: "invalid_client", error: "invalid_client", status: 401 });
    expect((error as Error).message).toMatch(/signature is invalid/);
    const text = secretsOf(error);
    expect(text).not.toContain(String(otherPrivateJwk.d));
    expect(await client.testConnection()).toMatchObject({ ok: false, reason: "invalid_client" });
  });

  it("a scope the app was not granted is invalid_scope", async () => {
    const target = await orgWith({ scopes: ["okta.users.read"] });
    const result = await oauthClient(target).testConnection();
    expect(result).toMatchObject({ ok: false, reason: "invalid_scope", status: 400 });
  });

  it("refusing DPoP where the app requires it is a dpop_error", async () => {
    const target = await orgWith({ requireDpop: true });
    expect(await oauthClient(target, { dpop: false }).testConnection()).toMatchObject({
      ok: false,
      reason: "dpop_error",
    });
  });

  it("shares one token request among concurrent listings, and refreshes once after expiry", async () => {
    const target = await orgWith({ requireDpop: true }, 1000);
    const client = oauthClient(target);
    let expired = false;
    const listing = async () => {
      let count = 0;
      for await (const _device of client.listDevices()) {
        if (++count === 250 && !expired) {
          expired = true;
          target.oauth?.expireTokens();
        }
      }
      return count;
    };
    expect(await Promise.all([listing(), listing(), listing()])).toStrictEqual([1000, 1000, 1000]);
    expect(target.oauth?.stats.tokensIssued).toBe(2);
  });

  it("the fake rejects a replayed client assertion", async () => {
    const target = await orgWith({});
    const tokenRequests: string[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.url.endsWith("/oauth2/v1/token"))
        tokenRequests.push(await request.clone().text());
      return fetch(request);
    };
    const client = createOktaDeviceClient({
      baseUrl: target.baseUrl,
      auth: { oauth: { clientId: CLIENT_ID, privateKey: rsaPrivateJwk as never } },
      allowInsecureHttp: true,
      fetch: recordingFetch,
    });
    expect((await client.testConnection()).ok).toBe(true);
    const replay = await fetch(`${target.baseUrl}/oauth2/v1/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: tokenRequests[0] ?? "",
    });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({
      error: "invalid_client",
      error_description: expect.stringMatching(/jti/),
    });
    expect(target.oauth?.stats.replaysRejected).toBe(1);
  });

  it("rejects an unusable private key at the first request, without echoing it", async () => {
    const result = await testOktaConnection({
      baseUrl: "https://acme.okta.com",
      auth: {
        oauth: {
          clientId: CLIENT_ID,
          privateKey:
            "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34\n-----END RSA PRIVATE KEY-----",
        },
      },
    });
    expect(result).toMatchObject({ ok: false, reason: "invalid_client" });
    if (!result.ok) {
      expect(result.message).toMatch(/PKCS#8/);
      expect(result.message).not.toContain("MIIBOgIBAAJBAKj34");
    }
  });
});

describe("token refresh under concurrency (the flaky 'shares one token request' run)", () => {
  let scripted: ScriptedServer | undefined;
  afterEach(async () => {
    await scripted?.close();
    scripted = undefined;
  });

  it("regression: a late 401 for the old token does not throw away the token already refreshed", async () => {
    // Two requests go out with token-1. The first 401s at once and refreshes to token-2; the
    // second's 401 is held until token-2 has been used, as a busy machine delays it. That
    // late 401 must not drop token-2: exactly 2 tokens, not 3.
    let issued = 0;
    let release: (() => void) | undefined;
    const refreshed = new Promise<void>((resolve) => {
      release = resolve;
    });
    scripted = await startServer((request, response) => {
      const path = request.url ?? "";
      if (path === "/oauth2/v1/token") {
        issued++;
        request.resume();
        request.on("end", () =>
          sendJson(response, 200, {
            token_type: "Bearer",
            expires_in: 3600,
            access_token: `token-${issued}-${"x".repeat(24)}`,
          }),
        );
        return;
      }
      const id = path.split("/").at(-1) ?? "";
      const refuse = () =>
        sendJson(
          response,
          401,
          { errorCode: "E0000011", errorSummary: "Invalid token provided" },
          { "WWW-Authenticate": 'Bearer error="invalid_token"' },
        );
      if (request.headers.authorization?.startsWith("Bearer token-1-")) {
        if (id === "late") void refreshed.then(refuse);
        else refuse();
        return;
      }
      sendJson(response, 200, { id, status: "ACTIVE" });
      if (id === "first") release?.();
    });
    const client = createOktaDeviceClient({
      baseUrl: scripted.baseUrl,
      auth: { oauth: { clientId: CLIENT_ID, privateKey: rsaPrivateJwk as never, dpop: false } },
      allowInsecureHttp: true,
    });
    const devices = await Promise.all([client.getDevice("first"), client.getDevice("late")]);
    expect(devices.map((device) => device.id)).toStrictEqual(["first", "late"]);
    expect(issued).toBe(2);
  });

  it("property: however the 401s of N concurrent requests with an expired token interleave, one refresh", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 20 }), { minLength: 2, maxLength: 6 }),
        async (delays) => {
          await scripted?.close();
          let issued = 0;
          scripted = await startServer((request, response) => {
            const path = request.url ?? "";
            if (path === "/oauth2/v1/token") {
              issued++;
              request.resume();
              request.on("end", () =>
                sendJson(response, 200, {
                  token_type: "Bearer",
                  expires_in: 3600,
                  access_token: `token-${issued}-${"y".repeat(24)}`,
                }),
              );
              return;
            }
            const index = Number(path.split("-").at(-1));
            if (request.headers.authorization?.startsWith("Bearer token-1-")) {
              setTimeout(
                () => sendJson(response, 401, { errorCode: "E0000011", errorSummary: "expired" }),
                delays[index] ?? 0,
              );
              return;
            }
            sendJson(response, 200, { id: `d-${index}`, status: "ACTIVE" });
          });
          const client = createOktaDeviceClient({
            baseUrl: scripted.baseUrl,
            auth: {
              oauth: { clientId: CLIENT_ID, privateKey: rsaPrivateJwk as never, dpop: false },
            },
            allowInsecureHttp: true,
          });
          await Promise.all(delays.map((_delay, index) => client.getDevice(`d-${index}`)));
          expect(issued).toBe(2);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("the token request, with a custom fetch that ignores its signal (every wait has a bound)", () => {
  const oauthClient = (fetch: (input: Request) => Promise<Response>) =>
    createOktaDeviceClient({
      baseUrl: "https://acme.okta.com",
      auth: { oauth: { clientId: CLIENT_ID, privateKey: rsaPrivateJwk as never, dpop: false } },
      fetch: fetch as unknown as typeof globalThis.fetch,
      timeoutMs: 100,
      retry: { limit: 0 },
    });

  it("regression: a token answer whose body never ends fails after timeoutMs, naming the endpoint", async () => {
    let apiCalls = 0;
    const client = oauthClient(async (input) => {
      if (!input.url.endsWith("/oauth2/v1/token")) {
        apiCalls++;
        return new Response("{}", { status: 200 });
      }
      const endless = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"token_type":'));
        },
        pull: () => new Promise(() => undefined),
        cancel: () => new Promise(() => undefined),
      });
      return new Response(endless, { status: 200 });
    });
    const error = await client.getDevice("d1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "OktaNetworkError", code: "ETIMEDOUT", method: "POST" });
    expect((error as Error).message).toMatch(
      /token endpoint https:\/\/acme\.okta\.com\/oauth2\/v1\/token: no complete answer within 100 ms/,
    );
    expect(apiCalls).toBe(0);
  });

  it("a token fetch that never settles fails after timeoutMs the same way", async () => {
    const client = oauthClient(() => new Promise(() => undefined));
    const error = await client.getDevice("d1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "OktaNetworkError", code: "ETIMEDOUT", method: "POST" });
    expect((error as Error).message).toMatch(/no complete answer within 100 ms/);
  });
});

describe("a token answer that comes after timeoutMs", () => {
  it("regression: has its body cancelled, not left open (ky's timeout let it go unread)", async () => {
    let cancelled = false;
    let answer: ((response: Response) => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const client = createOktaDeviceClient({
      baseUrl: "https://acme.okta.com",
      auth: { oauth: { clientId: CLIENT_ID, privateKey: rsaPrivateJwk as never, dpop: false } },
      fetch: (() => new Promise<Response>((resolve) => (answer = resolve))) as typeof fetch,
      timeoutMs: 100,
      retry: { limit: 0 },
    });
    const error = await client.getDevice("d1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "OktaNetworkError", code: "ETIMEDOUT", method: "POST" });
    answer?.(new Response(body, { status: 200 }));
    await new Promise((done) => setTimeout(done, 20));
    expect(cancelled).toBe(true);
  });
});
