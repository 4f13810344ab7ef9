import { describe, expect, it } from "vitest";
import { DeviceMappingError, type OktaDevice, toOcsfDeviceInventory } from "../../src/index.js";
import { StrictDeviceInventoryEventSchema } from "../../src/schemas/index.js";
import {
  pageManagedDevice,
  pageNonCompliantDevice,
  realShapeMacWithUser,
} from "../fixtures/page-examples.js";

function strict(record: unknown) {
  const event = toOcsfDeviceInventory(record as OktaDevice, { profile: "ocsf" });
  StrictDeviceInventoryEventSchema.parse(event);
  return event;
}

const minimal = {
  id: "guoMINIMAL0000000001",
  status: "ACTIVE",
  created: "2024-05-01T10:00:00.000Z",
  lastUpdated: "2024-05-02T10:00:00.000Z",
  profile: { displayName: "dev", platform: "WINDOWS", registered: true },
};

function withProfile(patch: Record<string, unknown>) {
  return { ...minimal, profile: { ...minimal.profile, ...patch } };
}

describe("profile ocsf: device.type_id", () => {
  it.each([
    ["IOS", "iPhone 14 Pro", 5, "Mobile"],
    ["ANDROID", "Pixel 6", 5, "Mobile"],
    ["IOS", "iPad Air (5th generation)", 4, "Tablet"],
    ["IOS", "iPad8,11", 4, "Tablet"],
    ["WINDOWS", "Latitude 5540", 2, "Desktop"],
    ["MACOS", "MacBookPro18,3", 2, "Desktop"],
    ["LINUX", undefined, 2, "Desktop"],
    ["CHROMEOS", undefined, 0, "Unknown"],
  ])("%s with model %s is %i %s", (platform, model, typeId, caption) => {
    const device = strict(withProfile({ platform, model })).device;
    expect(device.type_id).toBe(typeId);
    expect(device.type).toBe(caption);
  });

  it("no platform gives 0 Unknown and no os", () => {
    const { platform: _platform, ...profile } = { ...minimal.profile, osVersion: "1.2" };
    const event = strict({ ...minimal, profile });
    expect(event.device.type_id).toBe(0);
    expect(event.device.type).toBe("Unknown");
    expect(event.device).not.toHaveProperty("os");
    // Without an os object the version has no OCSF home: it is kept, not lost.
    expect(event.unmapped?.profile).toMatchObject({ osVersion: "1.2" });
  });
});

describe("profile ocsf: device.os", () => {
  it.each([
    ["WINDOWS", undefined, "Windows", 100, "Windows"],
    ["Windows", undefined, "Windows", 100, "Windows"],
    ["MACOS", undefined, "macOS", 300, "macOS"],
    ["IOS", "iPhone 15", "iOS", 301, "iOS"],
    ["IOS", "iPad Pro (12.9-inch)", "iPadOS", 302, "iPadOS"],
    ["ANDROID", undefined, "Android", 201, "Android"],
    ["LINUX", undefined, "Linux", 200, "Linux"],
    ["CHROMEOS", undefined, "CHROMEOS", 99, "CHROMEOS"],
  ])(
    "platform %s (model %s) is os %s, type_id %i, type %s",
    (platform, model, name, typeId, type) => {
      const os = strict(withProfile({ platform, model, osVersion: "9.9" })).device.os;
      expect(os).toStrictEqual({ name, type_id: typeId, type, version: "9.9" });
    },
  );
});

describe("profile ocsf: hardware and identifiers", () => {
  it("puts serial number and manufacturer in hw_info, manufacturer also in vendor_name", () => {
    const device = strict(pageNonCompliantDevice).device;
    expect(device.hw_info).toStrictEqual({
      serial_number: "A2R4P7B9C1D2E3F4G5",
      vendor_name: "Apple",
    });
    expect(device.vendor_name).toBe("Apple");
    expect(device.model).toBe("iPhone 14 Pro");
  });

  it("writes IMEI as imei_list, and meid and udid as such", () => {
    const device = strict(
      withProfile({ imei: "356938035643809", meid: "A1000049A2B3C4", udid: "U-1" }),
    ).device;
    expect(device.imei_list).toStrictEqual(["356938035643809"]);
    expect(device.meid).toBe("A1000049A2B3C4");
    expect(device.udid).toBe("U-1");
    expect(device).not.toHaveProperty("imei");
  });

  it("omits hw_info when there is neither serial number nor manufacturer", () => {
    expect(strict(minimal).device).not.toHaveProperty("hw_info");
  });
});

describe("profile ocsf: management, compliance, owner", () => {
  it("is_managed follows the same sources as the sekoia profile", () => {
    expect(strict(pageManagedDevice).device.is_managed).toBe(true);
    expect(strict(realShapeMacWithUser).device.is_managed).toBe(false);
    expect(strict(minimal).device).not.toHaveProperty("is_managed");
  });

  it.each([
    ["COMPLIANT", true],
    ["NON_COMPLIANT", false],
  ])("complianceStatus %s gives is_compliant %s and is kept as text", (status, value) => {
    const event = strict({ ...minimal, complianceStatus: status });
    expect(event.device.is_compliant).toBe(value);
    expect(event.unmapped?.complianceStatus).toBe(status);
  });

  it("UNKNOWN compliance or none leaves is_compliant out", () => {
    expect(strict({ ...minimal, complianceStatus: "UNKNOWN" }).device).not.toHaveProperty(
      "is_compliant",
    );
    expect(strict(minimal).device).not.toHaveProperty("is_compliant");
  });

  it("takes the owner from the embedded user", () => {
    expect(strict(realShapeMacWithUser).device.owner).toStrictEqual({
      uid: "00uqa0000000000001",
      name: "qa@example.com",
      email_addr: "qa@example.com",
      full_name: "Q A",
    });
  });

  it("takes the owner from userId in the page's shape", () => {
    expect(strict(pageManagedDevice).device.owner).toStrictEqual({ uid: "00u1a2b3c4d5e6f7g8h9" });
  });

  it("keeps an email OCSF would reject out of owner, but not out of the event", () => {
    const users = [{ user: { id: "00u1", profile: { login: "jdoe", email: "not an email" } } }];
    const event = strict({ ...minimal, _embedded: { users } });
    expect(event.device.owner).toStrictEqual({ uid: "00u1", name: "jdoe" });
    expect(JSON.stringify(event.unmapped)).toContain("not an email");
  });

  it("has no owner without userId or embedded user", () => {
    expect(strict(minimal).device).not.toHaveProperty("owner");
  });
});

describe("profile ocsf: times", () => {
  it("writes created_time, modified_time and time in milliseconds", () => {
    const event = strict(pageManagedDevice);
    expect(event.device.created_time).toBe(1685872800000);
    expect(event.device.modified_time).toBe(1756200600000);
    expect(event.time).toBe(1756200600000);
  });

  it("writes last_seen_time only when there is one", () => {
    expect(strict(pageManagedDevice).device.last_seen_time).toBe(1756200600000);
    expect(strict(minimal).device).not.toHaveProperty("last_seen_time");
  });

  it("falls back to created for the event time, and fails clearly without either", () => {
    const { lastUpdated: _l, ...noUpdate } = minimal;
    expect(strict(noUpdate).time).toBe(1714557600000);
    const { created: _c, ...neither } = noUpdate;
    expect(() => strict(neither)).toThrow(DeviceMappingError);
  });
});

describe("profile ocsf: metadata and unmapped", () => {
  it("names Okta as product and vendor", () => {
    expect(strict(minimal).metadata).toStrictEqual({
      product: { name: "Okta", vendor_name: "Okta" },
      version: "1.6.0",
    });
  });

  it("keeps every fact without an OCSF home under the source's own names", () => {
    const event = strict(pageManagedDevice);
    expect(event.unmapped).toStrictEqual({
      status: "ACTIVE",
      deviceType: "Computer",
      complianceStatus: "COMPLIANT",
      profile: {
        registered: true,
        secureHardwarePresent: true,
        diskEncryptionType: "BitLocker",
        osUpdateTime: "2025-08-20T14:30:00.000Z",
      },
    });
  });

  it("keeps real-API extras, unknown fields and enrollments, and drops _links", () => {
    const record = {
      ...realShapeMacWithUser,
      profile: {
        ...realShapeMacWithUser.profile,
        sid: "S-1-5-21-1",
        tpmPublicKeyHash: "ab12",
        secureHardwarePresent: false,
      },
      _links: { self: { href: "https://acme.okta.com/api/v1/devices/x" } },
    };
    const unmapped = strict(record).unmapped;
    expect(unmapped).toMatchObject({
      status: "SUSPENDED",
      resourceType: "UDDevice",
      resourceId: "guo1mac0000000000001",
      resourceDisplayName: { value: "Mac-Studio-QA", sensitive: false },
      resourceAlternateId: null,
      futureTopLevel: "kept",
      profile: {
        registered: false,
        integrityJailbreak: false,
        sid: "S-1-5-21-1",
        tpmPublicKeyHash: "ab12",
        secureHardwarePresent: false,
        someFutureField: { nested: [1, 2, 3] },
      },
      _embedded: {
        users: [{ managementStatus: "NOT_MANAGED", screenLockType: "PASSCODE" }],
      },
    });
    expect(unmapped).not.toHaveProperty("_links");
    expect(JSON.stringify(unmapped)).not.toContain("_links");
  });

  it("copies, never shares, nested source values", () => {
    const record = structuredClone(realShapeMacWithUser);
    const event = strict(record);
    const copy = event.unmapped?.resourceDisplayName as { value: string };
    copy.value = "changed";
    expect(record.resourceDisplayName.value).toBe("Mac-Studio-QA");
  });

  it("keeps profile.managed when a top-level managed took precedence", () => {
    const record = {
      ...pageManagedDevice,
      profile: { ...pageManagedDevice.profile, managed: false },
    };
    const event = strict(record);
    expect(event.device.is_managed).toBe(true);
    expect(event.unmapped?.profile).toMatchObject({ managed: false });
  });

  it("loses no source fact: every leaf is in the OCSF fields or under unmapped", () => {
    const event = strict(pageNonCompliantDevice);
    const text = JSON.stringify(event);
    const leaves: string[] = [];
    const walk = (value: unknown) => {
      if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
      else if (typeof value === "string") leaves.push(value);
    };
    walk(pageNonCompliantDevice);
    const timeFields = new Set([
      pageNonCompliantDevice.created,
      pageNonCompliantDevice.lastUpdated,
      pageNonCompliantDevice.lastSeen,
    ]);
    for (const leaf of leaves) {
      if (!timeFields.has(leaf)) expect(text).toContain(JSON.stringify(leaf));
    }
  });
});

describe("profile ocsf: hostile keys", () => {
  it("keeps a __proto__ key from JSON as data, not as a prototype", () => {
    const record = JSON.parse(
      '{"id":"guoPROTO","status":"ACTIVE","created":"2024-01-01T00:00:00Z","lastUpdated":"2024-01-01T00:00:00Z","profile":{"displayName":"d","platform":"WINDOWS","registered":true,"x":{"__proto__":{"polluted":true}}}}',
    );
    const event = strict(record);
    const profile = (event.unmapped?.profile ?? {}) as Record<string, unknown>;
    const x = profile.x as Record<string, unknown>;
    expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
    expect(Object.hasOwn(x, "__proto__")).toBe(true);
    expect((x as { polluted?: boolean }).polluted).toBeUndefined();
    expect(JSON.stringify(event)).toContain('"__proto__":{"polluted":true}');
  });
});
