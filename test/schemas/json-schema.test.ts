// oktaDeviceJsonSchema() is for consumers that validate with a JSON Schema library instead
// of zod: it must compile in a strict 2020-12 validator, accept everything the zod schema
// accepts (a record Okta sent is never rejected), and refuse what zod refuses for a
// missing required field or a wrong type.
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oktaDeviceJsonSchema, safeParseOktaDevice } from "../../src/schemas/index.js";
import { pageManagedDevice, realShapeMacWithUser } from "../fixtures/page-examples.js";
import { oktaDeviceArbitrary } from "../helpers/arbitraries.js";
import { hasOktaExamples, loadOktaExamples, OKTA_EXAMPLES_PATH } from "../helpers/shared.js";

// strict: an unknown keyword or a malformed schema is an error, not ignored. Formats are
// checked by zod's parser (stricter than any JSON Schema date-time); not here.
const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(
  oktaDeviceJsonSchema(),
);

describe("oktaDeviceJsonSchema() in a JSON Schema validator (ajv, 2020-12, strict)", () => {
  it("accepts the product page's and the real API's shapes", () => {
    for (const record of [pageManagedDevice, realShapeMacWithUser]) {
      expect(validate(JSON.parse(JSON.stringify(record))), JSON.stringify(validate.errors)).toBe(
        true,
      );
    }
  });

  it("accepts every published Okta device example", { skip: !hasOktaExamples }, () => {
    const examples = loadOktaExamples();
    const devices = [
      ...examples.APIDevicesListAllResponse.value,
      ...examples.APIDevicesListAllUserSummaryResponse.value,
      examples.DeviceResponse.value,
      examples.DeviceWithProvidersResponse.value,
    ];
    for (const device of devices) {
      expect(validate(device), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("accepts whatever the zod schema accepts (property)", () => {
    fc.assert(
      fc.property(oktaDeviceArbitrary, (record) => {
        const payload = JSON.parse(JSON.stringify(record)) as unknown;
        expect(safeParseOktaDevice(payload).success).toBe(true);
        expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a missing required field or a wrong type, as zod does", () => {
    const required = ["id", "status", "created", "lastUpdated", "profile"] as const;
    for (const field of required) {
      const { [field]: _dropped, ...record } = realShapeMacWithUser;
      expect(validate(record), field).toBe(false);
      expect(safeParseOktaDevice(record).success, field).toBe(false);
    }
    const wrong = {
      ...realShapeMacWithUser,
      profile: { ...realShapeMacWithUser.profile, registered: "yes" },
    };
    expect(validate(wrong)).toBe(false);
    expect(safeParseOktaDevice(wrong).success).toBe(false);
  });

  if (!hasOktaExamples) console.warn(`SKIPPED published examples: no ${OKTA_EXAMPLES_PATH}`);
});
