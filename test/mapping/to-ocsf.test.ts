import { describe, expect, it } from "vitest";
import { DeviceMappingError, type OktaDevice, toOcsfDeviceInventory } from "../../src/index.js";
import { SekoiaDeviceInventoryEventSchema } from "../../src/schemas/index.js";
import {
  pageManagedDevice,
  pageNonCompliantDevice,
  realShapeMacWithUser,
} from "../fixtures/page-examples.js";
import { hasOktaExamples, loadOktaExamples, OKTA_EXAMPLES_PATH } from "../helpers/shared.js";

const STATIC_FIELDS = {
  activity_id: 2,
  activity_name: "Collect",
  category_name: "Discovery",
  category_uid: 5,
  class_name: "Device Inventory Info",
  class_uid: 5001,
  type_name: "Device Inventory Info: Collect",
  type_uid: 500102,
  severity: "Informational",
  severity_id: 1,
  metadata: { product: { name: "Okta" }, version: "1.6.0" },
};

function map(record: unknown) {
  return toOcsfDeviceInventory(record as OktaDevice);
}

describe("toOcsfDeviceInventory, profile sekoia: the product page's examples", () => {
  it("maps the managed Windows laptop exactly as the table says, with the correct epochs", () => {
    expect(map(pageManagedDevice)).toStrictEqual({
      ...STATIC_FIELDS,
      time: 1685872800,
      device: {
        uid: "gooabc123defGHIJKL",
        name: "LAPTOP-MARY-001",
        hostname: "LAPTOP-MARY-001",
        type: "Computer",
        serial_number: "ABC123DEF456",
        manufacturer: "Dell",
        model: "Latitude 5540",
        is_enabled: true,
        status: "ACTIVE",
        is_managed: true,
        is_registered: true,
        compliance_status: "COMPLIANT",
        has_secure_hardware: true,
        encryption_type: "BitLocker",
        user_uid: "00u1a2b3c4d5e6f7g8h9",
        created_time: 1685872800,
        updated_time: 1756200600,
        last_seen_time: 1756200600,
        os_update_time: 1755700200,
        os: { name: "Windows", type: "Windows", version: "10.0.22621" },
      },
      enrichments: [
        {
          name: "device_security",
          value: "okta_device",
          data: {
            compliance_status: "COMPLIANT",
            is_enabled: true,
            is_managed: true,
            has_secure_hardware: true,
            encryption_type: "BitLocker",
            last_seen: 1756200600,
          },
        },
      ],
    });
  });

  it("maps the non-compliant iPhone, IMEI and UDID included", () => {
    expect(map(pageNonCompliantDevice)).toStrictEqual({
      ...STATIC_FIELDS,
      time: 1681545600,
      device: {
        uid: "goodef456ghiJKLMNO",
        name: "iPhone-ROBERT-001",
        hostname: "iPhone-ROBERT-001",
        type: "MobileDevice",
        serial_number: "A2R4P7B9C1D2E3F4G5",
        manufacturer: "Apple",
        model: "iPhone 14 Pro",
        imei: "356938035643809",
        udid: "00008120-0015E40A2E59801E",
        is_enabled: true,
        status: "ACTIVE",
        is_managed: true,
        is_registered: true,
        compliance_status: "NON_COMPLIANT",
        has_secure_hardware: true,
        encryption_type: "FileVault",
        user_uid: "00u2c3d4e5f6g7h8i9j0",
        created_time: 1681545600,
        updated_time: 1756200600,
        last_seen_time: 1756200600,
        os_update_time: 1754042400,
        os: { name: "iOS", type: "AppleOS", version: "17.5.1" },
      },
      enrichments: [
        {
          name: "device_security",
          value: "okta_device",
          data: {
            compliance_status: "NON_COMPLIANT",
            is_enabled: true,
            is_managed: true,
            has_secure_hardware: true,
            encryption_type: "FileVault",
            last_seen: 1756200600,
          },
        },
      ],
    });
  });

  it("does not reproduce the page's wrong example epochs (SPEC §5 errata)", () => {
    const event = map(pageManagedDevice);
    expect(event.time).not.toBe(1685854800);
    expect(event.device.updated_time).not.toBe(1725184200);
    expect(event.device.os_update_time).not.toBe(1724044200);
  });
});

describe("toOcsfDeviceInventory, profile sekoia: the real API's shape", () => {
  it("takes managed and user from the embedded users, omits what the API does not have", () => {
    const event = map(realShapeMacWithUser);
    expect(event.time).toBe(1706745599);
    expect(event.device).toStrictEqual({
      uid: "guo1mac0000000000001",
      name: "Mac-Studio-QA",
      hostname: "Mac-Studio-QA",
      udid: "9D2B2E0C-4C7A-4F58-9C9B-1B9F0D3E2A11",
      is_enabled: false,
      status: "SUSPENDED",
      is_managed: false,
      is_registered: false,
      user_uid: "00uqa0000000000001",
      created_time: 1706745599,
      updated_time: 1709208000,
      last_seen_time: null,
      os_update_time: null,
      os: { name: "MacOS", type: "AppleOS", version: "14.4.1" },
    });
    expect(event.enrichments[0].data).toStrictEqual({
      is_enabled: false,
      is_managed: false,
      last_seen: null,
    });
  });

  it("prefers profile.managed over the embedded users, and top-level managed over both", () => {
    const withProfile = {
      ...realShapeMacWithUser,
      profile: { ...realShapeMacWithUser.profile, managed: true },
    };
    expect(map(withProfile).device.is_managed).toBe(true);
    expect(map({ ...withProfile, managed: false }).device.is_managed).toBe(false);
  });

  it("is managed when any embedded enrollment is MANAGED, unknown when there is none", () => {
    const users = [
      { managementStatus: "NOT_MANAGED", user: { id: "00u1" } },
      { managementStatus: "MANAGED", user: { id: "00u2" } },
    ];
    const base = { ...realShapeMacWithUser, _embedded: { users } };
    expect(map(base).device.is_managed).toBe(true);
    expect(map(base).device.user_uid).toBe("00u1");
    const none = map({ ...realShapeMacWithUser, _embedded: { users: [] } });
    expect(none.device).not.toHaveProperty("is_managed");
    expect(none.device).not.toHaveProperty("user_uid");
  });

  it.each([
    ["WINDOWS", "Windows", "Windows"],
    ["windows", "Windows", "Windows"],
    ["MACOS", "MacOS", "AppleOS"],
    ["macOS", "MacOS", "AppleOS"],
    ["IOS", "iOS", "AppleOS"],
    ["ANDROID", "Android", "Android"],
    ["android", "Android", "Android"],
    ["LINUX", "LINUX", "Linux"],
    ["CHROMEOS", "CHROMEOS", undefined],
  ])("platform %s gives os.name %s and os.type %s", (platform, name, type) => {
    const record = {
      ...realShapeMacWithUser,
      profile: { ...realShapeMacWithUser.profile, platform },
    };
    const os = map(record).device.os;
    expect(os?.name).toBe(name);
    if (type === undefined) expect(os).not.toHaveProperty("type");
    else expect(os?.type).toBe(type);
  });

  it("omits os when there is neither platform nor version", () => {
    const {
      platform: _p,
      osVersion: _v,
      ...profile
    } = {
      ...realShapeMacWithUser.profile,
      platform: "X",
    };
    expect(map({ ...realShapeMacWithUser, profile }).device).not.toHaveProperty("os");
  });

  it("maps every published Okta example", { skip: !hasOktaExamples }, () => {
    const examples = loadOktaExamples();
    const records = [
      ...examples.APIDevicesListAllResponse.value,
      ...examples.APIDevicesListAllUserSummaryResponse.value,
      examples.DeviceResponse.value,
      examples.DeviceWithProvidersResponse.value,
    ];
    for (const record of records) {
      const event = map(record);
      expect(SekoiaDeviceInventoryEventSchema.parse(event)).toStrictEqual(event);
    }
    const single = map(examples.DeviceResponse.value);
    expect(single.time).toBe(1604440021);
    expect(single.device.updated_time).toBe(1604447187);
    expect(single.device.serial_number).toBe("56 4d 4f 95 74 c5 d3 e7-fc 3a 57 9c c2 f8 5d ce");
    expect(single.device.encryption_type).toBe("NONE");
    const withUser = map(examples.APIDevicesListAllResponse.value[1]);
    expect(withUser.device.is_managed).toBe(true);
    expect(withUser.device.user_uid).toBe("00u17vh0q8ov8IU881d7");
  });
  if (!hasOktaExamples) console.warn(`SKIPPED published-example mapping: no ${OKTA_EXAMPLES_PATH}`);
});

describe("toOcsfDeviceInventory: purity and output hygiene", () => {
  it("never mutates its input", () => {
    const input = structuredClone(realShapeMacWithUser);
    const frozen = JSON.stringify(input);
    map(input);
    expect(JSON.stringify(input)).toBe(frozen);
  });

  it("produces no undefined values: a JSON round trip gives the same object", () => {
    for (const record of [pageManagedDevice, pageNonCompliantDevice, realShapeMacWithUser]) {
      const event = map(record);
      expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
    }
  });

  it("floors sub-second times and honours offsets", () => {
    const event = map({
      ...realShapeMacWithUser,
      created: "2024-01-31T23:59:59.999Z",
      lastUpdated: "2024-02-01T01:00:00+01:00",
    });
    expect(event.time).toBe(1706745599);
    expect(event.device.updated_time).toBe(1706745600);
  });
});

describe("toOcsfDeviceInventory: records that cannot be mapped", () => {
  function errorOf(record: unknown): DeviceMappingError {
    try {
      map(record);
    } catch (error) {
      expect(error).toBeInstanceOf(DeviceMappingError);
      return error as DeviceMappingError;
    }
    throw new Error("expected a DeviceMappingError");
  }

  it.each([null, 42, "guo1", [pageManagedDevice]])("rejects %j: not an object", (value) => {
    const error = errorOf(value);
    expect(error.field).toBe("");
    expect(error.message).toMatch(/must be an object/);
  });

  it("rejects a record with no id, naming the field", () => {
    const { id: _id, ...rest } = pageManagedDevice;
    const error = errorOf(rest);
    expect(error.field).toBe("id");
    expect(error.deviceId).toBeUndefined();
    expect(error.message).toBe('Okta device: field "id" is missing');
  });

  it.each([
    ["created", { created: "2023-02-30T10:00:00.000Z" }],
    ["lastUpdated", { lastUpdated: "yesterday" }],
    ["lastSeen", { lastSeen: "2025-08-26 09:30:00" }],
  ])("rejects an unparseable %s, naming device and field", (field, patch) => {
    const error = errorOf({ ...pageManagedDevice, ...patch });
    expect(error.deviceId).toBe("gooabc123defGHIJKL");
    expect(error.field).toBe(field);
    expect(error.message).toContain('Okta device "gooabc123defGHIJKL"');
    expect(error.message).toContain(`"${field}"`);
  });

  it("rejects a bad profile.osUpdateTime with its full path", () => {
    const record = {
      ...pageManagedDevice,
      profile: { ...pageManagedDevice.profile, osUpdateTime: "2025-13-01T00:00:00Z" },
    };
    expect(errorOf(record).field).toBe("profile.osUpdateTime");
  });

  it("rejects a field of the wrong type rather than emitting it", () => {
    const record = {
      ...pageManagedDevice,
      profile: { ...pageManagedDevice.profile, serialNumber: 12345 },
    };
    const error = errorOf(record);
    expect(error.field).toBe("profile.serialNumber");
    expect(error.message).toMatch(/must be a string, got a number/);
    expect(errorOf({ ...pageManagedDevice, managed: "yes" }).field).toBe("managed");
  });

  it("rejects a record without created, since the event's time comes from it", () => {
    const { created: _c, ...rest } = pageManagedDevice;
    expect(errorOf(rest).field).toBe("created");
  });

  it("rejects an unknown profile", () => {
    expect(() =>
      toOcsfDeviceInventory(pageManagedDevice as OktaDevice, { profile: "splunk" as "sekoia" }),
    ).toThrow(/Unknown OCSF profile "splunk"/);
  });
});
