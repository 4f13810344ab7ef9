import { generateKeyPairSync } from "node:crypto";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  createOktaDeviceClient,
  OktaResponseError,
  testOktaConnection,
} from "../../src/client/index.js";
import { NUMBER_OPTIONS } from "../../src/client/options.js";
import { collect } from "./helpers.js";
import { type ScriptedServer, startServer } from "./servers.js";

const TOKEN = "00body-cap-test-token-0000000000";
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("response bodies are capped while they are read", () => {
  it("regression: a 4 MB gzip body that inflates to 4 GiB fails fast with a clear error, memory bounded", async () => {
    // One gzip member of 64 MiB of zeros (about 64 KB), sent 64 times: 4 GiB once inflated.
    const member = gzipSync(Buffer.alloc(64 * 2 ** 20), { level: 9 });
    let membersSent = 0;
    server = await startServer((_request, response) => {
      response.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
      const writeMore = () => {
        while (membersSent < 64 && !response.destroyed) {
          membersSent++;
          if (!response.write(member)) {
            response.once("drain", writeMore);
            return;
          }
        }
        if (membersSent >= 64) response.end();
      };
      writeMore();
    });
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      auth: { apiToken: TOKEN },
      allowInsecureHttp: true,
      timeoutMs: 120_000,
    });
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const error = await collect(client.listDevices()).catch((caught: unknown) => caught);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(OktaResponseError);
    expect((error as OktaResponseError).message).toMatch(
      /exceeds maxResponseBytes \(67108864 bytes once decoded\)/,
    );
    // Not retried: a body too large stays too large.
    expect(server.requests).toHaveLength(1);
    // The client stopped reading: the server could not send the whole bomb.
    expect(membersSent).toBeLessThan(64);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(1024 * 2 ** 20);
    expect(elapsed).toBeLessThan(60_000);
  }, 120_000);

  it("refuses a body whose Content-Length is over the cap before reading it", async () => {
    server = await startServer((_request, response) => {
      const body = `[${" ".repeat(5000)}]`;
      response.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Length": body.length,
      });
      response.end(body);
    });
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      auth: { apiToken: TOKEN },
      allowInsecureHttp: true,
      maxResponseBytes: 4096,
    });
    const result = await client.testConnection();
    expect(result).toMatchObject({ ok: false, reason: "unexpected_response" });
    expect(!result.ok && result.message).toMatch(/maxResponseBytes \(4096 bytes/);
  });

  it("the default fits Okta's largest pages with room to spare", () => {
    // 200 devices with expand=user measured at about 0.55 MB (test/testing generator).
    expect(NUMBER_OPTIONS.maxResponseBytes.fallback).toBeGreaterThanOrEqual(100 * 550_000);
  });

  it("property: a body is read exactly when its decoded size is at most maxResponseBytes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1024, max: 8192 }),
        fc.integer({ min: -50, max: 50 }),
        fc.boolean(),
        async (max, offset, chunked) => {
          const size = Math.max(2, max + offset);
          const text = `[${" ".repeat(size - 2)}]`;
          const bytes = new TextEncoder().encode(text);
          const fetch = async () => {
            const body = chunked
              ? new ReadableStream<Uint8Array>({
                  start(controller) {
                    for (let at = 0; at < bytes.length; at += 700)
                      controller.enqueue(bytes.slice(at, at + 700));
                    controller.close();
                  },
                })
              : bytes;
            return new Response(body, { headers: { "content-type": "application/json" } });
          };
          const client = createOktaDeviceClient({
            baseUrl: "https://acme.okta.com",
            auth: { apiToken: TOKEN },
            fetch,
            maxResponseBytes: max,
          });
          const outcome = await client.listDeviceUsers("d").then(
            (users) => users.length,
            (error: unknown) => error,
          );
          if (size <= max) expect(outcome).toBe(0);
          else expect(outcome).toBeInstanceOf(OktaResponseError);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("caps the token endpoint's answer too", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const fetch = async () =>
      new Response(`{"padding":"${"x".repeat(10_000)}"}`, {
        headers: { "content-type": "application/json" },
      });
    const result = await testOktaConnection({
      baseUrl: "https://acme.okta.com",
      auth: {
        oauth: {
          clientId: "0oa-body-cap",
          privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
        },
      },
      fetch,
      maxResponseBytes: 4096,
    });
    expect(result).toMatchObject({ ok: false, reason: "unexpected_response" });
    expect(!result.ok && result.message).toMatch(
      /POST https:\/\/acme\.okta\.com\/oauth2\/v1\/token exceeds maxResponseBytes/,
    );
  });
});
