import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createOktaDeviceClient,
  OktaNetworkError,
  testOktaConnection,
} from "../../src/client/index.js";

const TOKEN = "00network-cause-test-token-00000";

// A port nothing listens on: port 2, which needs privileges to listen on, is outside the
// ephemeral range listen(0) hands out, and is not one fetch refuses to try (1 and 9 are). A
// port bound then closed could be given to a server of a test file running alongside
// between the close and the connection.
const CLOSED_PORT = 2;

// undici's shape: TypeError("fetch failed") whose cause is the system error with its code.
function failingFetch(code: string, message: string): typeof fetch {
  return async () => {
    throw new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
  };
}

describe("a network failure names its cause", () => {
  it("regression: ECONNREFUSED is named in message, toJSON() and testConnection's message", async () => {
    const port = CLOSED_PORT;
    const client = createOktaDeviceClient({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { apiToken: TOKEN },
      allowInsecureHttp: true,
      retry: { limit: 0 },
    });
    const error = (await client
      .getDevice("d")
      .catch((caught: unknown) => caught)) as OktaNetworkError;
    expect(error).toBeInstanceOf(OktaNetworkError);
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toMatch(/: fetch failed$/);
    expect(error.toJSON()).toMatchObject({ code: "ECONNREFUSED", reason: "network" });
    expect(JSON.stringify(error)).toContain("ECONNREFUSED");
    const result = await client.testConnection();
    expect(result).toMatchObject({ ok: false, reason: "network" });
    expect(!result.ok && result.message).toMatch(/ECONNREFUSED.*check baseUrl/);
  });

  it("regression: a self-signed TLS certificate is named", async () => {
    const dir = mkdtempSync(join(tmpdir(), "okta-tls-"));
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=127.0.0.1",
          "-keyout",
          join(dir, "key.pem"),
          "-out",
          join(dir, "cert.pem"),
        ],
        { stdio: "ignore" },
      );
      const server = createServer(
        { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
        (_request, response) => {
          response.end("[]");
        },
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as AddressInfo).port;
      try {
        const result = await testOktaConnection({
          baseUrl: `https://127.0.0.1:${port}`,
          auth: { apiToken: TOKEN },
          retry: { limit: 0 },
        });
        expect(result).toMatchObject({ ok: false, reason: "network" });
        expect(!result.ok && result.message).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED/);
        expect(!result.ok && result.message).toMatch(/self-signed/);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["ENOTFOUND", "getaddrinfo ENOTFOUND acme.okta.com", /does not resolve/],
    ["ETIMEDOUT", "connect ETIMEDOUT 10.0.0.1:443", /timed out/],
    ["CERT_HAS_EXPIRED", "certificate has expired", /has expired/],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate", /self-signed/],
    [
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      "unable to verify the first certificate",
      /cannot be verified/,
    ],
  ])("regression: %s is named, with advice", async (code, message, advice) => {
    const result = await testOktaConnection({
      baseUrl: "https://acme.okta.com",
      auth: { apiToken: TOKEN },
      fetch: failingFetch(code, message),
      retry: { limit: 0 },
    });
    expect(result).toMatchObject({ ok: false, reason: "network" });
    expect(!result.ok && result.message).toContain(code);
    expect(!result.ok && result.message).toMatch(advice);
  });

  it("property: any code and message in the cause chain (AggregateErrors included) reach message and toJSON()", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Z][A-Z0-9_]{2,30}$/),
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        async (code, text, depth, aggregate) => {
          let cause: Error = Object.assign(new Error(text), { code });
          // Also inside an AggregateError (each address of a host failing) that has no code.
          if (aggregate) cause = new AggregateError([cause, new Error("other address")], "");
          for (let level = 0; level < depth; level++) cause = new Error("wrapper", { cause });
          const fetch: typeof globalThis.fetch = async () => {
            throw new TypeError("fetch failed", { cause });
          };
          const client = createOktaDeviceClient({
            baseUrl: "https://acme.okta.com",
            auth: { apiToken: TOKEN },
            fetch,
            retry: { limit: 0 },
          });
          const error = (await client
            .getDevice("d")
            .catch((caught: unknown) => caught)) as OktaNetworkError;
          expect(error).toBeInstanceOf(OktaNetworkError);
          expect(error.code).toBe(code);
          expect(error.message).toContain(code);
          expect(error.toJSON().code).toBe(code);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("a bad private key gets a result, not a throw", () => {
  it("regression: an RSA key under 2048 bits makes testConnection return invalid_client with what to fix", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    for (const key of [
      privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      { ...privateKey.export({ format: "jwk" }), kty: "RSA" },
    ]) {
      const result = await testOktaConnection({
        baseUrl: "https://acme.okta.com",
        auth: { oauth: { clientId: "0oa-small-key", privateKey: key as string } },
        fetch: async () => {
          throw new Error("no request may be sent with a refused key");
        },
      });
      expect(result).toMatchObject({ ok: false, reason: "invalid_client" });
      expect(!result.ok && result.message).toMatch(
        /RSA key of 1024 bits; Okta requires at least 2048/,
      );
    }
  });
});

describe("bad private keys (fuzz)", () => {
  it("property: any unusable key gives { ok: false, reason: invalid_client } with advice, never a throw", async () => {
    const small = [512, 1024, 1536].map((modulusLength) =>
      generateKeyPairSync("rsa", { modulusLength })
        .privateKey.export({ format: "pem", type: "pkcs8" })
        .toString(),
    );
    const junkJwk = fc.record({
      kty: fc.constantFrom("RSA", "EC", "oct", "OKP", "x"),
      crv: fc.constantFrom("P-256", "P-384", "Ed25519", "x"),
      d: fc.base64String(),
      n: fc.base64String(),
      e: fc.constantFrom("AQAB", ""),
      x: fc.base64String(),
      y: fc.base64String(),
    });
    const key = fc.oneof(
      fc.constantFrom(...small),
      fc.string(),
      fc.string().map((body) => `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`),
      fc.constantFrom("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", ""),
      junkJwk,
      fc.constantFrom(null, 42, [], {}),
    );
    await fc.assert(
      fc.asyncProperty(key, async (privateKey) => {
        const result = await testOktaConnection({
          baseUrl: "https://acme.okta.com",
          auth: { oauth: { clientId: "0oa-bad-key", privateKey: privateKey as string } },
          fetch: async () => {
            throw new Error("no request may be sent with an unusable key");
          },
        });
        expect(result).toMatchObject({ ok: false, reason: "invalid_client" });
        expect(!result.ok && result.message).toMatch(/privateKey/);
      }),
      { numRuns: 60 },
    );
  });
});

describe("an AggregateError cause (attack on issue 12 §9)", () => {
  it("regression: the system code inside an AggregateError without its own code is named", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED ::1:443"), {
      code: "ECONNREFUSED",
    });
    const client = createOktaDeviceClient({
      baseUrl: "https://acme.okta.com",
      auth: { apiToken: "00aggregate-cause-test-token" },
      retry: { limit: 0 },
      fetch: async () => {
        throw new TypeError("fetch failed", {
          cause: new AggregateError([refused, new Error("connect ECONNREFUSED 1.2.3.4:443")], ""),
        });
      },
    });
    const error = await client.getDevice("guo1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaNetworkError);
    expect((error as OktaNetworkError).code).toBe("ECONNREFUSED");
    expect((error as Error).message).toContain("connect ECONNREFUSED ::1:443");
    expect((error as Error).message).toContain("nothing accepts connections there");
  });
});
