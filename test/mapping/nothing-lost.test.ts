import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  OCSF_VERSIONS,
  type OcsfVersion,
  type OktaDevice,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import { versionedDeviceArbitrary } from "../helpers/long-strings.js";

const RUNS = 300;

type Path = (string | number)[];
type Loose = Record<string, unknown>;

/** Every scalar leaf of a record (null is an absence, not a fact; `_links` are navigation). */
function* scalarLeaves(value: unknown, path: Path = []): Generator<[Path, unknown]> {
  if (value === null || value === undefined) return;
  if (typeof value !== "object") {
    yield [path, value];
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* scalarLeaves(value[i], [...path, i]);
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === "_links") continue;
    yield* scalarLeaves((value as Loose)[key], [...path, key]);
  }
}

function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Loose)[key as string];
  }
  return current;
}

const OS_TYPE_IDS: Record<string, number[]> = {
  WINDOWS: [100],
  MACOS: [300],
  IOS: [301, 302],
  ANDROID: [201],
  LINUX: [200],
};

const AFTER_1_3 = new Set<OcsfVersion>(["1.4.0", "1.5.0", "1.6.0", "1.7.0", "1.8.0"]);
const AFTER_1_4 = new Set<OcsfVersion>(["1.5.0", "1.6.0", "1.7.0", "1.8.0"]);

/** Whether the fact at `path` is in its OCSF home in `version` (independent of the mapper). */
function inHome(event: Loose, path: Path, value: unknown, version: OcsfVersion): boolean {
  const device = event.device as Loose;
  const key = path.join(".");
  switch (key) {
    case "id":
      return device.uid === value;
    case "created":
      return device.created_time === Date.parse(value as string);
    case "lastUpdated":
      return device.modified_time === Date.parse(value as string);
    case "lastSeen":
      return device.last_seen_time === Date.parse(value as string);
    case "managed":
    case "profile.managed":
      return device.is_managed === value;
    case "userId":
      return at(device, ["owner", "uid"]) === value;
    case "profile.displayName":
      return device.name === value;
    case "profile.platform": {
      const os = device.os as Loose | undefined;
      const known = OS_TYPE_IDS[(value as string).toUpperCase()];
      return known === undefined ? os?.name === value : known.includes(os?.type_id as number);
    }
    case "profile.osVersion":
      return at(device, ["os", "version"]) === value;
    case "profile.serialNumber":
      return at(device, ["hw_info", "serial_number"]) === value;
    case "profile.manufacturer":
      return AFTER_1_3.has(version) && device.vendor_name === value;
    case "profile.model":
      return AFTER_1_3.has(version) && device.model === value;
    case "profile.imei":
      return AFTER_1_3.has(version)
        ? at(device, ["imei_list", 0]) === value
        : device.imei === value;
    case "profile.meid":
    case "profile.udid":
      return AFTER_1_4.has(version) && device[key.slice(8)] === value;
    default:
      return false;
  }
}

describe.each(OCSF_VERSIONS)("profile ocsf, OCSF %s: nothing is lost", (version) => {
  it(`every scalar fact of ${RUNS} generated records is in its ${version} home or under unmapped, under its own path`, () => {
    fc.assert(
      fc.property(versionedDeviceArbitrary, (record) => {
        const event = toOcsfDeviceInventory(record as OktaDevice, {
          profile: "ocsf",
          ocsfVersion: version,
        }) as unknown as Loose;
        for (const [path, value] of scalarLeaves(record)) {
          // JSON has no -0: the event says 0, which is the same number.
          const kept = at(event.unmapped, path) === value || inHome(event, path, value, version);
          if (!kept) {
            throw new Error(
              `${record.id}: ${path.join(".")} = ${String(value).slice(0, 40)} is lost in ${version}`,
            );
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the check itself", () => {
  it("notices a fact that is neither in its home nor under unmapped", () => {
    const record = {
      id: "guoLOST0000000000001",
      created: "2024-01-01T00:00:00.000Z",
      profile: { displayName: "x", platform: "IOS", model: "iPhone 14 Pro", registered: true },
    };
    const event = toOcsfDeviceInventory(record as OktaDevice, {
      profile: "ocsf",
      ocsfVersion: "1.3.0",
    }) as unknown as Loose;
    expect(inHome(event, ["profile", "model"], "iPhone 14 Pro", "1.3.0")).toBe(false);
    expect(at(event.unmapped, ["profile", "model"])).toBe("iPhone 14 Pro");
    const withoutModel = { ...event, unmapped: { profile: { registered: true } } };
    expect(at(withoutModel.unmapped, ["profile", "model"])).toBeUndefined();
  });
});
