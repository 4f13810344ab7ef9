import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  OCSF_VERSIONS,
  type OcsfVersion,
  type OktaDevice,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import {
  StrictDeviceInventoryEventSchema,
  strictDeviceInventoryEventSchema,
} from "../../src/schemas/index.js";
import { pageNonCompliantDevice } from "../fixtures/page-examples.js";
import { TOO_LONG } from "../helpers/long-strings.js";
import {
  hasOcsfSchemaFor,
  loadOcsfSchemaFor,
  officialValidator,
} from "../helpers/ocsf-version-schemas.js";

type Json = Record<string, unknown>;

function resolveRef(root: Json, node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  const name = ref.replace("#/$defs/", "");
  return resolveRef(root, (root.$defs as Json)[name] as Json);
}

// Strings on both sides of the patterns OCSF uses (hostname_t, email_t).
const PROBES = [
  ...["Mary's iPhone", "LAPTOP-MARY-001", "a.b-c.d", "-x", "x-", "a..b", "a_b", "", "é", "a b"],
  ...["mary@example.com", "m@x", "not-an-email", "a@b.c", "a b@c.d", "m@ex_ample.com"],
];

// Regex texts differ in needless escapes (`\-` in a class); what counts is what they accept.
function samePattern(ours: unknown, theirs: string): boolean {
  if (typeof ours !== "string") return false;
  const a = new RegExp(ours, "u");
  const b = new RegExp(theirs, "u");
  return PROBES.every((probe) => a.test(probe) === b.test(probe));
}

/**
 * Walks our schema (as JSON Schema) beside the official one and lists every place ours
 * allows what the official one does not: an attribute it does not define, a string limit
 * or pattern it lacks, a number where it wants an integer, an optional attribute it requires.
 */
function differences(ours: Json, official: Json, root: Json, path: string): string[] {
  const found: string[] = [];
  const theirs = resolveRef(root, official);
  const ourProperties = (ours.properties ?? {}) as Record<string, Json>;
  const theirProperties = (theirs.properties ?? {}) as Record<string, Json>;
  for (const required of (theirs.required ?? []) as string[]) {
    if (!((ours.required ?? []) as string[]).includes(required)) {
      found.push(`${path}.${required} is required by OCSF, optional in ours`);
    }
  }
  for (const [key, our] of Object.entries(ourProperties)) {
    const where = `${path}.${key}`;
    const their = theirProperties[key];
    if (their === undefined) {
      found.push(`${where} is not an OCSF attribute`);
      continue;
    }
    const resolved = resolveRef(root, their);
    if (our.type === "object" && resolved.type === "object" && key !== "unmapped") {
      found.push(...differences(our, resolved, root, where));
    } else if (our.type === "array") {
      found.push(
        ...differences(
          { properties: { item: our.items } },
          { properties: { item: resolved.items } },
          root,
          where,
        ),
      );
    } else {
      const fixed = our.const !== undefined || Array.isArray(our.enum);
      if (resolved.type === "integer" && our.type !== "integer" && !fixed) {
        found.push(`${where} must be an integer`);
      }
      if (typeof resolved.pattern === "string" && !samePattern(our.pattern, resolved.pattern)) {
        found.push(`${where} lacks OCSF's pattern`);
      }
      if (
        Array.isArray(resolved.enum) &&
        our.const !== undefined &&
        !resolved.enum.includes(our.const)
      ) {
        found.push(`${where} = ${String(our.const)} is not in OCSF's enum`);
      }
    }
  }
  return found;
}

/** Every `maxLength` on a string attribute of the official schema that our events use. */
function officialMaxLengths(
  ours: Json,
  official: Json,
  root: Json,
  into: Set<number>,
): Set<number> {
  const theirs = resolveRef(root, official);
  for (const [key, our] of Object.entries((ours.properties ?? {}) as Record<string, Json>)) {
    const their = (theirs.properties as Record<string, Json> | undefined)?.[key];
    if (their === undefined || key === "unmapped") continue;
    const resolved = resolveRef(root, their);
    if (our.type === "object") officialMaxLengths(our, resolved, root, into);
    else if (typeof resolved.maxLength === "number" && our.type === "string")
      into.add(resolved.maxLength);
  }
  return into;
}

function ourJsonSchema(version: OcsfVersion): Json {
  // Refinements (enum ids, captions, lengths) are not JSON Schema; they are tested below.
  return z.toJSONSchema(strictDeviceInventoryEventSchema(version) as z.ZodType, {
    unrepresentable: "any",
  }) as Json;
}

const iphone = pageNonCompliantDevice as OktaDevice;

describe.each(OCSF_VERSIONS)(
  "strictDeviceInventoryEventSchema(%s) against the official schema",
  (version) => {
    const hasSchema = hasOcsfSchemaFor(version);

    it("defines only attributes the official schema defines, with its types, patterns and requirements", {
      skip: !hasSchema,
    }, () => {
      const official = loadOcsfSchemaFor(version);
      expect(differences(ourJsonSchema(version), official, official, "event")).toStrictEqual([]);
    });

    it("limits strings exactly where and as the official schema does", { skip: !hasSchema }, () => {
      const official = loadOcsfSchemaFor(version);
      const limits = officialMaxLengths(ourJsonSchema(version), official, official, new Set());
      expect([...limits]).toStrictEqual(version === "1.3.0" ? [65_535] : []);
      const event = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: version });
      const long = { ...event, device: { ...event.device, name: TOO_LONG } };
      expect(strictDeviceInventoryEventSchema(version).safeParse(long).success).toBe(
        version !== "1.3.0",
      );
      expect(officialValidator(version).validate(long)).toBe(version !== "1.3.0");
    });

    it("accepts the version's event and rejects another version's", () => {
      const event = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: version });
      const schema = strictDeviceInventoryEventSchema(version);
      expect(schema.parse(event)).toStrictEqual(event);
      const other = version === "1.3.0" ? "1.8.0" : "1.3.0";
      const otherEvent = toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: other });
      expect(schema.safeParse(otherEvent).success).toBe(false);
    });
  },
);

describe("per-version schemas, both ours and the official, reject the same mistakes", () => {
  const base = (version: OcsfVersion) =>
    toOcsfDeviceInventory(iphone, { profile: "ocsf", ocsfVersion: version }) as unknown as Json;
  const withDevice = (version: OcsfVersion, patch: Json) => {
    const event = base(version);
    return { ...event, device: { ...(event.device as Json), ...patch } };
  };
  it.each([
    ["1.3.0", { model: "iPhone 14 Pro" }],
    ["1.3.0", { vendor_name: "Apple" }],
    ["1.3.0", { imei_list: ["356938035643809"] }],
    ["1.3.0", { hostname: "Mary's iPhone" }],
    ["1.3.0", { hw_info: { vendor_name: "Apple" } }],
    ["1.4.0", { udid: "00008120-0015E40A2E59801E" }],
    ["1.4.0", { meid: "A0000000000001" }],
  ] as const)("%s rejects device %j", (version, patch) => {
    const event = withDevice(version, patch);
    expect(strictDeviceInventoryEventSchema(version).safeParse(event).success).toBe(false);
    if (hasOcsfSchemaFor(version)) expect(officialValidator(version).validate(event)).toBe(false);
  });

  it("StrictDeviceInventoryEventSchema is the 1.6.0 schema", () => {
    expect(StrictDeviceInventoryEventSchema).toBe(strictDeviceInventoryEventSchema("1.6.0"));
    expect(() => strictDeviceInventoryEventSchema("1.2.0" as never)).toThrow(TypeError);
  });
});
