import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  createOktaDeviceClient,
  OktaHTTPError,
  type RateLimitWaitInfo,
} from "../../src/client/index.js";
import { MAX_PACING_WAITS } from "../../src/client/rate-limit.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { clientFor, collect } from "./helpers.js";
import { type ScriptedServer, sendJson, startServer } from "./servers.js";

let server: ScriptedServer | undefined;
let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await server?.close();
  await org?.close();
  server = undefined;
  org = undefined;
});

const TOKEN = "00rate-limit-test-token-0000000000";

function clientOf(baseUrl: string, rateLimit = {}) {
  return createOktaDeviceClient({
    baseUrl,
    auth: { apiToken: TOKEN },
    allowInsecureHttp: true,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    rateLimit: { jitterMs: 5, ...rateLimit },
    timeoutMs: 5000,
  });
}

describe("rate-limit waits", () => {
  it("regression: a 429 with Reset now+12 and now+10 (two Limits and Remainings) waits about 10 s and completes", async () => {
    let firstAt = 0;
    let secondAt = 0;
    server = await startServer((_request, response, count) => {
      const now = Date.now();
      const seconds = Math.floor(now / 1000);
      if (count === 1) {
        firstAt = now;
        sendJson(
          response,
          429,
          { errorCode: "E0000047", errorSummary: "API call exceeded rate limit" },
          {
            Date: new Date(now).toUTCString(),
            "X-Rate-Limit-Limit": ["100", "50"],
            "X-Rate-Limit-Remaining": ["0", "0"],
            "X-Rate-Limit-Reset": [String(seconds + 12), String(seconds + 10)],
          },
        );
        return;
      }
      secondAt = now;
      sendJson(response, 200, [], { Date: new Date(now).toUTCString() });
    });
    const waits: RateLimitWaitInfo[] = [];
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      auth: { apiToken: TOKEN },
      allowInsecureHttp: true,
      rateLimit: { jitterMs: 5 },
      hooks: { onRateLimitWait: [(info) => waits.push(info)] },
    });
    expect(await collect(client.listDevices())).toEqual([]);
    expect(waits).toHaveLength(1);
    expect(waits[0]?.cause).toBe("429");
    // The earliest reset is 10 s after the 429's Date (both whole seconds of the same clock),
    // less the time the client took to read it: the wait chosen is that one, not the 12 s one.
    const delayMs = waits[0]?.delayMs ?? Number.NaN;
    expect(delayMs).toBeGreaterThan(8_900);
    expect(delayMs).toBeLessThan(11_000);
    // And the client did wait it out. Above, only a safety bound: a busy machine's timers and
    // requests can add seconds (a 12 s bound on this measured time was a race).
    const waited = secondAt - firstAt;
    expect(waited).toBeGreaterThan(8_900);
    expect(waited).toBeLessThan(25_000);
  }, 30_000);

  it("regression: a 3-requests-per-6-s bucket with repeated headers makes zero 429s", async () => {
    org = await startFakeOktaOrg({
      count: 3,
      pageSize: 1,
      rateLimit: { limit: 3, windowMs: 6000, repeatHeaders: true },
    });
    // Start at the beginning of a window, so the listing needs one window boundary.
    await new Promise((resolve) => setTimeout(resolve, 6000 - (Date.now() % 6000) + 20));
    const devices = await collect(clientFor(org, { timeoutMs: 10_000 }).listDevices());
    expect(devices).toHaveLength(3);
    expect(org.stats.rateLimited).toBe(0);
    expect(org.stats.fullWindows).toBe(0);
  }, 40_000);

  it.each([
    ["year 3000", "32503680000"],
    ["14 digits", "99999999999999"],
  ])(
    "regression: Remaining 0 with a Reset in the %s ends with rate_limited after bounded waits",
    async (_name, reset) => {
      const warnings: string[] = [];
      const onWarning = (warning: Error) => warnings.push(warning.name);
      process.on("warning", onWarning);
      server = await startServer((request, response) => {
        const next = request.url?.includes("after")
          ? {}
          : { Link: `<${"/api/v1/devices?after=x"}>; rel="next"` };
        sendJson(response, 200, [{ id: "d" }], {
          ...next,
          "X-Rate-Limit-Limit": "100",
          "X-Rate-Limit-Remaining": "0",
          "X-Rate-Limit-Reset": reset,
        });
      });
      const waits: number[] = [];
      const client = createOktaDeviceClient({
        baseUrl: server.baseUrl,
        auth: { apiToken: TOKEN },
        allowInsecureHttp: true,
        rateLimit: { jitterMs: 0, maxWaitMs: 40 },
        hooks: { onRateLimitWait: [(info) => waits.push(info.delayMs)] },
      });
      const started = Date.now();
      const error = await collect(client.listDevices()).catch((caught: unknown) => caught);
      process.off("warning", onWarning);
      expect(error).toBeInstanceOf(OktaHTTPError);
      expect((error as OktaHTTPError).reason).toBe("rate_limited");
      expect(waits).toEqual(Array(MAX_PACING_WAITS).fill(40));
      // A safety bound (the waits above are what was asked): far under a Reset in the future.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(server.requests).toHaveLength(1);
      expect(warnings).not.toContain("TimeoutOverflowWarning");
      // Having given up, the client is not stuck: the next call asks Okta again.
      await client.getDevice("d").catch(() => undefined);
      expect(server.requests).toHaveLength(2);
    },
  );

  it("regression: Remaining 0 with Reset 1e308 is not a reset: the listing completes without waiting", async () => {
    server = await startServer((request, response) => {
      const next = request.url?.includes("after")
        ? {}
        : { Link: '</api/v1/devices?after=x>; rel="next"' };
      sendJson(response, 200, [{ id: "d" }], {
        ...next,
        "X-Rate-Limit-Limit": "100",
        "X-Rate-Limit-Remaining": "0",
        "X-Rate-Limit-Reset": "1e308",
      });
    });
    const devices = await collect(clientOf(server.baseUrl).listDevices());
    expect(devices).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it("property: whatever rate-limit headers Okta sends, a request ends after bounded, clamped waits", async () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 200 }).map(String),
      fc
        .integer({ min: -5, max: 5 })
        .map((offset) => String(Math.floor(Date.now() / 1000) + offset)),
      fc.constantFrom("32503680000", "1e308", "-1", "0", "", "x"),
    );
    const headerValues = fc.array(value, { minLength: 0, maxLength: 3 });
    const answer = fc.record({
      status: fc.constantFrom(200, 429),
      limit: headerValues,
      remaining: headerValues,
      reset: headerValues,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 12 }), async (answers) => {
        let index = 0;
        const fetch = async () => {
          const spec = answers[Math.min(index++, answers.length - 1)] ?? answers[0];
          const headers = new Headers({ "content-type": "application/json" });
          for (const item of spec?.limit ?? []) headers.append("x-rate-limit-limit", item);
          for (const item of spec?.remaining ?? []) headers.append("x-rate-limit-remaining", item);
          for (const item of spec?.reset ?? []) headers.append("x-rate-limit-reset", item);
          return new Response(spec?.status === 429 ? "{}" : "{}", {
            status: spec?.status ?? 200,
            headers,
          });
        };
        const waits: number[] = [];
        const client = createOktaDeviceClient({
          baseUrl: "https://acme.okta.com",
          auth: { apiToken: TOKEN },
          fetch,
          rateLimit: { jitterMs: 0, maxWaitMs: 2, maxRateLimitRetries: 3 },
          hooks: { onRateLimitWait: [(info) => waits.push(info.delayMs)] },
        });
        for (let call = 0; call < 3; call++) {
          const outcome = await client.getDevice("d").then(
            () => "ok",
            (error: unknown) => (error as OktaHTTPError).reason,
          );
          expect(["ok", "rate_limited"]).toContain(outcome);
        }
        // Per request: at most MAX_PACING_WAITS pacing waits and 3 waits for 429s.
        expect(waits.length).toBeLessThanOrEqual(3 * (MAX_PACING_WAITS + 3));
        for (const wait of waits) expect(wait).toBeLessThanOrEqual(2);
      }),
      { numRuns: 40 },
    );
  });
});

describe("Retry-After on a 429 (attack on issue 12 §1)", () => {
  // A gateway in front of Okta may answer 429 with only Retry-After (a function of the
  // server's clock as it answers, for dates).
  async function waitedFor(
    retryAfter: string | ((now: number) => string) | undefined,
    maxWaitMs = 60_000,
  ): Promise<number> {
    server = await startServer((_request, response, count) => {
      const now = Date.now();
      const headers: Record<string, string> = { Date: new Date(now).toUTCString() };
      if (retryAfter !== undefined)
        headers["Retry-After"] = typeof retryAfter === "string" ? retryAfter : retryAfter(now);
      if (count === 1) sendJson(response, 429, {}, headers);
      else sendJson(response, 200, [], headers);
    });
    const waits: RateLimitWaitInfo[] = [];
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      auth: { apiToken: TOKEN },
      allowInsecureHttp: true,
      rateLimit: { jitterMs: 0, maxWaitMs },
      hooks: { onRateLimitWait: [(info) => waits.push(info)] },
    });
    expect(await collect(client.listDevices())).toEqual([]);
    expect(waits).toHaveLength(1);
    return waits[0]?.delayMs ?? Number.NaN;
  }

  it("regression: Retry-After: 3 (no X-Rate-Limit-Reset) waits 3 s, not the default 1 s", async () => {
    expect(await waitedFor("3")).toBe(3000);
  }, 20_000);

  it("reads an IMF-fixdate Retry-After on the server's clock", async () => {
    // 3 s after the Date header it is sent with (taken from the test's start, the delay shrank
    // by however long the server took to be asked: a race on a busy machine).
    const delay = await waitedFor((now) => new Date(now + 3000).toUTCString());
    // 3 s, less the time the client took to read it.
    expect(delay).toBeGreaterThan(1000);
    expect(delay).toBeLessThanOrEqual(3000);
  }, 20_000);

  it.each([["-5"], ["1e3"], ["0x10"], ["1.5"], [""], ["soon"]])(
    "ignores Retry-After %j (not delay-seconds nor an IMF-fixdate): the 1 s default",
    async (value) => {
      expect(await waitedFor(value)).toBe(1000);
    },
    20_000,
  );

  it("bounds a huge Retry-After by maxWaitMs", async () => {
    expect(await waitedFor("99999999999", 1500)).toBe(1500);
  }, 20_000);
});

describe("Retry-After on a concurrency 429 (X-Rate-Limit-Limit: 0)", () => {
  // Okta's answer to too many requests in flight: Limit 0, and a gateway's Retry-After.
  async function concurrencyWaits(
    retryAfter: string | ((now: number) => string) | undefined,
    options: { maxWaitMs?: number; maxRateLimitRetries?: number; refusals?: number } = {},
  ) {
    const refusals = options.refusals ?? 1;
    server = await startServer((_request, response, count) => {
      const now = Date.now();
      const headers: Record<string, string> = {
        Date: new Date(now).toUTCString(),
        "X-Rate-Limit-Limit": "0",
        "X-Rate-Limit-Remaining": "0",
        "X-Rate-Limit-Reset": String(Math.floor(now / 1000) + 3600),
      };
      if (retryAfter !== undefined)
        headers["Retry-After"] = typeof retryAfter === "string" ? retryAfter : retryAfter(now);
      if (count <= refusals) {
        sendJson(response, 429, { errorCode: "E0000047", errorSummary: "concurrent" }, headers);
      } else sendJson(response, 200, [], { Date: new Date(now).toUTCString() });
    });
    const waits: RateLimitWaitInfo[] = [];
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      auth: { apiToken: TOKEN },
      allowInsecureHttp: true,
      retry: { baseDelayMs: 5, maxDelayMs: 10 },
      rateLimit: {
        jitterMs: 0,
        maxWaitMs: options.maxWaitMs ?? 60_000,
        maxRateLimitRetries: options.maxRateLimitRetries ?? 6,
      },
      hooks: { onRateLimitWait: [(info) => waits.push(info)] },
    });
    const outcome = await collect(client.listDevices()).catch((error: unknown) => error);
    return { outcome, waits };
  }

  it("regression: Retry-After: 2 on a concurrency 429 waits 2 s, not the 5 ms backoff", async () => {
    const { outcome, waits } = await concurrencyWaits("2");
    expect(outcome).toEqual([]);
    expect(waits.map((wait) => [wait.cause, wait.delayMs])).toStrictEqual([["concurrency", 2000]]);
  }, 20_000);

  it("reads an IMF-fixdate Retry-After on a concurrency 429", async () => {
    // 3 s after the Date header it is sent with (see above).
    const { waits } = await concurrencyWaits((now) => new Date(now + 3000).toUTCString());
    expect(waits).toHaveLength(1);
    expect(waits[0]?.delayMs).toBeGreaterThan(1000);
    expect(waits[0]?.delayMs).toBeLessThanOrEqual(3000);
  }, 20_000);

  it("without Retry-After, backs off (its hour-long Reset is not this client's window)", async () => {
    const { waits } = await concurrencyWaits(undefined);
    expect(waits).toHaveLength(1);
    expect(waits[0]?.delayMs).toBeLessThanOrEqual(10);
  });

  it("clamps a huge Retry-After to maxWaitMs and counts each wait against maxRateLimitRetries", async () => {
    const { outcome, waits } = await concurrencyWaits("99999999999", {
      maxWaitMs: 300,
      maxRateLimitRetries: 2,
      refusals: 100,
    });
    expect(outcome).toBeInstanceOf(OktaHTTPError);
    expect((outcome as OktaHTTPError).reason).toBe("rate_limited");
    expect(waits.map((wait) => wait.delayMs)).toStrictEqual([300, 300]);
  }, 20_000);
});
