// Issue 12 §4: no lookup indexed by data may reach Object.prototype. Every name Object.prototype
// carries goes through every string field of a device, in both profiles, raw and after
// the schema's parse: the event holds the given string (never an inherited function) and
// validates against the package's own output schemas.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeviceMappingError, type OcsfProfile, toOcsfDeviceInventory } from "../../src/index.js";
import {
  SekoiaDeviceInventoryEventSchema,
  StrictDeviceInventoryEventSchema,
  safeParseOktaDevice,
} from "../../src/schemas/index.js";
import { pageManagedDevice, realShapeMacWithUser } from "../fixtures/page-examples.js";
import { oktaDeviceArbitrary } from "../helpers/arbitraries.js";
import { PROTOTYPE_NAMES } from "../helpers/prototype-names.js";

type Path = (string | number)[];

function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === "string") return [path];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) =>
    stringPaths(child, [...path, Array.isArray(value) ? Number(key) : key]),
  );
}

function withValue(record: unknown, path: Path, value: string): Record<string, unknown> {
  const copy = structuredClone(record) as Record<string, unknown>;
  let target = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1] as string | number] = value;
  return copy;
}

// Every value of the event is JSON data with no inherited surprise: no function, no
// object whose prototype is not Object.prototype or Array.prototype.
function expectPlainJson(value: unknown, where = "event"): void {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return;
  expect(typeof value, where).toBe("object");
  const prototype = Object.getPrototypeOf(value);
  expect(prototype === Object.prototype || prototype === Array.prototype, where).toBe(true);
  for (const key of Object.keys(value as object)) {
    expectPlainJson((value as Record<string, unknown>)[key], `${where}.${key}`);
  }
}

function checkMapping(record: unknown, profile: OcsfProfile): unknown {
  let event: unknown;
  try {
    event = toOcsfDeviceInventory(record as never, { profile });
  } catch (error) {
    // A time field holding "constructor" is rightly refused, with the field named.
    expect(error).toBeInstanceOf(DeviceMappingError);
    return undefined;
  }
  expectPlainJson(event);
  const schema =
    profile === "sekoia" ? SekoiaDeviceInventoryEventSchema : StrictDeviceInventoryEventSchema;
  expect(schema.safeParse(event).success).toBe(true);
  expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
  return event;
}

const SOURCES = { page: pageManagedDevice, real: realShapeMacWithUser };

describe("prototype names in device fields (issue 12 §4)", () => {
  it.each(PROTOTYPE_NAMES)('profile.platform "%s" is the os name in both profiles', (name) => {
    const record = withValue(realShapeMacWithUser, ["profile", "platform"], name);
    const sekoia = toOcsfDeviceInventory(record as never);
    expect(sekoia.device.os).toStrictEqual({ name, version: "14.4.1" });
    const strict = toOcsfDeviceInventory(record as never, { profile: "ocsf" });
    expect(strict.device.os).toStrictEqual({ name, type_id: 99, type: name, version: "14.4.1" });
    expect(strict.device.type_id).toBe(0);
    expect(SekoiaDeviceInventoryEventSchema.safeParse(sekoia).success).toBe(true);
    expect(StrictDeviceInventoryEventSchema.safeParse(strict).success).toBe(true);
    expect(JSON.stringify(sekoia)).toContain(`"os":{"name":${JSON.stringify(name)}`);
  });

  for (const [shape, source] of Object.entries(SOURCES)) {
    const paths = stringPaths(source);
    it(`every string field of the ${shape} shape (${paths.length} fields), every name, both profiles, raw and parsed`, () => {
      expect(paths.length).toBeGreaterThan(10);
      for (const path of paths) {
        for (const name of PROTOTYPE_NAMES) {
          const record = withValue(source, path, name);
          for (const profile of ["sekoia", "ocsf"] as const) {
            checkMapping(record, profile);
            const parsed = safeParseOktaDevice(record);
            if (parsed.success) checkMapping(parsed.data, profile);
          }
        }
      }
    });
  }

  it("random records with a random string field set to a prototype name map to plain JSON", () => {
    fc.assert(
      fc.property(
        oktaDeviceArbitrary,
        fc.constantFrom(...PROTOTYPE_NAMES),
        fc.nat(),
        fc.constantFrom<OcsfProfile>("sekoia", "ocsf"),
        (source, name, pick, profile) => {
          const paths = stringPaths(source);
          const path = paths[pick % paths.length] as Path;
          const record = withValue(source, path, name);
          const event = checkMapping(record, profile) as Record<string, unknown> | undefined;
          if (event !== undefined && path.join(".") === "id") {
            expect((event.device as { uid: string }).uid).toBe(name);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
