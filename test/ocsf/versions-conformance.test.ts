import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  OCSF_VERSIONS,
  type OcsfVersion,
  type OktaDevice,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import { strictDeviceInventoryEventSchema } from "../../src/schemas/index.js";
import {
  pageManagedDevice,
  pageNonCompliantDevice,
  realShapeMacWithUser,
} from "../fixtures/page-examples.js";
import { versionedDeviceArbitrary } from "../helpers/long-strings.js";
import { ocsfSemanticProblems } from "../helpers/ocsf-checks.js";
import {
  hasOcsfSchemaFor,
  ocsfSchemaPath,
  officialValidator,
} from "../helpers/ocsf-version-schemas.js";
import { hasOktaExamples, loadOktaExamples } from "../helpers/shared.js";

// Per version: thousands of records per run in all (6,000 events, each through both our
// schema and the official one), as the issue asks; about 20 s on a busy 2-core machine.
const RUNS = 1000;

function fixedRecords(): unknown[] {
  const fixed: unknown[] = [pageManagedDevice, pageNonCompliantDevice, realShapeMacWithUser];
  if (hasOktaExamples) {
    const examples = loadOktaExamples();
    fixed.push(
      ...examples.APIDevicesListAllResponse.value,
      ...examples.APIDevicesListAllUserSummaryResponse.value,
      examples.DeviceResponse.value,
      examples.DeviceWithProvidersResponse.value,
    );
  }
  return fixed;
}

describe.each(OCSF_VERSIONS)("profile ocsf, OCSF %s: conformance", (version: OcsfVersion) => {
  const map = (record: unknown) =>
    toOcsfDeviceInventory(record as OktaDevice, { profile: "ocsf", ocsfVersion: version });
  const schema = strictDeviceInventoryEventSchema(version);

  it(`${RUNS} generated records (long strings, non-DNS names) pass the project's ${version} schema and the extra checks`, () => {
    fc.assert(
      fc.property(versionedDeviceArbitrary, (record) => {
        const event = map(record);
        schema.parse(event);
        expect(ocsfSemanticProblems(event as never, version)).toStrictEqual([]);
        expect(event.metadata.version).toBe(version);
      }),
      { numRuns: RUNS },
    );
  });

  const hasSchema = hasOcsfSchemaFor(version);
  if (!hasSchema)
    console.warn(`SKIPPED official OCSF ${version} validation: no ${ocsfSchemaPath(version)}`);
  it(`${RUNS} generated records and the fixed examples are valid against the official OCSF ${version} JSON Schema`, {
    skip: !hasSchema,
  }, () => {
    const { ajv, validate } = officialValidator(version);
    let validated = 0;
    const check = (record: unknown) => {
      const event = map(record);
      if (!validate(event)) {
        throw new Error(
          `invalid ${version} event for ${(record as OktaDevice).id}: ${ajv.errorsText(validate.errors)}`,
        );
      }
      expect(ocsfSemanticProblems(event as never, version)).toStrictEqual([]);
      validated++;
    };
    fc.assert(fc.property(versionedDeviceArbitrary, check), { numRuns: RUNS });
    for (const record of fixedRecords()) check(record);
    expect(validated).toBeGreaterThanOrEqual(RUNS + 3);
  });
});
