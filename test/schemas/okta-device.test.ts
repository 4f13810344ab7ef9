import { describe, expect, it } from "vitest";
import {
  OktaDeviceListSchema,
  OktaDeviceSchema,
  OktaDeviceUserListSchema,
  OktaDeviceValidationError,
  oktaDeviceJsonSchema,
  parseOktaDevice,
  safeParseOktaDevice,
  safeParseOktaDeviceList,
} from "../../src/schemas/index.js";
import {
  pageManagedDevice,
  pageNonCompliantDevice,
  realShapeMacWithUser,
} from "../fixtures/page-examples.js";
import { hasOktaExamples, loadOktaExamples, OKTA_EXAMPLES_PATH } from "../helpers/shared.js";

describe("OktaDeviceSchema", () => {
  it("accepts both shapes and keeps unknown keys", () => {
    expect(parseOktaDevice(pageManagedDevice)).toStrictEqual(pageManagedDevice);
    expect(parseOktaDevice(pageNonCompliantDevice).profile.platform).toBe("iOS");
    const real = parseOktaDevice(realShapeMacWithUser);
    expect(real).toStrictEqual(realShapeMacWithUser);
    expect(real.futureTopLevel).toBe("kept");
    expect(real._embedded?.users?.[0]?.screenLockType).toBe("PASSCODE");
  });

  it("tolerates statuses and platforms Okta may add", () => {
    const record = {
      ...realShapeMacWithUser,
      status: "PENDING_REVIEW",
      profile: { ...realShapeMacWithUser.profile, platform: "CHROMEOS" },
    };
    expect(safeParseOktaDevice(record).success).toBe(true);
  });

  it("accepts records missing every optional field", () => {
    const minimal = {
      id: "guo1",
      status: "ACTIVE",
      created: "2024-01-01T00:00:00.000Z",
      lastUpdated: "2024-01-01T00:00:00.000Z",
      profile: { displayName: "d", platform: "WINDOWS", registered: true },
    };
    expect(parseOktaDevice(minimal)).toStrictEqual(minimal);
  });

  it("throws an error naming the device id and every failing path", () => {
    const record = {
      ...realShapeMacWithUser,
      created: "2024-02-30T00:00:00Z",
      profile: { ...realShapeMacWithUser.profile, registered: "yes", platform: undefined },
      _embedded: { users: [{ user: {} }] },
    };
    let error: unknown;
    try {
      parseOktaDevice(record);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OktaDeviceValidationError);
    const validation = error as OktaDeviceValidationError;
    expect(validation.deviceId).toBe("guo1mac0000000000001");
    expect(validation.issues.map((issue) => issue.path).sort()).toStrictEqual([
      "_embedded.users[0].user.id",
      "created",
      "profile.platform",
      "profile.registered",
    ]);
    expect(validation.message).toMatch(/^Okta device "guo1mac0000000000001" is invalid: /);
    for (const path of ["created", "profile.registered", "_embedded.users[0].user.id"]) {
      expect(validation.message).toContain(path);
    }
  });

  it("keeps _links as given and rejects a _links that is not an object", () => {
    const links = { self: { href: "https://example.okta.com/api/v1/devices/guo1" } };
    expect(parseOktaDevice({ ...realShapeMacWithUser, _links: links })._links).toStrictEqual(links);
    for (const bad of [[links], "self", 1, null]) {
      const result = safeParseOktaDevice({ ...realShapeMacWithUser, _links: bad });
      if (result.success) throw new Error(`accepted _links ${JSON.stringify(bad)}`);
      expect(result.error.issues.map((issue) => issue.path)).toStrictEqual(["_links"]);
    }
    expect(oktaDeviceJsonSchema().properties).toMatchObject({ _links: { type: "object" } });
  });

  it("reports a payload without id without inventing one", () => {
    const result = safeParseOktaDevice({ status: "ACTIVE" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.deviceId).toBeUndefined();
    expect(result.error.message).toMatch(/^Okta device is invalid: .*id/);
  });

  it("parses list responses element by element, one bad device hiding nothing", () => {
    const { devices, failures } = safeParseOktaDeviceList([
      pageManagedDevice,
      { id: "guoBroken" },
      realShapeMacWithUser,
    ]);
    expect(devices.map((device) => device.id)).toStrictEqual([
      "gooabc123defGHIJKL",
      "guo1mac0000000000001",
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.index).toBe(1);
    expect(failures[0]?.error.deviceId).toBe("guoBroken");
    expect(() => safeParseOktaDeviceList({ devices: [] })).toThrow(OktaDeviceValidationError);
    expect(OktaDeviceListSchema.safeParse([pageManagedDevice]).success).toBe(true);
  });

  it("validates Okta's published examples", { skip: !hasOktaExamples }, () => {
    const examples = loadOktaExamples();
    expect(OktaDeviceListSchema.parse(examples.APIDevicesListAllResponse.value)).toHaveLength(2);
    expect(
      OktaDeviceListSchema.parse(examples.APIDevicesListAllUserSummaryResponse.value),
    ).toHaveLength(2);
    expect(OktaDeviceSchema.parse(examples.DeviceResponse.value).id).toBe("guo8jx5vVoxfvJeLb0w4");
    expect(OktaDeviceSchema.parse(examples.DeviceWithProvidersResponse.value)).toHaveProperty(
      "providers",
    );
    expect(
      OktaDeviceUserListSchema.parse(examples.APIDevicesListAllUsersResponse.value),
    ).toHaveLength(1);
  });
  if (!hasOktaExamples)
    console.warn(`SKIPPED published-example validation: no ${OKTA_EXAMPLES_PATH}`);
});

describe("oktaDeviceJsonSchema", () => {
  it("describes the input for non-TypeScript consumers", () => {
    const schema = oktaDeviceJsonSchema();
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.required).toEqual(
      expect.arrayContaining(["id", "status", "created", "lastUpdated", "profile"]),
    );
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.created).toMatchObject({ type: "string", format: "date-time" });
    expect(JSON.parse(JSON.stringify(schema))).toStrictEqual(schema);
  });
});
