import { describe, expect, it } from "vitest";
import { OktaDeviceListSchema } from "../../src/schemas/index.js";
import { generateOktaDevices } from "../../src/testing/index.js";

describe("generateOktaDevices", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(generateOktaDevices(50, { seed: 7 })).toStrictEqual(
      generateOktaDevices(50, { seed: 7 }),
    );
    expect(generateOktaDevices(50, { seed: 7 })).not.toStrictEqual(
      generateOktaDevices(50, { seed: 8 }),
    );
  });

  it("makes valid real-shape records with unique ids, all platforms and some iPads", () => {
    const devices = OktaDeviceListSchema.parse(generateOktaDevices(2000, { expand: "user" }));
    expect(new Set(devices.map((device) => device.id)).size).toBe(2000);
    const platforms = new Set(devices.map((device) => device.profile.platform));
    expect([...platforms].sort()).toStrictEqual(["ANDROID", "IOS", "MACOS", "WINDOWS"]);
    expect(devices.some((device) => device.profile.model?.startsWith("iPad"))).toBe(true);
    expect(devices.some((device) => device.profile.serialNumber === undefined)).toBe(true);
    expect(devices.some((device) => (device._embedded?.users?.length ?? 0) > 0)).toBe(true);
    for (const device of devices) {
      expect(Date.parse(device.lastUpdated)).toBeGreaterThanOrEqual(Date.parse(device.created));
    }
  });

  it("embeds users only with expand, as summaries with userSummary", () => {
    expect(generateOktaDevices(20).every((device) => device._embedded === undefined)).toBe(true);
    const summaries = generateOktaDevices(50, { expand: "userSummary" });
    const user = summaries.flatMap((device) => device._embedded?.users ?? [])[0]?.user;
    expect(user).toBeDefined();
    expect(user).not.toHaveProperty("status");
    expect(user?.profile?.login).toMatch(/@example\.com$/);
  });

  it("rejects a bad count", () => {
    expect(() => generateOktaDevices(-1)).toThrow(RangeError);
  });
});
