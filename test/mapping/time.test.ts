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

describe("parseIsoDateTimeMs fractions", () => {
  it("truncates any number of fraction digits, never rounding into the next second", () => {
    expect(parseIsoDateTimeMs(`2025-08-26T09:30:00.${"9".repeat(40)}Z`)).toBe(1756200600999);
    expect(parseIsoDateTimeMs("2025-08-26T09:30:00.0009Z")).toBe(1756200600000);
    expect(parseIsoDateTimeMs("2025-08-26T09:30:00.12Z")).toBe(1756200600120);
  });

  it("agrees with Date on the milliseconds of any fraction", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,30}$/), (fraction) => {
        const whole = Date.parse(`2025-08-26T09:30:00.${fraction.slice(0, 3).padEnd(3, "0")}Z`);
        expect(parseIsoDateTimeMs(`2025-08-26T09:30:00.${fraction}Z`)).toBe(whole);
      }),
      { numRuns: 500 },
    );
  });
});

// A slow, obviously-right reference: a regular expression, range checks and Date.UTC.
function referenceParse(text: string): number | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(
      text,
    );
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const utc = new Date(0);
  utc.setUTCFullYear(year as number, (month as number) - 1, day as number);
  if (
    utc.getUTCMonth() !== (month as number) - 1 ||
    (hour as number) > 23 ||
    (minute as number) > 59 ||
    (second as number) > 59
  ) {
    return undefined;
  }
  let offset = 0;
  if (match[8] !== "Z") {
    const offsetHour = Number(match[10]);
    const offsetMinute = Number(match[11]);
    if (offsetHour > 23 || offsetMinute > 59) return undefined;
    offset = (offsetHour * 60 + offsetMinute) * (match[9] === "+" ? 1 : -1);
  }
  const millis = Number((match[7] ?? "").slice(0, 3).padEnd(3, "0"));
  utc.setUTCHours(hour as number, (minute as number) - offset, second as number, millis);
  return utc.getTime();
}

describe("parseIsoDateTimeMs against a reference", () => {
  it("agrees on any one-character corruption of a valid date-time", () => {
    const alphabet = "0123456789-T:.Z+ x";
    fc.assert(
      fc.property(
        fc.constantFrom(
          "2025-08-26T09:30:00.000Z",
          "2024-02-29T23:59:59Z",
          "2025-08-26T11:30:00+02:00",
          "1999-12-31T00:00:00.5-05:30",
        ),
        fc.nat(),
        fc.integer({ min: 0, max: alphabet.length - 1 }),
        (valid, at, pick) => {
          const index = at % valid.length;
          const text = valid.slice(0, index) + alphabet[pick] + valid.slice(index + 1);
          expect(parseIsoDateTimeMs(text)).toBe(referenceParse(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
