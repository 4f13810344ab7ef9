import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type OktaDevice, toOcsfDeviceInventory } from "../../src/index.js";
import { StrictDeviceInventoryEventSchema } from "../../src/schemas/index.js";
import {
  pageManagedDevice,
  pageNonCompliantDevice,
  realShapeMacWithUser,
} from "../fixtures/page-examples.js";
import { oktaDeviceArbitrary } from "../helpers/arbitraries.js";
import { ocsfSemanticProblems } from "../helpers/ocsf-checks.js";
import {
  hasOcsfSchema,
  hasOktaExamples,
  loadOcsfSchema,
  loadOktaExamples,
  OCSF_SCHEMA_PATH,
} from "../helpers/shared.js";

const RUNS = 3000;

function strict(record: unknown) {
  return toOcsfDeviceInventory(record as OktaDevice, { profile: "ocsf" });
}

describe("profile ocsf: conformance", () => {
  it(`${RUNS} generated records give events that pass the project's strict schema and the extra checks`, () => {
    fc.assert(
      fc.property(oktaDeviceArbitrary, (record) => {
        const event = strict(record);
        StrictDeviceInventoryEventSchema.parse(event);
        expect(ocsfSemanticProblems(event as never)).toStrictEqual([]);
        expect(event.time).toBe(Date.parse(record.lastUpdated));
        expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
      }),
      { numRuns: RUNS },
    );
  });

  it(`${RUNS} generated records give events valid against the official OCSF 1.6.0 JSON Schema`, {
    skip: !hasOcsfSchema,
  }, () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(loadOcsfSchema());
    let validated = 0;
    fc.assert(
      fc.property(oktaDeviceArbitrary, (record) => {
        const event = strict(record);
        if (!validate(event)) {
          throw new Error(`invalid event for ${record.id}: ${ajv.errorsText(validate.errors)}`);
        }
        expect(ocsfSemanticProblems(event as never)).toStrictEqual([]);
        validated++;
      }),
      { numRuns: RUNS },
    );
    const fixed = [pageManagedDevice, pageNonCompliantDevice, realShapeMacWithUser];
    if (hasOktaExamples) {
      const examples = loadOktaExamples();
      fixed.push(
        ...(examples.APIDevicesListAllResponse.value as never[]),
        ...(examples.APIDevicesListAllUserSummaryResponse.value as never[]),
        examples.DeviceResponse.value as never,
        examples.DeviceWithProvidersResponse.value as never,
      );
    }
    for (const record of fixed) {
      const event = strict(record);
      expect(validate(event), ajv.errorsText(validate.errors)).toBe(true);
      expect(ocsfSemanticProblems(event as never)).toStrictEqual([]);
      validated++;
    }
    expect(validated).toBeGreaterThanOrEqual(RUNS + 3);
  });
  if (!hasOcsfSchema)
    console.warn(`SKIPPED official OCSF schema validation: no ${OCSF_SCHEMA_PATH}`);

  it("the extra checks catch what they are meant to catch", () => {
    const event = strict(pageManagedDevice) as unknown as Record<string, unknown>;
    expect(ocsfSemanticProblems({ ...event, type_uid: 500101 })).toContain(
      "type_uid !== class_uid * 100 + activity_id",
    );
    expect(ocsfSemanticProblems({ ...event, time: 1756200600 })).toContain(
      "time is not epoch milliseconds",
    );
    const device = event.device as Record<string, unknown>;
    expect(ocsfSemanticProblems({ ...event, device: { ...device, type: "Laptop" } })).toHaveLength(
      1,
    );
  });

  it("the official schema rejects the sekoia profile (which is why the strict one exists)", {
    skip: !hasOcsfSchema,
  }, () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(loadOcsfSchema());
    expect(validate(toOcsfDeviceInventory(pageManagedDevice as OktaDevice))).toBe(false);
  });
});
