import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { retryAfterMs } from "../../src/client/retry-after.js";
import {
  MAX_SERVER_CLOCK_SKEW_MS,
  parseImfFixdate,
  serverTimeOf,
} from "../../src/client/server-time.js";
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

// Attack on the merged 12a Retry-After and clock rules: `Date.parse` rolls an impossible
// IMF-fixdate over instead of refusing it, as issue 12 §6 found for ISO dates: "31 Feb" is
// 3 March, "24:00:00" the next day, and "08:49:60" even went back to 08:49:00. Such a Date
// or Retry-After moved the clock skew, a checkpoint's "now" or a wait by hours or days.
describe("parseImfFixdate refuses dates that do not exist", () => {
  it.each([
    ["31 February", "Tue, 31 Feb 2026 00:00:00 GMT"],
    ["31 November", "Tue, 31 Nov 2026 12:00:00 GMT"],
    ["hour 24", "Sun, 06 Nov 1994 24:00:00 GMT"],
    ["second 60", "Sun, 06 Nov 1994 08:49:60 GMT"],
    ["minute 61", "Sun, 06 Nov 1994 08:61:00 GMT"],
    ["day 00", "Sun, 00 Nov 1994 08:49:37 GMT"],
    ["the wrong day name", "Mon, 06 Nov 1994 08:49:37 GMT"],
    ["29 February of a common year", "Sun, 29 Feb 2026 00:00:00 GMT"],
  ])("regression: %s is not a date", (_name, text) => {
    expect(parseImfFixdate(text)).toBeUndefined();
    expect(retryAfterMs(text, 0, Date.UTC(1990, 0, 1))).toBeUndefined();
  });

  it("reads 29 February of a leap year and the examples of RFC 9110", () => {
    expect(parseImfFixdate("Sun, 29 Feb 2032 00:00:00 GMT")).toBe(Date.UTC(2032, 1, 29));
    expect(parseImfFixdate("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it("property: exactly the texts that name an instant are read, as that instant", () => {
    const valid = fc
      .integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) })
      .map((ms) => Math.floor(ms / 1000) * 1000);
    fc.assert(
      fc.property(
        valid,
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom("day", "hour", "minute", "second", "weekday", "none"),
        (ms, value, field) => {
          const text = new Date(ms).toUTCString();
          if (field === "none") {
            expect(parseImfFixdate(text)).toBe(ms);
            return;
          }
          const two = String(value).padStart(2, "0");
          const changed =
            field === "day"
              ? `${text.slice(0, 5)}${two}${text.slice(7)}`
              : field === "hour"
                ? `${text.slice(0, 17)}${two}${text.slice(19)}`
                : field === "minute"
                  ? `${text.slice(0, 20)}${two}${text.slice(22)}`
                  : field === "second"
                    ? `${text.slice(0, 23)}${two}${text.slice(25)}`
                    : `${["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][value % 7]}${text.slice(3)}`;
          const parsed = parseImfFixdate(changed);
          // Either refused, or read as exactly the instant the changed text writes.
          if (parsed !== undefined) expect(new Date(parsed).toUTCString()).toBe(changed);
          if (changed === text) expect(parsed).toBe(ms);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("parseImfFixdate remembers its last answer", () => {
  // What it computes without the one-entry memory.
  const fresh = (text: string | null): number | undefined => {
    if (text === null || text.length > 64) return undefined;
    if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) {
      return undefined;
    }
    const ms = Date.parse(text);
    return Number.isFinite(ms) && new Date(ms).toUTCString() === text ? ms : undefined;
  };

  it("property: any sequence of texts, repeated or not, gets the answers of a fresh parse", () => {
    const texts = fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
      fc.constantFrom(
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Mon, 06 Nov 1994 08:49:37 GMT",
        "Sat, 31 Feb 2025 10:00:00 GMT",
        "soon",
        "",
      ),
      fc.string({ maxLength: 70 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.array(texts, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (pool, picks) => {
          // Repeats in a row and apart, as responses of one second and of the next.
          const sequence =
            pool.length === 0 ? [] : picks.map((pick) => pool[pick % pool.length] ?? null);
          for (const text of [...pool, ...sequence]) {
            expect(parseImfFixdate(text)).toBe(fresh(text));
          }
        },
      ),
    );
  });
});
