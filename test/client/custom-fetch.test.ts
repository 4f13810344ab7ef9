// A custom `fetch` option and the caller's signal, for Okta API GETs (sent without ky since
// the listing-overhead change): what a custom fetch receives, and aborts that land while the
// auth headers are being made.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  createOktaDeviceClient,
  OktaConfigError,
  OktaNetworkError,
} from "../../src/client/index.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { clientFor, collect } from "./helpers.js";

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

describe("a custom fetch gets the whole request", () => {
  it("regression: a fetch that forwards only its first argument still sends the token, Accept and User-Agent", async () => {
    org = await startFakeOktaOrg({ count: 3 });
    const seen: Request[] = [];
    // Valid for OAuth token requests (ky hands over a Request) and for API GETs before the
    // change: everything about the request is in the Request.
    const oneArgument = (async (input: Request) => {
      seen.push(input);
      return globalThis.fetch(input);
    }) as unknown as typeof fetch;
    const client = clientFor(org, {
      fetch: oneArgument,
      userAgent: "probe/1",
      retry: { limit: 0 },
    });
    const devices = await collect(client.listDevices());
    expect(devices.map((device) => device.id)).toStrictEqual(org.devices.map((d) => d.id));
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      expect(request).toBeInstanceOf(Request);
      expect(request.method).toBe("GET");
      expect(request.headers.get("authorization")).toBe(`SSWS ${org.token}`);
      expect(request.headers.get("accept")).toBe("application/json");
      expect(request.headers.get("user-agent")).toBe("probe/1");
      expect(request.redirect).toBe("manual");
      expect(request.signal).toBeInstanceOf(AbortSignal);
    }
  });

  it("regression: the per-attempt timeout reaches a fetch that forwards only its Request", async () => {
    let signal: AbortSignal | undefined;
    // Hangs until the Request's own signal fires, as a real fetch does on a silent server.
    const hanging = ((input: Request) => {
      signal = input.signal;
      return new Promise<Response>((_resolve, reject) => {
        input.signal.addEventListener("abort", () => reject(input.signal.reason), { once: true });
      });
    }) as unknown as typeof fetch;
    const client = createOktaDeviceClient({
      baseUrl: "https://acme.okta.com",
      auth: { apiToken: "00custom-fetch-timeout-token-000" },
      fetch: hanging,
      timeoutMs: 50,
      retry: { limit: 0 },
    });
    const error = await client.getDevice("d1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "OktaTimeoutError", code: "ETIMEDOUT" });
    expect(signal?.aborted).toBe(true);
  });

  it("the default fetch is called as fetch(url, init) with every header", async () => {
    org = await startFakeOktaOrg({ count: 1 });
    const calls: { input: unknown; init: RequestInit | undefined }[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (input: string, init?: RequestInit) => {
      calls.push({ input, init });
      return original(input, init);
    }) as typeof fetch;
    try {
      const client = clientFor(org, { userAgent: "probe/2" });
      await client.getDevice(org.devices[0]?.id ?? "");
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toHaveLength(1);
    expect(typeof calls[0]?.input).toBe("string");
    expect(calls[0]?.init).toMatchObject({
      method: "GET",
      redirect: "manual",
      headers: {
        Accept: "application/json",
        Authorization: `SSWS ${org.token}`,
        "User-Agent": "probe/2",
      },
    });
  });
});

describe("an abort while the auth headers are made", () => {
  it("regression: the GET is not sent with a live signal; the caller's reason is thrown", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped by the caller");
    const sent: boolean[] = [];
    const fetchStub = (async (input: string | Request, init?: RequestInit) => {
      const signal = input instanceof Request ? input.signal : init?.signal;
      sent.push(signal?.aborted === true);
      if (signal?.aborted) throw signal.reason;
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    }) as unknown as typeof fetch;
    const client = createOktaDeviceClient({
      baseUrl: "https://acme.okta.com",
      // The token function resolves after the caller aborted (it ignores the signal).
      auth: {
        accessToken: async () => {
          controller.abort(reason);
          return "eyJ.custom-fetch-abort-token.sig";
        },
      },
      fetch: fetchStub,
      retry: { limit: 0 },
    });
    const error = await client
      .getDevice("d1", { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBe(reason);
    // Either never sent, or sent already aborted: never a request the caller cannot stop.
    expect(sent.every((aborted) => aborted)).toBe(true);
  });
});

describe("a custom fetch that misbehaves", () => {
  it("a synchronous throw is a network error naming it, without the token", async () => {
    const token = "00custom-fetch-sync-throw-token0";
    const throwing = (() => {
      throw new TypeError(`no route (Authorization: SSWS ${token})`);
    }) as unknown as typeof fetch;
    const client = createOktaDeviceClient({
      baseUrl: "https://acme.okta.com",
      auth: { apiToken: token },
      fetch: throwing,
      retry: { limit: 0 },
    });
    const error = await client.getDevice("d1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaNetworkError);
    expect((error as Error).message).toMatch(/no route/);
    const { inspect } = await import("node:util");
    expect(inspect(error, { depth: 10 })).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });
});

describe("a custom fetch that answers something other than a Response", () => {
  it.each<[string, unknown]>([
    ["an empty object", {}],
    ["undefined", undefined],
    ["a status without headers", { status: 200, body: null }],
  ])(
    "regression: %s fails at once with a config error naming the fetch option",
    async (_name, answer) => {
      let calls = 0;
      const client = createOktaDeviceClient({
        baseUrl: "https://acme.okta.com",
        auth: { apiToken: "00custom-fetch-shape-token-00000" },
        fetch: (async () => {
          calls++;
          return answer;
        }) as unknown as typeof fetch,
        retry: { baseDelayMs: 1, maxDelayMs: 2 },
      });
      const error = await client.getDevice("d1").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OktaConfigError);
      expect(error).toMatchObject({ reason: "invalid_options", method: "GET" });
      expect((error as Error).message).toMatch(/fetch option did not return a Response/);
      expect(calls).toBe(1);
    },
  );

  it("a Response-like object from another implementation is read", async () => {
    const real = new Response(JSON.stringify({ id: "d1" }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
    const lookalike = { status: real.status, ok: real.ok, headers: real.headers, body: real.body };
    const client = createOktaDeviceClient({
      baseUrl: "https://acme.okta.com",
      auth: { apiToken: "00custom-fetch-shape-token-00000" },
      fetch: (async () => lookalike) as unknown as typeof fetch,
    });
    await expect(client.getDevice("d1")).resolves.toMatchObject({ id: "d1" });
  });
});

describe("a custom fetch that ignores its signal (every wait has a bound)", () => {
  const token = "00custom-fetch-deaf-token-000000";
  const deafClient = (fetch: unknown, extra: Record<string, unknown> = {}) =>
    createOktaDeviceClient({
      baseUrl: "https://acme.okta.com",
      auth: { apiToken: token },
      fetch: fetch as typeof globalThis.fetch,
      timeoutMs: 100,
      retry: { limit: 0 },
      ...extra,
    });

  it("regression: a fetch that never settles fails with OktaTimeoutError after timeoutMs", async () => {
    const client = deafClient(() => new Promise(() => undefined));
    const started = Date.now();
    const error = await client.getDevice("d1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "OktaTimeoutError", code: "ETIMEDOUT", method: "GET" });
    expect((error as Error).message).toMatch(/within 100 ms/);
    // A safety bound only (the machine may be slow): without the fix this never settles.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("regression: a body that never ends and ignores cancel fails with OktaTimeoutError", async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":'));
      },
      pull() {
        pulls++;
        return new Promise(() => undefined);
      },
      cancel() {
        return new Promise(() => undefined);
      },
    });
    const client = deafClient(async () => new Response(endless, { status: 200 }));
    const error = await client.getDevice("d1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "OktaTimeoutError", code: "ETIMEDOUT" });
    expect(pulls).toBeGreaterThan(0);
  });

  it("the caller's abort ends a fetch that never settles, with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped by the caller");
    const client = deafClient(() => new Promise(() => undefined), { timeoutMs: 60_000 });
    const pending = client.getDevice("d1", { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });

  it("a response that comes after the timeout has its body cancelled, not left open", async () => {
    let cancelled = false;
    let answer: ((response: Response) => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const client = deafClient(() => new Promise<Response>((resolve) => (answer = resolve)));
    const error = await client.getDevice("d1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "OktaTimeoutError" });
    answer?.(new Response(body, { status: 200 }));
    await new Promise((done) => setTimeout(done, 10));
    expect(cancelled).toBe(true);
  });

  it("a listing retries a fetch that never settles as a timeout, then lists every device", async () => {
    org = await startFakeOktaOrg({ count: 5 });
    let calls = 0;
    const sometimesDeaf = ((input: Request) => {
      calls++;
      return calls === 1 ? new Promise(() => undefined) : globalThis.fetch(input);
    }) as unknown as typeof fetch;
    const client = clientFor(org, {
      fetch: sometimesDeaf,
      timeoutMs: 100,
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const devices = await collect(client.listDevices());
    expect(devices.map((device) => device.id)).toStrictEqual(org.devices.map((d) => d.id));
    expect(calls).toBeGreaterThan(1);
  });
});

describe("an accessToken function that never answers (every wait has a bound)", () => {
  it("fails the attempt with OktaTimeoutError after timeoutMs, retried like a timeout", async () => {
    org = await startFakeOktaOrg({ count: 3 });
    let calls = 0;
    const client = createOktaDeviceClient({
      baseUrl: org.baseUrl,
      allowInsecureHttp: true,
      auth: {
        accessToken: () => {
          calls++;
          return calls === 1 ? new Promise<string>(() => undefined) : (org as FakeOktaOrg).token;
        },
      },
      timeoutMs: 100,
      retry: { limit: 0 },
    });
    const error = await client.getDevice(org.devices[0]?.id ?? "").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "OktaTimeoutError", code: "ETIMEDOUT", method: "GET" });
    expect((error as Error).message).toMatch(/auth\.accessToken\(\) gave no token within 100 ms/);
    const retrying = createOktaDeviceClient({
      baseUrl: org.baseUrl,
      allowInsecureHttp: true,
      auth: {
        accessToken: () => {
          calls++;
          return calls === 2 ? new Promise<string>(() => undefined) : (org as FakeOktaOrg).token;
        },
      },
      timeoutMs: 100,
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const devices = await collect(retrying.listDevices());
    expect(devices.length).toBe(3);
  });

  it("the caller's abort ends the wait at once, with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped by the caller");
    const client = createOktaDeviceClient({
      baseUrl: "https://acme.okta.com",
      auth: { accessToken: () => new Promise<string>(() => undefined) },
      timeoutMs: 60_000,
      retry: { limit: 0 },
    });
    const pending = client.getDevice("d1", { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });
});

describe("a wait on a custom fetch that holds nothing open (a process of its own)", () => {
  // The built client in a fresh process, where nothing but the client's own timer keeps the
  // process alive: the wait must end as a timeout, not with the process exiting mid-request.
  const run = (auth: string) =>
    execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { createOktaDeviceClient } from ${JSON.stringify(pathToFileURL(resolve("dist/client/index.js")).href)};
const client = createOktaDeviceClient({ baseUrl: "https://acme.okta.com", auth: ${auth},
  fetch: () => new Promise(() => {}), timeoutMs: 50, retry: { limit: 0 } });
try { await client.getDevice("d1"); console.log("answered"); }
catch (error) { console.log(error.name, error.code); }`,
      ],
      { encoding: "utf8", timeout: 60_000 },
    ).trim();

  it.each([
    [
      "an API GET",
      '{ apiToken: "00custom-fetch-process-token-0000" }',
      "OktaTimeoutError ETIMEDOUT",
    ],
    [
      "an accessToken function",
      "{ accessToken: () => new Promise(() => {}) }",
      "OktaTimeoutError ETIMEDOUT",
    ],
  ])("%s ends as a timeout", (_name, auth, expected) => {
    expect(run(auth)).toBe(expected);
  });
});
