import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DeviceGone,
  DeviceMappingError,
  OCSF_VERSIONS,
  toOcsfDeviceDeletion,
} from "../../src/index.js";
import {
  SekoiaDeviceDeletionEventSchema,
  StrictDeviceDeletionEventSchema,
} from "../../src/schemas/index.js";
import { deletionSemanticProblems } from "../helpers/deletion-checks.js";
import { reportSkip, SHARED_DIR } from "../helpers/shared.js";

const windows: DeviceGone = {
  id: "guo8jx5vVoxfvJeLb0w4",
  displayName: "DESKTOP-EXAMPLE",
  platform: "WINDOWS",
  lastUpdated: "2025-08-26T09:30:00.000Z",
  detectedAt: "2026-01-02T03:04:05.000Z",
};

const goneArbitrary: fc.Arbitrary<DeviceGone> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 30 }),
    displayName: fc.string({ maxLength: 40 }),
    platform: fc.constantFrom("WINDOWS", "MACOS", "IOS", "ANDROID", "LINUX", "CHROMEOS", "iOS"),
    model: fc.constantFrom("iPad8,11", "iPhone 14 Pro", "Latitude 5540", "x"),
    lastUpdated: fc
      .date({ min: new Date("2000-01-01Z"), max: new Date("2035-12-31Z"), noInvalidDate: true })
      .map((date) => date.toISOString()),
    detectedAt: fc
      .date({ min: new Date("2000-01-01Z"), max: new Date("2035-12-31Z"), noInvalidDate: true })
      .map((date) => date.toISOString()),
  },
  { requiredKeys: ["id", "detectedAt"] },
);

describe("toOcsfDeviceDeletion, profile ocsf", () => {
  it("maps a deleted device to an Entity Management Delete event", () => {
    const event = toOcsfDeviceDeletion(windows, { profile: "ocsf" });
    expect(event).toStrictEqual({
      activity_id: 4,
      activity_name: "Delete",
      category_uid: 3,
      category_name: "Identity & Access Management",
      class_uid: 3004,
      class_name: "Entity Management",
      type_uid: 300404,
      type_name: "Entity Management: Delete",
      severity_id: 1,
      severity: "Informational",
      message: "Okta device deleted: absent from a complete listing of the org's devices",
      time: Date.parse("2026-01-02T03:04:05.000Z"),
      metadata: { product: { name: "Okta", vendor_name: "Okta" }, version: "1.6.0" },
      entity: {
        type_id: 1,
        type: "Device",
        uid: "guo8jx5vVoxfvJeLb0w4",
        name: "DESKTOP-EXAMPLE",
        device: {
          type_id: 2,
          type: "Desktop",
          uid: "guo8jx5vVoxfvJeLb0w4",
          name: "DESKTOP-EXAMPLE",
          os: { name: "Windows", type_id: 100, type: "Windows" },
          modified_time: Date.parse("2025-08-26T09:30:00.000Z"),
        },
      },
    });
  });

  it("declares the chosen version, tells an iPad by its model, and keeps an unknown platform", () => {
    const ipad = toOcsfDeviceDeletion(
      { id: "a", platform: "IOS", model: "iPad8,11", detectedAt: windows.detectedAt },
      { profile: "ocsf", ocsfVersion: "1.3.0" },
    );
    expect(ipad.metadata.version).toBe("1.3.0");
    expect(ipad.entity.device).toMatchObject({ type_id: 4, os: { type_id: 302, name: "iPadOS" } });
    expect(ipad.entity.name).toBeUndefined();
    const other = toOcsfDeviceDeletion(
      { id: "b", platform: "CHROMEOS", detectedAt: windows.detectedAt },
      { profile: "ocsf" },
    );
    expect(other.entity.device).toStrictEqual({
      type_id: 0,
      type: "Unknown",
      uid: "b",
      os: { name: "CHROMEOS", type_id: 99, type: "CHROMEOS" },
    });
  });

  it("in OCSF 1.3.0, moves a name longer than 65,535 characters under unmapped", () => {
    const long = "n".repeat(65_536);
    const event = toOcsfDeviceDeletion(
      { id: "c", displayName: long, detectedAt: windows.detectedAt },
      { profile: "ocsf", ocsfVersion: "1.3.0" },
    );
    expect(event.entity.name).toBeUndefined();
    expect(event.unmapped).toStrictEqual({ displayName: long });
    expect(StrictDeviceDeletionEventSchema.safeParse(event).success).toBe(true);
    const forced = { ...event, entity: { ...event.entity, name: long } };
    expect(StrictDeviceDeletionEventSchema.safeParse(forced).success).toBe(false);
    const recent = toOcsfDeviceDeletion(
      { id: "c", displayName: long, detectedAt: windows.detectedAt },
      { profile: "ocsf", ocsfVersion: "1.6.0" },
    );
    expect(recent.entity.name).toBe(long);
    expect(StrictDeviceDeletionEventSchema.safeParse(recent).success).toBe(true);
  });

  it("reads detectedAt and lastUpdated as strictly as the inventory reads dates", () => {
    // Date.parse took "1" for 2001 and a date without a time zone for local time.
    for (const detectedAt of [
      "1",
      "2026-01-02",
      "2026-01-02T03:04:05",
      "Fri, 02 Jan 2026 03:04:05 GMT",
    ]) {
      expect(() => toOcsfDeviceDeletion({ id: "e", detectedAt }, { profile: "ocsf" })).toThrow(
        new DeviceMappingError("e", "detectedAt", "is not an ISO 8601 date-time"),
      );
    }
    expect(() =>
      toOcsfDeviceDeletion({ id: "e", detectedAt: windows.detectedAt, lastUpdated: "2025-08-26" }),
    ).toThrow(new DeviceMappingError("e", "lastUpdated", "is not an ISO 8601 date-time"));
    const offset = toOcsfDeviceDeletion(
      { id: "e", detectedAt: "2026-01-02T05:04:05+02:00" },
      { profile: "ocsf" },
    );
    expect(offset.time).toBe(Date.parse(windows.detectedAt));
  });

  it("names the record and the field of a bad input, and refuses unknown versions", () => {
    expect(() =>
      toOcsfDeviceDeletion({ id: "d", detectedAt: "yesterday" }, { profile: "ocsf" }),
    ).toThrow(new DeviceMappingError("d", "detectedAt", "is not an ISO 8601 date-time"));
    expect(() =>
      toOcsfDeviceDeletion({ id: "", detectedAt: windows.detectedAt } as DeviceGone),
    ).toThrow(DeviceMappingError);
    expect(() =>
      toOcsfDeviceDeletion(windows, { profile: "ocsf", ocsfVersion: "1.2.0" as "1.3.0" }),
    ).toThrow(/Unknown OCSF version "1.2.0"/);
    expect(() => toOcsfDeviceDeletion(windows, { ocsfVersion: "1.3.0" })).toThrow(
      /ocsfVersion "1.3.0" applies to profile "ocsf" only/,
    );
    expect(() => toOcsfDeviceDeletion(windows, { profile: "lake" as "ocsf" })).toThrow(
      /Unknown OCSF profile "lake"/,
    );
  });

  for (const version of OCSF_VERSIONS) {
    const path = resolve(SHARED_DIR, `ocsf/entity_management-${version}.schema.json`);
    const present = existsSync(path);
    if (!present) reportSkip(`the official OCSF ${version} Entity Management schema`, path);
    it(`generated deletions are valid against the official Entity Management ${version} schema`, {
      skip: !present,
    }, () => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      const validate = ajv.compile(JSON.parse(readFileSync(path, "utf8")));
      // The schema must be able to fail: an inventory-only field is refused.
      expect(validate({ ...toOcsfDeviceDeletion(windows, { profile: "ocsf" }), device: {} })).toBe(
        false,
      );
      fc.assert(
        fc.property(goneArbitrary, (gone) => {
          const event = toOcsfDeviceDeletion(gone, { profile: "ocsf", ocsfVersion: version });
          if (!validate(event)) throw new Error(JSON.stringify(validate.errors));
          expect(deletionSemanticProblems(event as never, version)).toStrictEqual([]);
          StrictDeviceDeletionEventSchema.parse(event);
          expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe("toOcsfDeviceDeletion, profile sekoia (the default)", () => {
  it("writes the same Entity Management fields in the profile's terms, times in seconds", () => {
    const event = toOcsfDeviceDeletion(windows);
    expect(event.time).toBe(Date.parse(windows.detectedAt) / 1000);
    expect(event.metadata).toStrictEqual({ product: { name: "Okta" }, version: "1.6.0" });
    expect(event.entity).toStrictEqual({
      type_id: 1,
      type: "Device",
      uid: windows.id,
      name: "DESKTOP-EXAMPLE",
      device: {
        uid: windows.id,
        name: "DESKTOP-EXAMPLE",
        hostname: "DESKTOP-EXAMPLE",
        os: { name: "Windows", type: "Windows" },
        updated_time: Date.parse("2025-08-26T09:30:00.000Z") / 1000,
      },
    });
  });

  it("passes its zod schema for generated deletions", () => {
    fc.assert(
      fc.property(goneArbitrary, (gone) => {
        SekoiaDeviceDeletionEventSchema.parse(toOcsfDeviceDeletion(gone, { profile: "sekoia" }));
      }),
      { numRuns: 300 },
    );
  });
});
