import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toOcsfDeviceInventory } from "../../src/mapping/to-ocsf.js";
import { generateOktaDevices } from "../../src/testing/generate.js";

// The renderers read `profile` in one for…in pass when it is a plain object, and by named
// loads otherwise: both must see the same fields.
class ProfileWithGetters {
  constructor(private readonly fields: Record<string, unknown>) {}
  get displayName() {
    return this.fields.displayName;
  }
  get platform() {
    return this.fields.platform;
  }
  get model() {
    return this.fields.model;
  }
  get serialNumber() {
    return this.fields.serialNumber;
  }
}

describe("reading the profile", () => {
  it("maps a null-prototype or frozen profile exactly as a plain one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const [device] = generateOktaDevices(1, { seed, expand: "user" });
        if (device === undefined) throw new Error("no device");
        for (const profile of ["sekoia", "ocsf"] as const) {
          const plain = toOcsfDeviceInventory(device, { profile });
          const bare = Object.assign(Object.create(null), device.profile);
          expect(toOcsfDeviceInventory({ ...device, profile: bare }, { profile })).toStrictEqual(
            plain,
          );
          const frozen = Object.freeze({ ...device.profile });
          expect(toOcsfDeviceInventory({ ...device, profile: frozen }, { profile })).toStrictEqual(
            plain,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it("sees fields a profile object exposes through getters", () => {
    const [device] = generateOktaDevices(1, { seed: 3 });
    if (device === undefined) throw new Error("no device");
    const fields = { displayName: "WIN-1", platform: "WINDOWS", model: "XPS", serialNumber: "S1" };
    const event = toOcsfDeviceInventory({
      ...device,
      profile: new ProfileWithGetters(fields) as unknown as typeof device.profile,
    });
    expect(event.device).toMatchObject({
      name: "WIN-1",
      hostname: "WIN-1",
      model: "XPS",
      serial_number: "S1",
      os: { name: "Windows", type: "Windows" },
    });
  });
});

describe("the sekoia profile's os", () => {
  const [device] = generateOktaDevices(1, { seed: 5 });
  const withPlatform = (platform: string) => {
    if (device === undefined) throw new Error("no device");
    const { osVersion: _osVersion, ...profile } = device.profile;
    return toOcsfDeviceInventory({ ...device, profile: { ...profile, platform } }).device.os;
  };

  it("names known platforms in any case, and keeps others as given", () => {
    expect(withPlatform("WINDOWS")).toStrictEqual({ name: "Windows", type: "Windows" });
    expect(withPlatform("iOS")).toStrictEqual({ name: "iOS", type: "AppleOS" });
    expect(withPlatform("macos")).toStrictEqual({ name: "MacOS", type: "AppleOS" });
    expect(withPlatform("LINUX")).toStrictEqual({ name: "LINUX", type: "Linux" });
    expect(withPlatform("CHROMEOS")).toStrictEqual({ name: "CHROMEOS" });
  });

  it("never answers a platform with a property of Object.prototype", () => {
    for (const platform of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(withPlatform(platform)).toStrictEqual({ name: platform });
    }
  });
});
