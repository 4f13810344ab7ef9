import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeviceMappingError, toOcsfDeviceInventory } from "../../src/index.js";
import {
  OktaDeviceValidationError,
  SekoiaDeviceInventoryEventSchema,
  safeParseOktaDevice,
} from "../../src/schemas/index.js";
import { oktaDeviceArbitrary } from "../helpers/arbitraries.js";

describe("properties", () => {
  it("any record the schema accepts maps without throwing, fixed fields right", () => {
    fc.assert(
      fc.property(oktaDeviceArbitrary, (record) => {
        const parsed = safeParseOktaDevice(record);
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        const event = toOcsfDeviceInventory(parsed.data);
        expect(SekoiaDeviceInventoryEventSchema.parse(event)).toStrictEqual(event);
        expect(event.device.uid).toBe(record.id);
        expect(event.time).toBe(Math.floor(Date.parse(record.created) / 1000));
        expect(event.device.is_enabled).toBe(record.status === "ACTIVE");
        expect(event.device.name).toBe(record.profile.displayName);
        expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
      }),
      { numRuns: 1000 },
    );
  });

  it("arbitrary JSON either parses or fails with paths, and the mapper never crashes", () => {
    const nearlyDevice = fc.oneof(
      fc.jsonValue(),
      oktaDeviceArbitrary.chain((record) =>
        fc
          .record({
            key: fc.constantFrom("id", "created", "status", "profile", "lastSeen"),
            value: fc.jsonValue(),
          })
          .map(({ key, value }) => ({ ...record, [key]: value })),
      ),
    );
    fc.assert(
      fc.property(nearlyDevice, (input) => {
        const result = safeParseOktaDevice(input);
        if (!result.success) {
          expect(result.error).toBeInstanceOf(OktaDeviceValidationError);
          expect(result.error.issues.length).toBeGreaterThan(0);
        }
        try {
          const event = toOcsfDeviceInventory(input as never);
          expect(typeof event.device.uid).toBe("string");
          expect(Number.isInteger(event.time)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DeviceMappingError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
