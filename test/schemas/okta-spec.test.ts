// Okta's management API spec as it is today (v2026.06): providers[], the relaxed fields,
// the length limits left unenforced, and every published example through the whole path.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toOcsfDeviceInventory } from "../../src/index.js";
import {
  parseOktaDevice,
  SekoiaDeviceInventoryEventSchema,
  StrictDeviceInventoryEventSchema,
  safeParseOktaDevice,
} from "../../src/schemas/index.js";
import { realShapeMacWithUser } from "../fixtures/page-examples.js";
import { hasOktaExamples, loadOktaExamples, OKTA_EXAMPLES_PATH } from "../helpers/shared.js";

const providers = [
  { provider: "oktaVerify", payloadVersion: "1.0", payload: { clientVersion: "7.0" } },
];

function parseAndMapBoth(record: unknown) {
  const device = parseOktaDevice(record);
  const sekoia = toOcsfDeviceInventory(device);
  const strict = toOcsfDeviceInventory(device, { profile: "ocsf" });
  expect(SekoiaDeviceInventoryEventSchema.parse(sekoia)).toStrictEqual(sekoia);
  expect(StrictDeviceInventoryEventSchema.parse(strict)).toStrictEqual(strict);
  return { device, sekoia, strict };
}

describe("Okta's current spec", () => {
  it("types providers[] and keeps it under `unmapped` in the strict profile", () => {
    const { device, sekoia, strict } = parseAndMapBoth({ ...realShapeMacWithUser, providers });
    expect(device.providers?.[0]?.payload?.clientVersion).toBe("7.0");
    expect(strict.unmapped?.providers).toStrictEqual(providers);
    expect(JSON.stringify(sekoia)).not.toContain("oktaVerify");
    const bad = safeParseOktaDevice({ ...realShapeMacWithUser, providers: [{ provider: 7 }] });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]?.path).toBe("providers[0].provider");
  });

  it("accepts a resourceDisplayName without value and a free-form enrollment date", () => {
    const record = {
      ...realShapeMacWithUser,
      resourceDisplayName: { sensitive: true },
      _embedded: {
        users: [{ ...realShapeMacWithUser._embedded.users[0], created: "last Tuesday" }],
      },
    };
    const { device, strict } = parseAndMapBoth(record);
    expect(device.resourceDisplayName).toStrictEqual({ sensitive: true });
    expect(strict.device.uid).toBe(realShapeMacWithUser.id);
  });

  it("never rejects a record for Okta's length limits (documented, not enforced)", () => {
    const profile = {
      ...realShapeMacWithUser.profile,
      displayName: "d".repeat(300),
      imei: "1",
      meid: "m".repeat(20),
      udid: "u".repeat(60),
      sid: "s".repeat(300),
      serialNumber: "n".repeat(200),
    };
    expect(() => parseAndMapBoth({ ...realShapeMacWithUser, profile })).not.toThrow();
  });

  it("accepts LINUX and any other platform, and maps LINUX to Linux", () => {
    const linux = {
      ...realShapeMacWithUser,
      profile: { ...realShapeMacWithUser.profile, platform: "LINUX" },
    };
    expect(parseAndMapBoth(linux).strict.device.os?.name).toBe("Linux");
    fc.assert(
      fc.property(fc.string(), (platform) => {
        const record = {
          ...realShapeMacWithUser,
          profile: { ...realShapeMacWithUser.profile, platform },
        };
        expect(safeParseOktaDevice(record).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("says `required` and the expected type for every missing required field", () => {
    const result = safeParseOktaDevice({ id: "guoMissing", profile: {} });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toStrictEqual([
      { path: "status", message: "required: expected string" },
      { path: "created", message: "required: expected string" },
      { path: "lastUpdated", message: "required: expected string" },
      { path: "profile.displayName", message: "required: expected string" },
      { path: "profile.platform", message: "required: expected string" },
      { path: "profile.registered", message: "required: expected boolean" },
    ]);
  });

  it("says `required` for any one required field left out, and never `Invalid input` alone", () => {
    const required = ["id", "status", "created", "lastUpdated", "profile"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...required), (field) => {
        const { [field]: _dropped, ...record } = realShapeMacWithUser;
        const result = safeParseOktaDevice(record);
        expect(result.success).toBe(false);
        if (result.success) return;
        expect(result.error.issues).toStrictEqual([
          {
            path: field,
            message: `required: expected ${field === "profile" ? "object" : "string"}`,
          },
        ]);
      }),
    );
    const wrong = safeParseOktaDevice({ ...realShapeMacWithUser, status: 3 });
    expect(wrong.success ? "" : wrong.error.message).toContain(
      "status: Invalid input: expected string, received number",
    );
  });

  it("reads all five published examples through parseOktaDevice and both profiles", {
    skip: !hasOktaExamples,
  }, () => {
    const examples = loadOktaExamples();
    const devices = [
      ...examples.APIDevicesListAllResponse.value,
      ...examples.APIDevicesListAllUserSummaryResponse.value,
      examples.DeviceResponse.value,
      examples.DeviceWithProvidersResponse.value,
      // The users response is what `_embedded.users` holds with expand=user: embed it.
      {
        ...(examples.DeviceResponse.value as object),
        _embedded: { users: examples.APIDevicesListAllUsersResponse.value },
      },
    ];
    expect(devices).toHaveLength(7);
    const results = devices.map(parseAndMapBoth);
    const withProviders = results[5];
    expect(withProviders?.strict.unmapped?.providers).toStrictEqual([
      { provider: "oktaVerify", payloadVersion: "1.0", payload: { clientVersion: "7.0" } },
    ]);
    const withUsers = results[6];
    expect(withUsers?.strict.device.owner?.email_addr).toBe("bunk.moreland@example.com");
    expect(withUsers?.sekoia.device.user_uid).toBe("00u17vh0q8ov8IU881d7");
  });
  if (!hasOktaExamples) console.warn(`SKIPPED published examples: no ${OKTA_EXAMPLES_PATH}`);
});
