// The strict event schema's `unmapped` check never overflows the stack: zod's z.json() walked
// values recursively, so `safeParse` threw a RangeError (not a result) for a value nested
// some thousands deep. Every event the mapper writes still validates, at its depth bound.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_UNMAPPED_DEPTH,
  OCSF_VERSIONS,
  type OktaDevice,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import { isBoundedJson, MAX_UNMAPPED_VALUE_DEPTH } from "../../src/schemas/bounded-json.js";
import { strictDeviceInventoryEventSchema } from "../../src/schemas/index.js";
import { realShapeMacWithUser } from "../fixtures/page-examples.js";

// `levels` nested arrays, parsed from text: JSON.stringify of a deep one would overflow.
const nestedArrays = (levels: number): unknown =>
  JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);
const nestedObjects = (levels: number): string =>
  `${'{"a":'.repeat(levels - 1)}{}${"}".repeat(levels - 1)}`;

// A recursive reference, used only on shallow values.
function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe("strictDeviceInventoryEventSchema: unmapped", () => {
  const event = toOcsfDeviceInventory(realShapeMacWithUser as OktaDevice, { profile: "ocsf" });

  it.each([5_000, 20_000])("a value %i deep is a failed result, not a RangeError", (levels) => {
    const deep = { ...event, unmapped: { deep: nestedArrays(levels) } };
    const result = strictDeviceInventoryEventSchema("1.6.0").safeParse(deep);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toStrictEqual(["unmapped", "deep"]);
    expect(() => strictDeviceInventoryEventSchema("1.6.0").parse(deep)).toThrow(/nested at most/);
  });

  it("refuses what is not JSON", () => {
    const schema = strictDeviceInventoryEventSchema("1.6.0");
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, undefined, () => 1, new Date(0)]) {
      expect(schema.safeParse({ ...event, unmapped: { x: value } }).success).toBe(false);
    }
    const proto = JSON.parse('{"__proto__":{"a":[1,"b",null,true]}}');
    expect(schema.safeParse({ ...event, unmapped: { x: proto } }).success).toBe(true);
  });

  it.each(OCSF_VERSIONS)(
    "every event the mapper writes at its depth bound validates (OCSF %s)",
    (ocsfVersion) => {
      const deep = nestedObjects(MAX_UNMAPPED_DEPTH);
      const record = JSON.parse(
        JSON.stringify({ ...realShapeMacWithUser, id: "guoDEEP" })
          .replace(/}$/, `,"top":${deep},"providers":[${nestedObjects(MAX_UNMAPPED_DEPTH - 1)}]}`)
          .replace('"profile":{', `"profile":{"deepInProfile":${deep},`),
      ) as OktaDevice;
      const mapped = toOcsfDeviceInventory(record, { profile: "ocsf", ocsfVersion });
      const result = strictDeviceInventoryEventSchema(ocsfVersion).safeParse(mapped);
      expect(result.error?.issues).toBeUndefined();
      expect(depthOf(mapped.unmapped?.profile)).toBe(MAX_UNMAPPED_VALUE_DEPTH);
    },
  );

  it("isBoundedJson agrees with a recursive depth on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 8 }), (value, max) => {
        expect(isBoundedJson(value, max)).toBe(depthOf(value) <= max);
      }),
    );
  });
});
