// One attempt's waits on the caller's signal: each in-flight request holds at most one abort
// listener on it, so that a caller running several requests under one signal does not get a
// MaxListenersExceededWarning (Node warns past 10) sooner than it must.
import { generateKeyPairSync } from "node:crypto";
import { getEventListeners } from "node:events";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createOktaDeviceClient } from "../../src/client/index.js";

const TOKEN = "00transport-listeners-token-00000";
const device = JSON.stringify({ id: "d1" });
const tick = () => new Promise((done) => setTimeout(done, 5));
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const rsaPrivatePem = rsa.privateKey.export({ format: "pem", type: "pkcs8" }).toString();

// `n` requests under one signal whose auth headers wait on `release`; how many abort
// listeners the signal holds while they wait, and after.
async function listenersWhileWaiting(n: number, kind: "accessToken" | "oauth" = "accessToken") {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((done) => (release = done));
  const controller = new AbortController();
  // For OAuth the wait is a slow token endpoint, shared by the n requests.
  const answer = async (input: Request) => {
    if (!input.url.endsWith("/oauth2/v1/token")) return new Response(device, { status: 200 });
    await gate;
    const token = { access_token: TOKEN, token_type: "Bearer", expires_in: 3600 };
    return new Response(JSON.stringify(token), { status: 200 });
  };
  const client = createOktaDeviceClient({
    baseUrl: "https://acme.okta.com",
    auth:
      kind === "oauth"
        ? { oauth: { clientId: "0oa1serviceapp000001", privateKey: rsaPrivatePem, dpop: false } }
        : { accessToken: () => gate.then(() => TOKEN) },
    fetch: answer as unknown as typeof fetch,
    timeoutMs: 60_000,
    retry: { limit: 0 },
  });
  const pending = Promise.all(
    Array.from({ length: n }, () => client.getDevice("d1", { signal: controller.signal })),
  );
  await tick();
  const waiting = getEventListeners(controller.signal, "abort").length;
  release();
  await pending;
  return { waiting, after: getEventListeners(controller.signal, "abort").length };
}

describe("abort listeners on the caller's signal", () => {
  it("regression: a request waiting for an accessToken function holds one listener, not two", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      // 6 requests held 12 listeners (the attempt's race and the token function's): a warning.
      expect(await listenersWhileWaiting(6)).toStrictEqual({ waiting: 6, after: 0 });
      await tick();
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toStrictEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("requests waiting for a slow OAuth token endpoint hold one listener each", async () => {
    expect(await listenersWhileWaiting(6, "oauth")).toStrictEqual({ waiting: 6, after: 0 });
  });

  it("property: n requests waiting for their auth headers hold n listeners, none after (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), async (n) => {
        expect(await listenersWhileWaiting(n)).toStrictEqual({ waiting: n, after: 0 });
      }),
      { numRuns: 15 },
    );
  });
});
