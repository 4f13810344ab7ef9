import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDateTimeMs } from "../../src/mapping/time.js";

describe("parseIsoDateTimeMs", () => {
  it.each([
    ["2023-06-04T10:00:00.000Z", 1685872800000],
    ["2025-08-26T09:30:00.000Z", 1756200600000],
    ["2025-08-20T14:30:00.000Z", 1755700200000],
    ["2024-02-29T00:00:00Z", 1709164800000],
    ["2025-08-26T11:30:00+02:00", 1756200600000],
    ["2025-08-26T04:00:00-05:30", 1756200600000],
    ["1970-01-01T00:00:00.5Z", 500],
    ["2025-08-26T09:30:00.123456789Z", 1756200600123],
    ["1969-12-31T23:59:59.000Z", -1000],
  ])("parses %s", (text, expected) => {
    expect(parseIsoDateTimeMs(text)).toBe(expected);
  });

  it.each([
    "2023-02-29T00:00:00Z",
    "2025-04-31T00:00:00Z",
    "2025-13-01T00:00:00Z",
    "2025-08-26T24:00:00Z",
    "2025-08-26T09:60:00Z",
    "2025-08-26T09:30:60Z",
    "2025-08-26T09:30:00",
    "2025-08-26 09:30:00Z",
    "2025-08-26T09:30:00.Z",
    "2025-08-26T09:30:00.000Zjunk",
    "2025-08-26T09:30:00+0200",
    "2025-08-26",
    "Aug 26 2025",
    "2025/08/26T09:30:00Z",
    "",
  ])("rejects %j", (text) => {
    expect(parseIsoDateTimeMs(text)).toBeUndefined();
  });

  it("agrees with Date for every instant Date writes as ISO", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z") }),
        (date) => {
          if (Number.isNaN(date.getTime())) return;
          expect(parseIsoDateTimeMs(date.toISOString())).toBe(date.getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });
});
