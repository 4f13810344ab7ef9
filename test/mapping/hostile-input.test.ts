// Issue 12 §5 (one record never takes down the others), §11 (times exact for any fraction
// length) and §3 (the mapping's parsers are linear-time).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DeviceMappingError,
  MAX_UNMAPPED_DEPTH,
  mapOktaDevices,
  type OcsfProfile,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import { parseIsoDateTimeMs } from "../../src/mapping/time.js";
import { StrictDeviceInventoryEventSchema } from "../../src/schemas/index.js";
import { pageManagedDevice, realShapeMacWithUser } from "../fixtures/page-examples.js";
import { growthRatio, MAX_LINEAR_RATIO } from "../helpers/linear-time.js";

// `levels` nested containers, built as JSON text and parsed, as a record from Okta would be.
function nested(levels: number, kind: "object" | "array" = "object"): unknown {
  const open = kind === "object" ? '{"a":' : "[";
  const close = kind === "object" ? "}" : "]";
  return JSON.parse(
    `${open.repeat(levels - 1)}${kind === "object" ? "{}" : "[]"}${close.repeat(levels - 1)}`,
  );
}

describe("a deeply nested unknown field (issue 12 §5)", () => {
  it("5,000 levels (10 KB of JSON) is a DeviceMappingError naming the field, not a RangeError", () => {
    const text = `{"a":`.repeat(4999) + "{}" + "}".repeat(4999);
    expect(text.length).toBeLessThan(40_000);
    const record = { ...realShapeMacWithUser, deep: JSON.parse(text) };
    let thrown: unknown;
    try {
      toOcsfDeviceInventory(record, { profile: "ocsf" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DeviceMappingError);
    const error = thrown as DeviceMappingError;
    expect(error.deviceId).toBe(realShapeMacWithUser.id);
    expect(error.field).toBe("deep");
    expect(error.message).toContain(`more than ${MAX_UNMAPPED_DEPTH} levels`);
    // The default profile keeps no unknown fields: the record maps.
    expect(toOcsfDeviceInventory(record).device.uid).toBe(realShapeMacWithUser.id);
  });

  it("just under the old overflow depth the record fails alone, and the others are mapped", () => {
    const deep = {
      ...realShapeMacWithUser,
      id: "guoDEEP",
      profile: { ...realShapeMacWithUser.profile, deep: nested(4000, "array") },
    };
    const results = [
      ...mapOktaDevices([pageManagedDevice, deep, realShapeMacWithUser], { profile: "ocsf" }),
    ];
    expect(results.map((result) => result.ok)).toStrictEqual([true, false, true]);
    const failure = results[1];
    expect(failure?.ok === false && failure.error.field).toBe("profile.deep");
    expect(failure?.ok === false && failure.deviceId).toBe("guoDEEP");
    for (const result of results)
      if (result.ok) expect(() => JSON.stringify(result.event)).not.toThrow();
  });

  it(`keeps ${MAX_UNMAPPED_DEPTH} levels under unmapped and refuses ${MAX_UNMAPPED_DEPTH + 1}`, () => {
    const fits = toOcsfDeviceInventory(
      { ...realShapeMacWithUser, deep: nested(MAX_UNMAPPED_DEPTH) },
      { profile: "ocsf" },
    );
    expect(JSON.stringify(fits.unmapped?.deep)).toBe(JSON.stringify(nested(MAX_UNMAPPED_DEPTH)));
    expect(() =>
      toOcsfDeviceInventory(
        { ...realShapeMacWithUser, deep: nested(MAX_UNMAPPED_DEPTH + 1) },
        { profile: "ocsf" },
      ),
    ).toThrow(DeviceMappingError);
  });

  it("property: any depth either maps to an event JSON can write, or fails naming the field", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 * MAX_UNMAPPED_DEPTH }),
        fc.constantFrom<"object" | "array">("object", "array"),
        fc.constantFrom("top", "profile"),
        fc.constantFrom<OcsfProfile>("sekoia", "ocsf"),
        (levels, kind, where, profile) => {
          const value = nested(levels, kind);
          const record =
            where === "top"
              ? { ...realShapeMacWithUser, extra: value }
              : {
                  ...realShapeMacWithUser,
                  profile: { ...realShapeMacWithUser.profile, extra: value },
                };
          const [result] = [...mapOktaDevices([record], { profile })];
          if (result === undefined) throw new Error("no result");
          if (profile === "sekoia" || levels <= MAX_UNMAPPED_DEPTH) {
            expect(result.ok).toBe(true);
            if (result.ok)
              expect(JSON.parse(JSON.stringify(result.event))).toStrictEqual(result.event);
          } else {
            expect(result.ok).toBe(false);
            if (!result.ok) {
              expect(result.error).toBeInstanceOf(DeviceMappingError);
              expect(result.error.field).toBe(where === "top" ? "extra" : "profile.extra");
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("fractions of any length truncate (issue 12 §11)", () => {
  it("2025-12-31T23:59:59.99999999999999999Z stays in 2025 in both profiles", () => {
    const text = "2025-12-31T23:59:59.99999999999999999Z";
    expect(parseIsoDateTimeMs(text)).toBe(1767225599999);
    const record = { ...pageManagedDevice, created: text, lastUpdated: text };
    expect(toOcsfDeviceInventory(record).time).toBe(1767225599);
    expect(toOcsfDeviceInventory(record).device.updated_time).toBe(1767225599);
    expect(toOcsfDeviceInventory(record, { profile: "ocsf" }).time).toBe(1767225599999);
  });

  it("property: any fraction length truncates to ms (ocsf) and to seconds (sekoia)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 253402300799 }), // 0000 … 9999-12-31T23:59:59Z, whole seconds
        fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 60 }),
        fc.constantFrom("Z", "+00:00", "+05:30", "-11:45"),
        (seconds, fraction, zone) => {
          const local = new Date(seconds * 1000).toISOString().slice(0, 19);
          const text = `${local}.${fraction}${zone}`;
          const offsetMs =
            zone === "Z"
              ? 0
              : (zone[0] === "+" ? 1 : -1) *
                (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4))) *
                60_000;
          const millis = Number(fraction.slice(0, 3).padEnd(3, "0"));
          const expected = seconds * 1000 + millis - offsetMs;
          expect(parseIsoDateTimeMs(text)).toBe(expected);
          const record = { ...pageManagedDevice, created: text, lastUpdated: text };
          expect(toOcsfDeviceInventory(record, { profile: "ocsf" }).time).toBe(expected);
          expect(toOcsfDeviceInventory(record).time).toBe(Math.floor(expected / 1000));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("the mapping's parsers are linear-time (issue 12 §3)", () => {
  const adversarial: Record<string, (n: number) => string> = {
    "a long fraction": (n) => `2025-08-26T09:30:00.${"9".repeat(n)}Z`,
    "a long fraction without a zone": (n) => `2025-08-26T09:30:00.${"9".repeat(n)}`,
    "a long tail after the zone": (n) => `2025-08-26T09:30:00Z${"0".repeat(n)}`,
    "a long run of digits": (n) => "2".repeat(n),
  };
  for (const [name, make] of Object.entries(adversarial)) {
    it(`parseIsoDateTimeMs on ${name}`, () => {
      expect(growthRatio(make, (text) => parseIsoDateTimeMs(text), 200_000)).toBeLessThan(
        MAX_LINEAR_RATIO,
      );
    });
  }

  const emails: Record<string, (n: number) => string> = {
    "a long local part without a domain": (n) => `${"a.".repeat(n)}@`,
    "a long domain without a dot": (n) => `a@${"a".repeat(n)}!`,
    "a long dotted domain ending badly": (n) => `a@a${".a-".repeat(n)}!`,
    "many at signs": (n) => `${"a@".repeat(n)}!`,
  };
  for (const [name, make] of Object.entries(emails)) {
    it(`the owner's email check (mapper and output schema) on ${name}`, () => {
      const recordWith = (email: string) => ({
        ...realShapeMacWithUser,
        _embedded: {
          users: [
            {
              ...realShapeMacWithUser._embedded.users[0],
              user: { id: "00uqa0000000000001", profile: { login: "qa", email } },
            },
          ],
        },
      });
      const map = (record: ReturnType<typeof recordWith>) => {
        const event = toOcsfDeviceInventory(record, { profile: "ocsf" });
        StrictDeviceInventoryEventSchema.safeParse(event);
      };
      expect(growthRatio((n) => recordWith(make(n)), map, 20_000)).toBeLessThan(MAX_LINEAR_RATIO);
    });

    it(`the output schema's email_t pattern on ${name}`, () => {
      // The mapper keeps such an address out of the event, so the schema is fed directly.
      const event = toOcsfDeviceInventory(realShapeMacWithUser, { profile: "ocsf" });
      const eventWith = (email: string) => ({
        ...event,
        device: { ...event.device, owner: { uid: "00uqa0000000000001", email_addr: email } },
      });
      const parse = (candidate: ReturnType<typeof eventWith>) => {
        expect(StrictDeviceInventoryEventSchema.safeParse(candidate).success).toBe(false);
      };
      expect(growthRatio((n) => eventWith(make(n)), parse, 20_000)).toBeLessThan(MAX_LINEAR_RATIO);
    });
  }
});

describe("the linear-time measure", () => {
  it("fails quadratic work (so that the tests above can fail)", () => {
    // A naive scanner that re-reads the rest of the input at every position.
    const quadratic = (text: string) => {
      let count = 0;
      for (let i = 0; i < text.length; i++) {
        for (let j = i; j < text.length; j++) if (text.charCodeAt(j) === 33) count++;
      }
      return count;
    };
    expect(growthRatio((n) => "a".repeat(n), quadratic, 1_000)).toBeGreaterThan(MAX_LINEAR_RATIO);
    // Every attempt is made (each ratio is over the bound): 4 s idle, 14 s under load.
  }, 120_000);
});
