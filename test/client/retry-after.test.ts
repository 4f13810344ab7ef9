import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createOktaDeviceClient, type RateLimitWaitInfo } from "../../src/client/index.js";
import { RateLimiter } from "../../src/client/rate-limit.js";
import { retryAfterMs, retryAfterValues } from "../../src/client/retry-after.js";
import { collect } from "./helpers.js";
import { type ScriptedServer, sendJson, startServer } from "./servers.js";

// Attack on the merged 12a Retry-After handling: a response may carry Retry-After twice
// (Okta's and a gateway's); `Headers.get` joins them as "10, 10", which matched neither
// delay-seconds nor an IMF-fixdate, so the 429 waited the 1 s default instead of 10 s.
const now = Date.UTC(2026, 10, 30, 18, 0, 0);
const date = (offsetSeconds: number) => new Date(now + offsetSeconds * 1000).toUTCString();
function repeated(...values: string[]): Headers {
  const headers = new Headers({ date: new Date(now).toUTCString() });
  for (const value of values) headers.append("retry-after", value);
  return headers;
}

describe("Retry-After read value by value", () => {
  it("regression: Retry-After 10 twice waits 10 s, not the 1 s default", () => {
    expect(repeated("10", "10").get("retry-after")).toBe("10, 10");
    const limiter = new RateLimiter({ maxWaitMs: 60_000 });
    const headers = repeated("10", "10");
    expect(limiter.delayAfter429(limiter.observe(headers, now), now, headers)).toBe(10_000);
    expect(limiter.delayAfterConcurrency429(5, now, headers)).toBe(10_000);
  });

  it("reads two dates, a date and seconds, and keeps the longest valid wait", () => {
    expect(retryAfterValues(`${date(3)}, ${date(7)}`)).toEqual([date(3), date(7)]);
    expect(retryAfterMs(`${date(3)}, ${date(7)}`, 0, now)).toBe(7000);
    expect(retryAfterMs(`4, ${date(2)}`, 0, now)).toBe(4000);
    expect(retryAfterMs(`${date(-30)}, 2`, 0, now)).toBe(2000);
    expect(retryAfterMs(`soon, -1, 1e3, 1.5, ${date(5)}`, 0, now)).toBe(5000);
  });

  it("a date in the past asks for no wait; absurd and invalid values are not trusted", () => {
    expect(retryAfterMs(date(-3600), 0, now)).toBe(0);
    expect(retryAfterMs("Thu, 01 Jan 1970 00:00:00 GMT", 0, now)).toBe(0);
    for (const junk of ["", "-5", "1e308", "Infinity", "NaN", "0x10", ", ,", "Sun,", "Sun, "]) {
      expect(retryAfterMs(junk, 0, now)).toBeUndefined();
    }
    expect(retryAfterMs(null, 0, now)).toBeUndefined();
    // A date far ahead and a huge delay are bounded by maxWaitMs, repeated or not.
    const limiter = new RateLimiter({ maxWaitMs: 1500 });
    const far = repeated("Fri, 31 Dec 9999 23:59:59 GMT", "99999999999");
    expect(limiter.delayAfter429(limiter.observe(far, now), now, far)).toBe(1500);
    expect(limiter.delayAfterConcurrency429(5, now, far)).toBe(1500);
  });

  it("property: any repeated Retry-After waits for its longest valid value, within maxWaitMs", () => {
    const value = fc.oneof(
      fc
        .integer({ min: 0, max: 7200 })
        .map((seconds) => ({ text: String(seconds), ms: seconds * 1000 })),
      fc.integer({ min: -7200, max: 7200 }).map((seconds) => ({
        text: date(seconds),
        ms: Math.max(0, seconds * 1000),
      })),
      fc
        .constantFrom("-1", "1e3", "1.5", "soon", "", "0x1")
        .map((text) => ({ text, ms: undefined })),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 90_000 }),
        (values, maxWaitMs) => {
          const headers = repeated(...values.map((each) => each.text));
          const valid = values.flatMap((each) => (each.ms === undefined ? [] : [each.ms]));
          const expected = valid.length === 0 ? undefined : Math.max(...valid);
          expect(retryAfterMs(headers.get("retry-after"), 0, now)).toBe(expected);
          const limiter = new RateLimiter({ maxWaitMs });
          limiter.observe(headers, now);
          expect(limiter.delayAfter429(undefined, now, headers)).toBe(
            Math.min(expected ?? 1000, maxWaitMs),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("a 429 with Retry-After sent twice, through the client", () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("regression: waits the 2 s both headers ask for, then lists", async () => {
    server = await startServer((_request, response, count) => {
      const headers = { Date: new Date().toUTCString(), "Retry-After": ["2", "2"] };
      if (count === 1) sendJson(response, 429, {}, headers);
      else sendJson(response, 200, [], headers);
    });
    const waits: RateLimitWaitInfo[] = [];
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      auth: { apiToken: "00retry-after-test-token" },
      allowInsecureHttp: true,
      rateLimit: { jitterMs: 0 },
      hooks: { onRateLimitWait: [(info) => waits.push(info)] },
    });
    expect(await collect(client.listDevices())).toEqual([]);
    expect(waits.map((wait) => wait.delayMs)).toEqual([2000]);
  }, 20_000);
});
