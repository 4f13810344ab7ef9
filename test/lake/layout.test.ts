// The event day of a time: the same as formatting the time afresh, whatever the order of the
// days asked for (the formatted days are cached, and the cache is bounded); every time in a
// four-digit year has one, and no other time is taken (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventDayOf, isDateRange } from "../../src/lake/layout.js";

const fresh = (timeMs: number) => new Date(timeMs).toISOString().slice(0, 10).replaceAll("-", "");
// Years 0 to 9999: the days an eventDay can name (Date.UTC(0, 0, 1) would be 1900).
const time = fc.integer({ min: -62_167_219_200_000, max: Date.UTC(10000, 0, 1) - 1 });

describe("eventDayOf", () => {
  it("is the UTC day of the time, in any order of days (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(time, { maxLength: 200 }), (times) => {
        for (const t of times) expect(eventDayOf(t)).toBe(fresh(t));
      }),
      { numRuns: 200 },
    );
  });

  it("stays right past the cache's bound: 10,000 days, then the first ones again", () => {
    const start = Date.UTC(2000, 0, 1, 23, 59, 59, 999);
    const days = Array.from({ length: 10_000 }, (_, i) => start + i * 86_400_000);
    for (const t of [...days, ...days.slice(0, 100), ...days.slice(-100)]) {
      expect(eventDayOf(t)).toBe(fresh(t));
    }
  });
});

const YEAR_0 = -62_167_219_200_000;
const YEAR_10000 = 253_402_300_800_000;

describe("eventDay", () => {
  // Regression: the lower bound was Date.UTC(0, 0, 1), which is 1900-01-01 (Date.UTC reads
  // years 0 to 99 as 1900 to 1999): an event of 1899 was rejected as outside the dates an
  // eventDay can name.
  it("names every day of the years 0000 to 9999, and those only", () => {
    expect(isDateRange(Date.UTC(1899, 11, 31))).toBe(true);
    expect(eventDayOf(Date.UTC(1899, 11, 31, 23, 59))).toBe("18991231");
    expect([isDateRange(YEAR_0), eventDayOf(YEAR_0)]).toStrictEqual([true, "00000101"]);
    expect(isDateRange(YEAR_0 - 1)).toBe(false);
    expect([isDateRange(YEAR_10000 - 1), eventDayOf(YEAR_10000 - 1)]).toStrictEqual([
      true,
      "99991231",
    ]);
    expect(isDateRange(YEAR_10000)).toBe(false);
  });

  it("is the UTC date of the time, eight digits, for any time in range (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: YEAR_0 - 1e12, max: YEAR_10000 + 1e12 }), (time) => {
        const inRange = time >= YEAR_0 && time < YEAR_10000;
        expect(isDateRange(time)).toBe(inRange);
        if (!inRange) return;
        const day = eventDayOf(time);
        expect(day).toMatch(/^\d{8}$/);
        const date = new Date(time);
        expect(day).toBe(
          `${String(date.getUTCFullYear()).padStart(4, "0")}${String(date.getUTCMonth() + 1).padStart(2, "0")}${String(date.getUTCDate()).padStart(2, "0")}`,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
