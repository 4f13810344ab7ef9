import fc from "fast-check";
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

describe("repeated, missing and absurd rate-limit headers", () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  const seconds = now / 1000;

  function repeated(values: Record<string, string[]>, date = now): Headers {
    const result = new Headers({ date: new Date(date).toUTCString() });
    for (const [name, list] of Object.entries(values)) {
      for (const value of list) result.append(name, value);
    }
    return result;
  }

  it("reads every value and keeps the most conservative state (regression: two Resets, now+12 and now+10)", () => {
    const limiter = new RateLimiter();
    const state = limiter.observe(
      repeated({
        "x-rate-limit-limit": ["100", "50"],
        "x-rate-limit-remaining": ["40", "0"],
        "x-rate-limit-reset": [String(seconds + 12), String(seconds + 10)],
      }),
      now,
    );
    expect(state).toMatchObject({ limit: 50, remaining: 0, reset: seconds + 10 });
    expect(state?.resetAt).toBe(now + 10_000);
  });

  it("takes the earliest reset still ahead, ignoring one already passed", () => {
    const state = new RateLimiter().observe(
      repeated({ "x-rate-limit-reset": [String(seconds - 30), String(seconds + 20)] }),
      now,
    );
    expect(state?.reset).toBe(seconds + 20);
  });

  it("treats an absent header as unknown, never 0", () => {
    const limiter = new RateLimiter();
    const state = limiter.observe(repeated({ "x-rate-limit-reset": [String(seconds + 30)] }), now);
    expect(state).toMatchObject({ limit: undefined, remaining: undefined });
    // Unknown Remaining: no pacing (Number(null) used to make it 0, so the client waited).
    expect(limiter.delayBeforeRequest(now)).toBe(0);
    // An unknown limit is not a concurrency 429 (limit 0).
    expect(limiter.current?.limit).toBeUndefined();
  });

  it.each([
    ["year 1970", "Thu, 01 Jan 1970 00:00:00 GMT"],
    ["year 2100", "Fri, 01 Jan 2100 00:00:00 GMT"],
  ])("ignores an absurd Date (%s) for the clock skew", (_name, date) => {
    const limiter = new RateLimiter();
    const headers = repeated({
      "x-rate-limit-limit": ["10"],
      "x-rate-limit-remaining": ["5"],
      "x-rate-limit-reset": [String(seconds + 30)],
    });
    headers.set("date", date);
    expect(limiter.observe(headers, now)?.resetAt).toBe(now + 30_000);
  });

  it("does not let one wrong but plausible Date set the skew for the client's lifetime", () => {
    const limiter = new RateLimiter();
    const state = (date: number) =>
      limiter.observe(
        repeated(
          {
            "x-rate-limit-limit": ["10"],
            "x-rate-limit-remaining": ["5"],
            "x-rate-limit-reset": [String(seconds + 30)],
          },
          date,
        ),
        now,
      );
    // A proxy's Date 20 hours ahead, then ordinary answers.
    state(now + 20 * 3600_000);
    let last: ReturnType<typeof state>;
    for (let index = 0; index < 6; index++) last = state(now);
    expect(last?.resetAt).toBe(now + 30_000);
  });

  it("clamps every pacing wait to maxWaitMs (regression: Reset in the year 3000)", () => {
    const limiter = new RateLimiter({ maxWaitMs: 60_000 });
    limiter.observe(
      repeated({
        "x-rate-limit-limit": ["10"],
        "x-rate-limit-remaining": ["0"],
        "x-rate-limit-reset": ["32503680000"],
      }),
      now,
    );
    expect(limiter.delayBeforeRequest(now)).toBe(60_000);
  });

  it("ignores values that are not decimal integers (1e308, -1, 400 digits)", () => {
    for (const value of ["1e308", "-1", "9".repeat(400), "NaN", "0x10", ""]) {
      const state = new RateLimiter().observe(
        repeated({ "x-rate-limit-remaining": ["0"], "x-rate-limit-reset": [value] }),
        now,
      );
      expect(state, value).toBeUndefined();
    }
  });

  it("property: any mix of values gives the lowest counts, a reset among them, and a bounded wait", () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 40 }).map(String),
      fc.constantFrom("1e308", "-5", "abc", "", "9".repeat(30), "32503680000"),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 4 }),
        fc.array(value, { maxLength: 4 }),
        fc.array(value, { maxLength: 4 }),
        fc.integer({ min: 1, max: 120_000 }),
        (limits, remainings, resets, maxWaitMs) => {
          const limiter = new RateLimiter({ maxWaitMs });
          const state = limiter.observe(
            repeated({
              "x-rate-limit-limit": limits,
              "x-rate-limit-remaining": remainings,
              "x-rate-limit-reset": resets,
            }),
            now,
          );
          const valid = (list: string[]) =>
            list.filter((text) => /^\d{1,16}$/.test(text)).map(Number);
          if (valid(resets).length === 0) {
            expect(state).toBeUndefined();
          } else {
            expect(valid(resets)).toContain(state?.reset);
            const lowest = (list: number[]) => (list.length === 0 ? undefined : Math.min(...list));
            expect(state?.limit).toBe(lowest(valid(limits)));
            expect(state?.remaining).toBe(lowest(valid(remainings)));
          }
          const delay = limiter.delayBeforeRequest(now);
          expect(Number.isFinite(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(maxWaitMs);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Date headers in other formats (attack on issue 12 §1)", () => {
  const now = Date.UTC(2026, 10, 30, 18, 0, 0);
  const seconds = now / 1000;
  const withDate = (date: string) =>
    new Headers({
      "x-rate-limit-limit": "10",
      "x-rate-limit-remaining": "0",
      "x-rate-limit-reset": String(seconds + 1),
      date,
    });

  it.each([
    ["a bare day (midnight, 18 h off)", "2026-11-30"],
    ["a time without a zone", "Mon Nov 30 00:00:00 2026"],
    ["an ISO time with an offset", "2026-11-30T00:00:00+00:00"],
    ["an RFC 850 date", "Monday, 30-Nov-26 00:00:00 GMT"],
  ])("regression: %s does not move the window's end by hours", (_name, date) => {
    const limiter = new RateLimiter({ maxWaitMs: 3_600_000 });
    expect(limiter.observe(withDate(date), now)?.resetAt).toBe(now + 1000);
    // The wait is the second left in Okta's window, not 18 hours.
    expect(limiter.delayBeforeRequest(now)).toBe(1000);
  });

  it("property: a Date that is not an IMF-fixdate never sets the skew", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -23 * 3600, max: 23 * 3600 }),
        fc.constantFrom(
          (ms: number) => new Date(ms).toISOString(),
          (ms: number) => new Date(ms).toISOString().slice(0, 10),
          (ms: number) => new Date(ms).toUTCString().replace(" GMT", ""),
          (ms: number) => new Date(ms).toString(),
        ),
        (offsetSeconds, format) => {
          const limiter = new RateLimiter();
          const state = limiter.observe(withDate(format(now + offsetSeconds * 1000)), now);
          expect(state?.resetAt).toBe(now + 1000);
        },
      ),
    );
  });
});

describe("delayAfter429 with Retry-After", () => {
  const now = Date.UTC(2026, 10, 30, 18, 0, 0);

  it("property: the wait is the later of the window's end and Retry-After, within maxWaitMs", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 120 })),
        fc.option(fc.integer({ min: 0, max: 120 })),
        fc.integer({ min: 1, max: 90_000 }),
        (resetIn, retryAfter, maxWaitMs) => {
          const limiter = new RateLimiter({ maxWaitMs });
          const headers = new Headers({ date: new Date(now).toUTCString() });
          if (resetIn !== null) {
            headers.set("x-rate-limit-limit", "10");
            headers.set("x-rate-limit-remaining", "0");
            headers.set("x-rate-limit-reset", String(now / 1000 + resetIn));
          }
          if (retryAfter !== null) headers.set("retry-after", String(retryAfter));
          const state = limiter.observe(headers, now);
          const expected =
            resetIn === null && retryAfter === null
              ? 1000
              : Math.max((resetIn ?? 0) * 1000, (retryAfter ?? 0) * 1000);
          expect(limiter.delayAfter429(state, now, headers)).toBe(Math.min(expected, maxWaitMs));
        },
      ),
    );
  });
});

describe("delayAfterConcurrency429 (a concurrency 429 with Retry-After)", () => {
  const now = Date.UTC(2026, 10, 30, 18, 0, 0);

  it("property: the wait is the later of the backoff and Retry-After (seconds or a date), within maxWaitMs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120_000 }),
        fc.option(fc.integer({ min: 0, max: 7200 })),
        fc.boolean(),
        fc.integer({ min: 1, max: 90_000 }),
        (backoffMs, retryAfter, asDate, maxWaitMs) => {
          const limiter = new RateLimiter({ maxWaitMs });
          const headers = new Headers({
            date: new Date(now).toUTCString(),
            "x-rate-limit-limit": "0",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": String(now / 1000 + 3600),
          });
          if (retryAfter !== null) {
            headers.set(
              "retry-after",
              asDate ? new Date(now + retryAfter * 1000).toUTCString() : String(retryAfter),
            );
          }
          limiter.observe(headers, now);
          const expected = Math.max(backoffMs, (retryAfter ?? 0) * 1000);
          expect(limiter.delayAfterConcurrency429(backoffMs, now, headers)).toBe(
            Math.min(expected, maxWaitMs),
          );
        },
      ),
    );
  });
});
