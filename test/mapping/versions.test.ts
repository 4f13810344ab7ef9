import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  DeviceMappingError,
  MAPPING_REVISIONS,
  mapOktaDevices,
  mappingRevision,
  OCSF_VERSIONS,
  type OcsfVersion,
  type OktaDevice,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import type {
  StrictDevice130,
  StrictDevice140,
  StrictDevice150,
} from "../../src/ocsf/strict-event.js";
import { strictDeviceInventoryEventSchema } from "../../src/schemas/index.js";
import { pageNonCompliantDevice } from "../fixtures/page-examples.js";
import { ASTRAL, LONGEST, TOO_LONG } from "../helpers/long-strings.js";
import { hasOcsfSchemaFor, officialValidator } from "../helpers/ocsf-version-schemas.js";

const iphone = pageNonCompliantDevice as OktaDevice;
const ms = Date.parse;

function withProfile(patch: Record<string, unknown>, top: Record<string, unknown> = {}) {
  return {
    ...pageNonCompliantDevice,
    ...top,
    profile: { ...pageNonCompliantDevice.profile, ...patch },
  } as OktaDevice;
}

// `unmapped.profile` of an event, as an object (it is one whenever the record has a profile).
function unmappedProfile(event: { unmapped?: Record<string, unknown> }) {
  return event.unmapped?.profile as Record<string, unknown> | undefined;
}

// The parts of the iPhone's event every version shares.
const COMMON_DEVICE = {
  type_id: 5,
  type: "Mobile",
  uid: "goodef456ghiJKLMNO",
  name: "iPhone-ROBERT-001",
  hostname: "iPhone-ROBERT-001",
  os: { name: "iOS", type_id: 301, type: "iOS", version: "17.5.1" },
  is_managed: true,
  is_compliant: false,
  owner: { uid: "00u2c3d4e5f6g7h8i9j0" },
  created_time: ms("2023-04-15T08:00:00.000Z"),
  modified_time: ms("2025-08-26T09:30:00.000Z"),
  last_seen_time: ms("2025-08-26T09:30:00.000Z"),
};
const ALWAYS_UNMAPPED = {
  registered: true,
  secureHardwarePresent: true,
  diskEncryptionType: "FileVault",
  osUpdateTime: "2025-08-01T10:00:00.000Z",
};

describe("ocsfVersion: what moves where", () => {
  it("leaving it out is OCSF 1.6.0, the same event as asking for 1.6.0", () => {
    const byDefault = toOcsfDeviceInventory(iphone, { profile: "ocsf" });
    const explicit = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: "1.6.0" });
    expect(JSON.stringify(explicit)).toBe(JSON.stringify(byDefault));
    expect(byDefault.metadata.version).toBe("1.6.0");
  });

  it.each(OCSF_VERSIONS)("metadata.version is the chosen version (%s)", (version) => {
    const event = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: version });
    expect(event.metadata).toStrictEqual({
      product: { name: "Okta", vendor_name: "Okta" },
      version,
    });
  });

  it("1.3.0: IMEI in device.imei; model, manufacturer and UDID under unmapped.profile", () => {
    const event = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: "1.3.0" });
    expect(event.device).toStrictEqual({
      ...COMMON_DEVICE,
      hw_info: { serial_number: "A2R4P7B9C1D2E3F4G5" },
      imei: "356938035643809",
    });
    expect(event.unmapped?.profile).toStrictEqual({
      manufacturer: "Apple",
      model: "iPhone 14 Pro",
      udid: "00008120-0015E40A2E59801E",
      ...ALWAYS_UNMAPPED,
    });
  });

  it("1.4.0: model, vendor_name, imei_list and hw_info.vendor_name; UDID and MEID still unmapped", () => {
    const record = withProfile({ meid: "A0000000000001" });
    const event = toOcsfDeviceInventory(record, { profile: "ocsf", ocsfVersion: "1.4.0" });
    expect(event.device).toStrictEqual({
      ...COMMON_DEVICE,
      hw_info: { serial_number: "A2R4P7B9C1D2E3F4G5", vendor_name: "Apple" },
      vendor_name: "Apple",
      model: "iPhone 14 Pro",
      imei_list: ["356938035643809"],
    });
    expect(event.unmapped?.profile).toStrictEqual({
      meid: "A0000000000001",
      udid: "00008120-0015E40A2E59801E",
      ...ALWAYS_UNMAPPED,
    });
  });

  it.each(["1.5.0", "1.6.0", "1.7.0", "1.8.0"] as const)(
    "%s: MEID and UDID in device.meid and device.udid",
    (version) => {
      const record = withProfile({ meid: "A0000000000001" });
      const event = toOcsfDeviceInventory(record, { profile: "ocsf", ocsfVersion: version });
      expect(event.device).toStrictEqual({
        ...COMMON_DEVICE,
        hw_info: { serial_number: "A2R4P7B9C1D2E3F4G5", vendor_name: "Apple" },
        vendor_name: "Apple",
        model: "iPhone 14 Pro",
        imei_list: ["356938035643809"],
        meid: "A0000000000001",
        udid: "00008120-0015E40A2E59801E",
      });
      expect(event.unmapped?.profile).toStrictEqual(ALWAYS_UNMAPPED);
    },
  );

  it("1.7.0 and 1.8.0 differ from 1.6.0 only in metadata.version", () => {
    const base = toOcsfDeviceInventory(iphone, { profile: "ocsf" });
    for (const version of ["1.7.0", "1.8.0"] as const) {
      const event = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: version });
      expect({ ...event, metadata: base.metadata }).toStrictEqual(base);
    }
  });

  it("1.3.0 still tells an iPad by its model, which itself stays unmapped", () => {
    const ipad = withProfile({ model: "iPad Pro (12.9-inch)" });
    const event = toOcsfDeviceInventory(ipad, { profile: "ocsf", ocsfVersion: "1.3.0" });
    expect([event.device.type_id, event.device.os?.type_id]).toStrictEqual([4, 302]);
    expect(unmappedProfile(event)?.model).toBe("iPad Pro (12.9-inch)");
  });
});

describe("ocsfVersion 1.3.0: hostname is a DNS name", () => {
  it("a display name such as Mary's iPhone is the device's name, not its hostname", () => {
    const record = withProfile({ displayName: "Mary's iPhone" });
    const event = toOcsfDeviceInventory(record, { profile: "ocsf", ocsfVersion: "1.3.0" });
    expect(event.device.name).toBe("Mary's iPhone");
    expect(event.device).not.toHaveProperty("hostname");
    // Later versions' hostname is any string.
    const later = toOcsfDeviceInventory(record, { profile: "ocsf", ocsfVersion: "1.4.0" });
    expect(later.device.hostname).toBe("Mary's iPhone");
  });

  it.each([
    ["mary-mbp.corp.example.com", true],
    ["LAPTOP-MARY-001", true],
    ["DESKTOP_7QK2", false],
    ["-leading-hyphen", false],
    ["trailing.", false],
    ["", false],
  ])("%s is a hostname in 1.3.0: %s", (displayName, isHostname) => {
    const record = withProfile({ displayName });
    const event = toOcsfDeviceInventory(record, { profile: "ocsf", ocsfVersion: "1.3.0" });
    expect(event.device.name).toBe(displayName);
    expect(event.device.hostname).toBe(isHostname ? displayName : undefined);
  });

  it("the official 1.3.0 schema rejects such a hostname (why the rule exists)", {
    skip: !hasOcsfSchemaFor("1.3.0"),
  }, () => {
    const { validate } = officialValidator("1.3.0");
    const event = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: "1.3.0" });
    expect(validate(event)).toBe(true);
    expect(validate({ ...event, device: { ...event.device, hostname: "Mary's iPhone" } })).toBe(
      false,
    );
  });
});

describe("ocsfVersion 1.3.0: strings of at most 65,535 characters", () => {
  const map13 = (record: OktaDevice) =>
    toOcsfDeviceInventory(record, { profile: "ocsf", ocsfVersion: "1.3.0" });

  it("a longer display name moves whole to unmapped.profile.displayName", () => {
    const event = map13(withProfile({ displayName: TOO_LONG }));
    expect(event.device).not.toHaveProperty("name");
    expect(event.device).not.toHaveProperty("hostname");
    expect(unmappedProfile(event)?.displayName).toBe(TOO_LONG);
    // 1.4.0 has no limit: the name stays where it belongs.
    const later = toOcsfDeviceInventory(withProfile({ displayName: TOO_LONG }), {
      profile: "ocsf",
      ocsfVersion: "1.4.0",
    });
    expect(later.device.name).toBe(TOO_LONG);
  });

  it("65,535 characters still fit, counted in code points as JSON Schema counts", () => {
    expect(map13(withProfile({ displayName: LONGEST })).device.name).toBe(LONGEST);
    expect(ASTRAL.length).toBeGreaterThan(65_535);
    expect(map13(withProfile({ serialNumber: ASTRAL })).device.hw_info?.serial_number).toBe(ASTRAL);
  });

  it("other too long facts move to unmapped under their own names", () => {
    const event = map13(
      withProfile(
        { serialNumber: TOO_LONG, osVersion: TOO_LONG, imei: TOO_LONG },
        { userId: TOO_LONG },
      ),
    );
    expect(event.device).not.toHaveProperty("hw_info");
    expect(event.device).not.toHaveProperty("imei");
    expect(event.device).not.toHaveProperty("owner");
    expect(event.device.os).toStrictEqual({ name: "iOS", type_id: 301, type: "iOS" });
    expect(event.unmapped?.userId).toBe(TOO_LONG);
    expect(event.unmapped?.profile).toMatchObject({
      serialNumber: TOO_LONG,
      osVersion: TOO_LONG,
      imei: TOO_LONG,
    });
  });

  it("a too long platform leaves no os: platform and OS version both stay unmapped", () => {
    const event = map13(withProfile({ platform: TOO_LONG }));
    expect(event.device).not.toHaveProperty("os");
    expect(event.unmapped?.profile).toMatchObject({ platform: TOO_LONG, osVersion: "17.5.1" });
  });

  it("a too long id is a DeviceMappingError naming the field (the event would have no uid)", () => {
    const record = { ...pageNonCompliantDevice, id: `guo${TOO_LONG}` } as OktaDevice;
    expect(() => map13(record)).toThrow(DeviceMappingError);
    expect(() => map13(record)).toThrow(
      /field "id" is longer than the 65535 characters OCSF 1\.3\.0/,
    );
    const results = [
      ...mapOktaDevices([record, iphone], { profile: "ocsf", ocsfVersion: "1.3.0" }),
    ];
    expect(results.map((result) => result.ok)).toStrictEqual([false, true]);
    expect(results[0]?.ok === false && results[0].error.field).toBe("id");
  });
});

describe("ocsfVersion: wrong use", () => {
  it("with profile sekoia is a TypeError saying why", () => {
    const options = { profile: "sekoia", ocsfVersion: "1.3.0" } as const;
    expect(() => toOcsfDeviceInventory(iphone, options)).toThrow(TypeError);
    expect(() => toOcsfDeviceInventory(iphone, options)).toThrow(
      /ocsfVersion "1.3.0" applies to profile "ocsf" only: profile "sekoia" is the product page.s fixed table/,
    );
    expect(() => toOcsfDeviceInventory(iphone, { ocsfVersion: "1.3.0" })).toThrow(TypeError);
    // mapOktaDevices refuses before reading a record, rather than failing each one.
    let pulled = 0;
    const source = (function* () {
      pulled++;
      yield iphone;
    })();
    expect(() => mapOktaDevices(source, options)).toThrow(TypeError);
    expect(pulled).toBe(0);
    expect(() => mappingRevision(options)).toThrow(TypeError);
  });

  it("without a profile, the message says the default profile is why", () => {
    expect(() => toOcsfDeviceInventory(iphone, { ocsfVersion: "1.3.0" })).toThrow(
      'ocsfVersion "1.3.0" applies to profile "ocsf" only: no profile was given, and the default, profile "sekoia", is the product page\'s fixed table',
    );
    // An explicit undefined is the same as leaving it out, in both options.
    const undefinedVersion = { profile: "sekoia", ocsfVersion: undefined } as const;
    expect(toOcsfDeviceInventory(iphone, undefinedVersion).metadata.version).toBe("1.6.0");
    const ocsf = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: undefined });
    expect(ocsf.metadata.version).toBe("1.6.0");
  });

  it.each([
    ["1.6", '"1.6"'],
    ["1.9.0", '"1.9.0"'],
    ["", '""'],
    [" 1.3.0", '" 1.3.0"'],
    [1.3, "(a number: 1.3)"],
    [13n, "(a bigint: 13)"],
    [Symbol("1.3.0"), "(a symbol: Symbol(1.3.0))"],
    [null, "null"],
    [{ toString: () => "1.3.0" }, "(a object)"],
  ])("ocsfVersion %s is a TypeError naming it as %s", (version, named) => {
    const options = { profile: "ocsf", ocsfVersion: version } as never;
    expect(() => toOcsfDeviceInventory(iphone, options)).toThrow(
      new TypeError(
        `Unknown OCSF version ${named}: expected one of 1.3.0, 1.4.0, 1.5.0, 1.6.0, 1.7.0, 1.8.0`,
      ),
    );
  });

  it("any value but a supported version is a TypeError of its own, with either profile", () => {
    const notAVersion = fc
      .anything({ withBigInt: true, withNullPrototype: true, withMap: true })
      .filter((value) => value !== undefined && !OCSF_VERSIONS.includes(value as never));
    fc.assert(
      fc.property(notAVersion, fc.constantFrom(undefined, "sekoia", "ocsf"), (version, profile) => {
        const options = { profile, ocsfVersion: version } as never;
        let thrown: unknown;
        try {
          toOcsfDeviceInventory(iphone, options);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(TypeError);
        expect((thrown as TypeError).message).toMatch(
          profile === "ocsf"
            ? /^Unknown OCSF version /
            : /^ocsfVersion .* applies to profile "ocsf" only/,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("mapOktaDevices reads its options once: editing them later changes nothing", () => {
    const options: { profile: "ocsf"; ocsfVersion: "1.3.0" | "1.8.0" } = {
      profile: "ocsf",
      ocsfVersion: "1.3.0",
    };
    const results = mapOktaDevices([iphone, iphone], options);
    const first = results.next();
    options.ocsfVersion = "1.8.0";
    (options as { profile: string }).profile = "sekoia";
    const second = results.next();
    const versions = [first.value, second.value].map(
      (result) => result?.ok === true && result.event.metadata.version,
    );
    expect(versions).toStrictEqual(["1.3.0", "1.3.0"]);
  });

  it("an unknown version is a TypeError listing the supported ones", () => {
    const options = { profile: "ocsf", ocsfVersion: "1.2.0" } as never;
    expect(() => toOcsfDeviceInventory(iphone, options)).toThrow(
      'Unknown OCSF version "1.2.0": expected one of 1.3.0, 1.4.0, 1.5.0, 1.6.0, 1.7.0, 1.8.0',
    );
  });
});

describe("mapping revisions", () => {
  it("one per profile and version, all different", () => {
    const all = [MAPPING_REVISIONS.sekoia, ...OCSF_VERSIONS.map((v) => MAPPING_REVISIONS.ocsf[v])];
    expect(new Set(all).size).toBe(7);
    expect(mappingRevision()).toBe(MAPPING_REVISIONS.sekoia);
    expect(mappingRevision({ profile: "ocsf" })).toBe(MAPPING_REVISIONS.ocsf["1.6.0"]);
    expect(mappingRevision({ profile: "ocsf", ocsfVersion: "1.3.0" })).toBe(
      MAPPING_REVISIONS.ocsf["1.3.0"],
    );
  });
});

describe("types narrow with the version", () => {
  it("the device type has only the version's attributes", () => {
    const v13 = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: "1.3.0" });
    expectTypeOf(v13.metadata.version).toEqualTypeOf<"1.3.0">();
    expectTypeOf(v13.device).toHaveProperty("imei");
    expectTypeOf(v13.device).not.toHaveProperty("model");
    expectTypeOf(v13.device).not.toHaveProperty("imei_list");
    const v14 = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: "1.4.0" });
    expectTypeOf(v14.device).toHaveProperty("model");
    expectTypeOf(v14.device).not.toHaveProperty("udid");
    const v18 = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: "1.8.0" });
    expectTypeOf(v18.device).toHaveProperty("udid");
    const byDefault = toOcsfDeviceInventory(iphone, { profile: "ocsf" });
    expectTypeOf(byDefault.metadata.version).toEqualTypeOf<"1.6.0">();
    // @ts-expect-error OCSF 1.3.0 has no device.model
    expect(v13.device.model).toBeUndefined();
    // @ts-expect-error OCSF 1.4.0 has no device.meid
    expect(v14.device.meid).toBeUndefined();
    // @ts-expect-error from 1.4.0 the IMEI is in imei_list (device.imei is deprecated)
    expect(v18.device.imei).toBeUndefined();
  });

  it("mapOktaDevices, the zod schemas and an unknown version narrow the same way", () => {
    for (const result of mapOktaDevices([iphone], { profile: "ocsf", ocsfVersion: "1.3.0" })) {
      if (!result.ok) continue;
      expectTypeOf(result.event.metadata.version).toEqualTypeOf<"1.3.0">();
      expectTypeOf(result.event.device).not.toHaveProperty("udid");
    }
    const parsed = strictDeviceInventoryEventSchema("1.4.0").parse(
      toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: "1.4.0" }),
    );
    expectTypeOf(parsed.metadata.version).toEqualTypeOf<"1.4.0">();
    expectTypeOf(parsed.device).toHaveProperty("imei_list");
    expectTypeOf(parsed.device).not.toHaveProperty("meid");
    // A version known only at run time gives every version's device (a union).
    const chosen = OCSF_VERSIONS[Number(process.env.NO_SUCH_INDEX ?? 0)] ?? "1.6.0";
    const any = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: chosen });
    expectTypeOf(any.metadata.version).toEqualTypeOf<OcsfVersion>();
    expectTypeOf(any.device).toEqualTypeOf<StrictDevice130 | StrictDevice140 | StrictDevice150>();
    // @ts-expect-error "1.9.0" is not a supported version
    expect(() => toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: "1.9.0" })).toThrow(
      TypeError,
    );
  });
});

describe("the owner's full name, in every version", () => {
  function withNames(firstName: unknown, lastName: unknown) {
    return {
      id: "guoOWNERNAME00000001",
      created: "2024-01-01T00:00:00.000Z",
      profile: { displayName: "owner", platform: "MACOS" },
      _embedded: {
        users: [
          {
            managementStatus: "MANAGED",
            user: {
              id: "00uOWNER000000000001",
              profile: { login: "o@example.com", firstName, lastName },
            },
          },
        ],
      },
    } as unknown as OktaDevice;
  }

  it.each([
    ["Ada", "Lovelace", "Ada Lovelace"],
    ["", "Lovelace", "Lovelace"],
    ["Ada", "", "Ada"],
    ["", "", undefined],
    [null, "Lovelace", "Lovelace"],
    [" ", "Lovelace", "  Lovelace"],
  ])(
    "firstName %j, lastName %j: full_name %j (an empty part is no name)",
    (first, last, expected) => {
      for (const ocsfVersion of OCSF_VERSIONS) {
        const event = toOcsfDeviceInventory(withNames(first, last), {
          profile: "ocsf",
          ocsfVersion,
        });
        expect(event.device.owner?.full_name).toBe(expected);
      }
    },
  );

  it("is the non-empty name parts joined by one space, or absent; the names stay under unmapped", () => {
    const part = fc.option(fc.string({ maxLength: 6 }), { nil: undefined });
    fc.assert(
      fc.property(part, part, fc.constantFrom(...OCSF_VERSIONS), (first, last, ocsfVersion) => {
        const event = toOcsfDeviceInventory(withNames(first, last), {
          profile: "ocsf",
          ocsfVersion,
        });
        const parts = [first, last].filter((name) => name !== undefined && name !== "");
        expect(event.device.owner?.full_name).toBe(
          parts.length === 0 ? undefined : parts.join(" "),
        );
        // The embedded user is kept whole, as JSON has it (no undefined values).
        const record = withNames(first, last) as unknown as { _embedded: unknown };
        expect(event.unmapped?._embedded).toStrictEqual(
          JSON.parse(JSON.stringify(record._embedded)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
