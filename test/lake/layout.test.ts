// The event day of a time: the same as formatting the time afresh, whatever the order of the
// days asked for (the formatted days are cached, and the cache is bounded).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventDayOf } from "../../src/lake/layout.js";

const fresh = (timeMs: number) => new Date(timeMs).toISOString().slice(0, 10).replaceAll("-", "");
// Years 0 to 9999: the days an eventDay can name.
const time = fc.integer({ min: Date.UTC(0, 0, 1), max: Date.UTC(10000, 0, 1) - 1 });

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
