// parseOktaDevice "keeps unknown keys": every key, `__proto__` included. zod's own parse
// skips an own `__proto__` key (it would hit the prototype setter on its copy), which lost
// it silently, and with it the `unmapped.__proto__` of a strict event mapped from the
// parsed device. A JSON payload can carry that key like any other (JSON.parse makes it an
// own property), so the parsed device must still hold it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toOcsfDeviceInventory } from "../../src/index.js";
import {
  parseOktaDevice,
  safeParseOktaDevice,
  safeParseOktaDeviceList,
} from "../../src/schemas/index.js";
import { realShapeMacWithUser } from "../fixtures/page-examples.js";
import { oktaDeviceArbitrary } from "../helpers/arbitraries.js";
import { PROTOTYPE_NAMES } from "../helpers/prototype-names.js";

const withProtoKeys = JSON.parse(
  JSON.stringify(realShapeMacWithUser)
    .replace(/^\{/, '{"__proto__":{"x":1},')
    .replace('"profile":{', '"profile":{"__proto__":{"polluted":true},'),
) as Record<string, unknown>;

describe("parseOktaDevice keeps every key of the payload", () => {
  it("keeps own __proto__ keys, top level and in the profile, without touching prototypes", () => {
    expect(Object.hasOwn(withProtoKeys, "__proto__")).toBe(true);
    const device = parseOktaDevice(withProtoKeys);
    expect(Object.hasOwn(device, "__proto__")).toBe(true);
    expect(Object.hasOwn(device.profile, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(device)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(device.profile)).toBe(Object.prototype);
    expect(JSON.stringify(device)).toBe(JSON.stringify(withProtoKeys));
    // And so the strict profile keeps them under `unmapped`, parsed first or not.
    const fromParsed = toOcsfDeviceInventory(device, { profile: "ocsf" });
    const fromRaw = toOcsfDeviceInventory(withProtoKeys as never, { profile: "ocsf" });
    expect(JSON.stringify(fromParsed)).toBe(JSON.stringify(fromRaw));
    expect(JSON.stringify(fromParsed.unmapped)).toContain('"__proto__":{"x":1}');
    expect(JSON.stringify(fromParsed.unmapped)).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("does the same in safeParseOktaDevice and safeParseOktaDeviceList", () => {
    const result = safeParseOktaDevice(withProtoKeys);
    expect(result.success && JSON.stringify(result.data)).toBe(JSON.stringify(withProtoKeys));
    const list = safeParseOktaDeviceList([withProtoKeys]);
    expect(JSON.stringify(list.devices)).toBe(JSON.stringify([withProtoKeys]));
  });

  it("keeps any extra key, prototype names included, at any depth (property)", () => {
    const extraKey = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string());
    const extras = fc.dictionary(extraKey, fc.jsonValue(), { maxKeys: 4 });
    fc.assert(
      fc.property(oktaDeviceArbitrary, extras, extras, (record, top, profile) => {
        // Through JSON text, as payloads arrive: `__proto__` becomes an own key.
        const text = JSON.stringify({
          ...top,
          ...record,
          profile: { ...profile, ...(record as { profile: object }).profile },
        });
        const payload = JSON.parse(text) as unknown;
        const result = safeParseOktaDevice(payload);
        if (!result.success) throw result.error;
        expect(JSON.stringify(result.data)).toBe(JSON.stringify(payload));
      }),
      { numRuns: 300 },
    );
  });

  it("reports a hole of a sparse list as an invalid element rather than skipping it", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    const list = safeParseOktaDeviceList([, realShapeMacWithUser]);
    expect(list.devices).toHaveLength(1);
    expect(list.failures.map((failure) => failure.index)).toStrictEqual([0]);
    expect(list.failures[0]?.error.message).toContain("expected object");
  });
});
