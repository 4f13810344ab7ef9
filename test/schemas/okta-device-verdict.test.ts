// isOktaDevice (src/schemas/okta-device-verdict.ts) is a hand-written twin of
// OktaDeviceSchema's verdict, there for speed. These tests hold the twin to zod: on valid
// records and on records broken at every field the schema declares, with the fields read
// from the schema itself, so a field added to the schema and not to the twin (or checked
// differently) makes them fail.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OktaDeviceSchema, safeParseOktaDevice } from "../../src/schemas/index.js";
import { isOktaDevice } from "../../src/schemas/okta-device-verdict.js";
import { safeParseOktaDeviceWithZod } from "../../src/schemas/parse.js";
import { generateOktaDevices } from "../../src/testing/index.js";
import { oktaDeviceArbitrary } from "../helpers/arbitraries.js";

type Path = (string | number)[];

interface SchemaNode {
  _zod: { def: Record<string, unknown> & { type: string } };
}

// Every path the schema declares: object keys, and index 0 of arrays (through optional,
// nullable and union wrappers), so that each field can be broken in turn.
function schemaPaths(schema: SchemaNode, prefix: Path = []): Path[] {
  const def = schema._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
      return schemaPaths(def.innerType as SchemaNode, prefix);
    case "union":
      return (def.options as SchemaNode[]).flatMap((option) => schemaPaths(option, prefix));
    case "array":
      return [prefix, ...schemaPaths(def.element as SchemaNode, [...prefix, 0])];
    case "object": {
      const shape = def.shape as Record<string, SchemaNode>;
      return [
        prefix,
        ...Object.entries(shape).flatMap(([key, field]) => schemaPaths(field, [...prefix, key])),
      ];
    }
    default:
      return [prefix];
  }
}

const PATHS = schemaPaths(OktaDeviceSchema as unknown as SchemaNode).filter(
  (path) => path.length > 0,
);

// Sets `value` at `path` in `record`, making the containers on the way (an array before a
// number) where they are missing or not containers: the broken record is still a device in
// every other respect. `undefined` with `remove` deletes the key.
function setAt(record: unknown, path: Path, value: unknown, remove: boolean): unknown {
  const root = structuredClone(record) as Record<string | number, unknown>;
  let node = root;
  for (let index = 0; index < path.length - 1; index++) {
    const key = path[index] as string | number;
    let next = node[key];
    if (typeof next !== "object" || next === null) {
      next = typeof path[index + 1] === "number" ? [] : {};
      node[key] = next;
    }
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (remove) delete node[last];
  else node[last] = value;
  return root;
}

// Values of every kind a field may wrongly (or rightly) hold, from JSON and from JS.
const anyValue = fc.oneof(
  fc.constantFrom<unknown>(
    undefined,
    null,
    true,
    false,
    0,
    -1.5,
    Number.NaN,
    "",
    "x",
    "ACTIVE",
    "2025-08-26T09:30:00.000Z",
    "2025-08-26T11:30:00+02:00",
    "2025-02-30T00:00:00Z",
    "2025-08-26",
    [],
    [null],
    [{}],
    {},
    { value: "x" },
    { id: "00u1" },
  ),
  fc.constant(new Array(2)),
  fc.constant(Object.create(null) as object),
  fc.constant(new Date(0)),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutation = fc.record({
  path: fc.constantFrom(...PATHS),
  value: anyValue,
  remove: fc.boolean(),
});

const base = fc.oneof(
  oktaDeviceArbitrary,
  fc.constantFrom(
    ...generateOktaDevices(4, { seed: 3 }),
    ...generateOktaDevices(4, { seed: 4, expand: "userSummary" }),
    ...generateOktaDevices(4, { seed: 5, expand: "user" }),
  ),
);

const brokenRecord = fc
  .tuple(base, fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([record, mutations]) =>
    mutations.reduce<unknown>(
      (current, { path, value, remove }) => setAt(current, path, value, remove),
      record,
    ),
  );

function expectSameAsZod(input: unknown): void {
  const zodVerdict = OktaDeviceSchema.safeParse(input).success;
  expect(isOktaDevice(input)).toBe(zodVerdict);
  const fast = safeParseOktaDevice(input);
  const reference = safeParseOktaDeviceWithZod(input);
  expect(fast.success).toBe(reference.success);
  if (fast.success && reference.success) {
    // The payload itself, not a copy.
    expect(fast.data).toBe(input);
    expect(reference.data).toBe(input);
  } else if (!fast.success && !reference.success) {
    expect(fast.error.message).toBe(reference.error.message);
    expect(fast.error.deviceId).toBe(reference.error.deviceId);
    expect(fast.error.issues).toStrictEqual(reference.error.issues);
  }
}

describe("isOktaDevice, the fast verdict of OktaDeviceSchema", () => {
  it("reads the schema's fields (the generator below breaks each of them)", () => {
    const joined = PATHS.map((path) => path.join("."));
    expect(joined).toContain("id");
    expect(joined).toContain("profile.osUpdateTime");
    expect(joined).toContain("providers.0.payload.clientVersion");
    expect(joined).toContain("_embedded.users.0.user.profile.lastName");
    expect(joined).toContain("resourceDisplayName.sensitive");
  });

  it("agrees with zod on valid records of every shape", () => {
    fc.assert(
      fc.property(base, (record) => {
        expect(isOktaDevice(record)).toBe(true);
        expectSameAsZod(record);
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with zod, verdict and issues, on records broken at any field", () => {
    let rejected = 0;
    let accepted = 0;
    fc.assert(
      fc.property(brokenRecord, (record) => {
        expectSameAsZod(record);
        if (OktaDeviceSchema.safeParse(record).success) accepted++;
        else rejected++;
      }),
      { numRuns: 5_000 },
    );
    // Both verdicts are exercised, not one.
    expect(rejected).toBeGreaterThan(500);
    expect(accepted).toBeGreaterThan(500);
  }, 120_000);

  it("agrees with zod on any value at all", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => expectSameAsZod(value)),
      { numRuns: 2_000 },
    );
  });

  it("agrees with zod on each field broken alone, for every field and value kind", () => {
    const [record] = generateOktaDevices(1, { seed: 9, expand: "user" });
    const values: unknown[] = [
      undefined,
      null,
      true,
      0,
      "",
      "x",
      "2025-02-30T00:00:00Z",
      [],
      {},
      new Array(1),
    ];
    for (const path of PATHS) {
      expectSameAsZod(setAt(record, path, undefined, true));
      for (const value of values) expectSameAsZod(setAt(record, path, value, false));
    }
  });
});
