// The lake's Parquet schemas are written by hand (the official OCSF schemas are test data,
// not part of the package). These tests hold them to both sides: the official class schema
// of each version, and what the mapper really emits for that version.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DeviceGone,
  OCSF_VERSIONS,
  type OcsfVersion,
  type OktaDevice,
  toOcsfDeviceDeletion,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import type { LakeColumnType, LakeGroup } from "../../src/lake/column-types.js";
import { LAKE_EVENT_CLASSES } from "../../src/lake/index.js";
import { generateOktaDevices } from "../../src/testing/index.js";
import { oktaDeviceArbitrary } from "../helpers/arbitraries.js";
import { TOO_LONG } from "../helpers/long-strings.js";
import { reportSkip, SHARED_DIR } from "../helpers/shared.js";

type JsonSchema = {
  type?: string;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: unknown;
  $defs?: Record<string, JsonSchema>;
};

const CLASS_FILES: Record<number, string> = { 5001: "inventory_info", 3004: "entity_management" };

function officialSchema(classUid: number, version: OcsfVersion): JsonSchema | undefined {
  const path = resolve(SHARED_DIR, `ocsf/${CLASS_FILES[classUid]}-${version}.schema.json`);
  if (!existsSync(path)) {
    reportSkip(`the official OCSF ${version} schema of class ${classUid}`, path);
    return undefined;
  }
  return JSON.parse(readFileSync(path, "utf8")) as JsonSchema;
}

function deref(root: JsonSchema, schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace("#/$defs/", "");
  return root.$defs?.[name] as JsonSchema;
}

const JSON_TYPE: Record<string, string> = {
  string: "string",
  int32: "integer",
  int64: "integer",
  timestamp: "integer",
  boolean: "boolean",
};

// Every column must be an attribute the official schema defines there, of a matching type.
function mismatches(root: JsonSchema, group: LakeGroup, at: JsonSchema, path: string): string[] {
  const problems: string[] = [];
  for (const [name, type] of Object.entries(group) as [string, LakeColumnType][]) {
    const where = path === "" ? name : `${path}.${name}`;
    const official = at.properties?.[name];
    if (official === undefined) {
      problems.push(`${where}: not an attribute of the official schema`);
      continue;
    }
    const resolved = deref(root, official);
    if (typeof type === "string" && type !== "json_map") {
      if (resolved.type !== JSON_TYPE[type])
        problems.push(`${where}: ${type} but official ${resolved.type}`);
    } else if (type === "json_map") {
      const keys = Object.keys(resolved.properties ?? {});
      if (resolved.type !== "object" || keys.length > 0 || resolved.additionalProperties !== true) {
        problems.push(`${where}: a map but official is not a free-form object`);
      }
    } else if (Array.isArray(type)) {
      const items = resolved.items === undefined ? undefined : deref(root, resolved.items);
      if (resolved.type !== "array" || items?.type !== JSON_TYPE[type[0] as string]) {
        problems.push(
          `${where}: list of ${type[0]} but official ${resolved.type} of ${items?.type}`,
        );
      }
    } else {
      if (resolved.type !== "object" || Object.keys(resolved.properties ?? {}).length === 0) {
        problems.push(`${where}: a group but official is ${resolved.type}`);
      } else {
        problems.push(...mismatches(root, type as LakeGroup, resolved, where));
      }
    }
  }
  return problems;
}

// Every attribute path (and its JSON kind) in an event, `unmapped` taken as one free-form value.
function attributePaths(value: unknown, path: string, out: Set<string>): void {
  if (Array.isArray(value)) {
    out.add(`${path}[]`);
    for (const item of value) attributePaths(item, `${path}[]`, out);
  } else if (typeof value === "object" && value !== null && path !== "unmapped") {
    for (const [key, item] of Object.entries(value)) {
      attributePaths(item, path === "" ? key : `${path}.${key}`, out);
    }
  } else if (path !== "") {
    out.add(path);
  }
}

function schemaPaths(group: LakeGroup, path: string, out: Set<string>): void {
  for (const [name, type] of Object.entries(group) as [string, LakeColumnType][]) {
    const where = path === "" ? name : `${path}.${name}`;
    if (typeof type === "string") out.add(where);
    else if (Array.isArray(type)) out.add(`${where}[]`).add(`${where}[]`);
    else schemaPaths(type as LakeGroup, where, out);
  }
}

describe("lake schemas against the official OCSF schemas", () => {
  for (const eventClass of LAKE_EVENT_CLASSES.values()) {
    for (const version of OCSF_VERSIONS) {
      it(`class ${eventClass.classUid}, OCSF ${version}: every column is an official attribute of the right type`, () => {
        const official = officialSchema(eventClass.classUid, version);
        if (official === undefined) return;
        expect(mismatches(official, eventClass.schema(version), official, "")).toStrictEqual([]);
      });
    }
  }

  it("a column the official schema lacks is caught (the check can fail)", () => {
    const official = officialSchema(5001, "1.3.0");
    if (official === undefined) return;
    const schema = { ...(LAKE_EVENT_CLASSES.get(5001)?.schema("1.3.0") as LakeGroup) };
    expect(
      mismatches(official, { ...schema, device: { model: "string" } }, official, ""),
    ).toStrictEqual(["device.model: not an attribute of the official schema"]);
    expect(mismatches(official, { ...schema, time: "string" }, official, "")).toStrictEqual([
      "time: string but official integer",
    ]);
  });
});

describe("lake schema of Device Inventory Info against the mapper", () => {
  for (const version of OCSF_VERSIONS) {
    it(`OCSF ${version}: every attribute the mapper emits has a column`, () => {
      const columns = new Set<string>();
      schemaPaths(LAKE_EVENT_CLASSES.get(5001)?.schema(version) as LakeGroup, "", columns);
      const emitted = new Set<string>();
      const options = { profile: "ocsf", ocsfVersion: version } as const;
      for (const device of generateOktaDevices(2000, { expand: "user" })) {
        attributePaths(toOcsfDeviceInventory(device, options), "", emitted);
      }
      fc.assert(
        fc.property(oktaDeviceArbitrary, (record) => {
          attributePaths(toOcsfDeviceInventory(record as OktaDevice, options), "", emitted);
        }),
        { numRuns: 2000 },
      );
      expect([...emitted].filter((path) => !columns.has(path))).toStrictEqual([]);
      // And the columns are not padding: almost all of them are really emitted.
      expect([...columns].filter((path) => !emitted.has(path))).toStrictEqual([]);
    });
  }
});

// Deleted devices as a sync reports them: any subset of the last known facts.
const goneArbitrary: fc.Arbitrary<DeviceGone> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 30 }),
    displayName: fc.oneof(fc.string({ maxLength: 40 }), fc.constant(TOO_LONG)),
    platform: fc.oneof(
      fc.constantFrom("WINDOWS", "MACOS", "IOS", "ANDROID", "LINUX", "CHROMEOS"),
      fc.constant(TOO_LONG),
    ),
    model: fc.constantFrom("iPad8,11", "iPhone 14 Pro", "Latitude 5540"),
    lastUpdated: fc
      .date({ min: new Date("2000-01-01Z"), max: new Date("2035-12-31Z"), noInvalidDate: true })
      .map((date) => date.toISOString()),
    detectedAt: fc
      .date({ min: new Date("2000-01-01Z"), max: new Date("2035-12-31Z"), noInvalidDate: true })
      .map((date) => date.toISOString()),
  },
  { requiredKeys: ["id", "detectedAt"] },
);

describe("lake schema of Entity Management (deleted devices) against the mapper", () => {
  for (const version of OCSF_VERSIONS) {
    it(`OCSF ${version}: every attribute toOcsfDeviceDeletion emits has a column, and the reverse`, () => {
      const columns = new Set<string>();
      schemaPaths(LAKE_EVENT_CLASSES.get(3004)?.schema(version) as LakeGroup, "", columns);
      const emitted = new Set<string>();
      const options = { profile: "ocsf", ocsfVersion: version } as const;
      fc.assert(
        fc.property(goneArbitrary, (gone) => {
          attributePaths(toOcsfDeviceDeletion(gone, options), "", emitted);
        }),
        { numRuns: 500 },
      );
      // `unmapped` only where a version's string limit pushes a fact there (1.3.0).
      const notEmitted = [...columns].filter((path) => !emitted.has(path));
      expect([...emitted].filter((path) => !columns.has(path))).toStrictEqual([]);
      expect(notEmitted).toStrictEqual(version === "1.3.0" ? [] : ["unmapped"]);
    });
  }
});
