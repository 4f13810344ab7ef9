import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/client/rate-limit.js";

function headers(limit: number, remaining: number, reset: number, date: number): Headers {
  return new Headers({
    "x-rate-limit-limit": String(limit),
    "x-rate-limit-remaining": String(remaining),
    "x-rate-limit-reset": String(reset),
    date: new Date(date).toUTCString(),
  });
}

describe("RateLimiter", () => {
  it("measures the reset against the response's Date, not the local clock", () => {
    const limiter = new RateLimiter();
    // Okta's clock is 10 minutes behind ours; its window ends 30 s after its "now".
    const oktaNow = Date.UTC(2025, 0, 1, 12, 0, 0);
    const localNow = oktaNow + 600_000;
    const state = limiter.observe(headers(50, 10, oktaNow / 1000 + 30, oktaNow), localNow);
    expect(state?.resetAt).toBe(localNow + 30_000);
  });

  it("lets requests go while the reserve holds, then waits for the window's end", () => {
    const limiter = new RateLimiter({ reserve: 1 });
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    limiter.observe(headers(6, 3, now / 1000 + 1, now), now);
    expect(limiter.delayBeforeRequest(now)).toBe(0); // leaves 2
    expect(limiter.delayBeforeRequest(now)).toBe(0); // leaves 1
    expect(limiter.delayBeforeRequest(now + 100)).toBe(900); // would leave 0: a violation
    limiter.windowPassed(now + 1000);
    expect(limiter.delayBeforeRequest(now + 1000)).toBe(0);
  });

  it("ignores a concurrency 429's limit of 0 for pacing", () => {
    const limiter = new RateLimiter();
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    limiter.observe(headers(6, 5, now / 1000 + 1, now), now);
    const state = limiter.observe(headers(0, 0, now / 1000 + 1, now), now);
    expect(state?.limit).toBe(0);
    expect(limiter.current?.limit).toBe(6);
  });

  it("honours a larger reserve", () => {
    const limiter = new RateLimiter({ reserve: 3 });
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    limiter.observe(headers(10, 4, now / 1000 + 60, now), now);
    expect(limiter.delayBeforeRequest(now)).toBe(0);
    expect(limiter.delayBeforeRequest(now)).toBe(60_000);
  });
});
