import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SERVER_CLOCK_SKEW_MS, serverTimeOf } from "../../src/client/server-time.js";
import { growthRatio, MAX_LINEAR_RATIO } from "../helpers/linear-time.js";

const headersWith = (date: string) => new Headers({ Date: date });

describe("serverTimeOf (the server's clock for checkpoints, issue 12 §6)", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");

  it("reads an IMF-fixdate", () => {
    expect(serverTimeOf(headersWith("Sun, 01 Jun 2025 12:00:05 GMT"), now)).toBe(now + 5000);
  });

  it.each([
    ["absent", undefined],
    ["year 1970", "Thu, 01 Jan 1970 00:00:00 GMT"],
    ["year 2100", "Fri, 01 Jan 2100 00:00:00 GMT"],
    ["not an IMF-fixdate", "2025-06-01T12:00:00Z"],
    ["garbage", "soon"],
  ])("ignores a Date header that is %s", (_name, date) => {
    expect(
      serverTimeOf(date === undefined ? new Headers() : headersWith(date), now),
    ).toBeUndefined();
  });

  it("property: any value is either within a day of the local clock or ignored", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .integer({ min: -8_640_000_000_000, max: 8_640_000_000_000 })
            .map((ms) => new Date(ms).toUTCString()),
          fc.string({ maxLength: 40 }).filter((text) => !/[\r\n\0]/.test(text)),
        ),
        (date) => {
          let headers: Headers;
          try {
            headers = headersWith(date);
          } catch {
            return; // not a valid header value at all
          }
          const ms = serverTimeOf(headers, now);
          if (ms !== undefined)
            expect(Math.abs(ms - now)).toBeLessThanOrEqual(MAX_SERVER_CLOCK_SKEW_MS);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is linear-time on long adversarial headers", () => {
    const make = (n: number) => headersWith(`Sun, 01 Jun 2025 12:00:05 GMT${" ".repeat(n)}x`);
    expect(growthRatio(make, (headers) => serverTimeOf(headers, now), 200_000)).toBeLessThan(
      MAX_LINEAR_RATIO,
    );
  });
});
