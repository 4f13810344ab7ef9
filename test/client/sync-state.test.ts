import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DeviceSyncItem,
  type DeviceSyncState,
  DeviceSyncStateError,
  parseDeviceSyncState,
} from "../../src/client/index.js";
import { type DeviceLister, syncDevices } from "../../src/client/sync.js";
import type { OktaDevice } from "../../src/index.js";

const valid: DeviceSyncState = {
  version: 1,
  search: null,
  lastFullSync: "2026-01-01T00:00:00.000Z",
  checkpoint: { lastUpdated: "2026-01-01T00:00:00.000Z", ids: [] },
  devices: [
    ["guo1", 1_700_000_000_000, "LAPTOP-1", "WINDOWS", null],
    ["guo2", null, null, null, null],
  ],
};

describe("parseDeviceSyncState", () => {
  it("accepts a valid state, also after a JSON round trip", () => {
    expect(parseDeviceSyncState(JSON.parse(JSON.stringify(valid)))).toStrictEqual(valid);
  });

  const broken: [string, unknown, string][] = [
    ["not an object", "state", "(the state)"],
    ["another version", { ...valid, version: 2 }, "version"],
    ["no version", { ...valid, version: undefined }, "version"],
    ["a bad filter", { ...valid, search: 3 }, "search"],
    ["a bad full-sync time", { ...valid, lastFullSync: "soon" }, "lastFullSync"],
    [
      "a bad checkpoint",
      { ...valid, checkpoint: { lastUpdated: "x", ids: [] } },
      "checkpoint.lastUpdated",
    ],
    [
      "checkpoint ids",
      { ...valid, checkpoint: { lastUpdated: valid.lastFullSync, ids: [1] } },
      "checkpoint.ids",
    ],
    ["no devices", { ...valid, devices: {} }, "devices"],
    ["a short entry", { ...valid, devices: [["guo1", 1, null, null]] }, "devices[0]"],
    [
      "an empty id",
      { ...valid, devices: [valid.devices[0], ["", 1, null, null, null]] },
      "devices[1][0]",
    ],
    [
      "a fractional time",
      { ...valid, devices: [["guo1", 1.5, null, null, null]] },
      "devices[0][1]",
    ],
    ["a numeric name", { ...valid, devices: [["guo1", 1, 7, null, null]] }, "devices[0][2]"],
    // A safe integer past the Date range passed, then a complete full run that found the
    // device gone threw a bare RangeError ("Invalid time value") at the deletion.
    [
      "a time no Date holds",
      { ...valid, devices: [["guo1", 9e15, null, null, null]] },
      "devices[0][1]",
    ],
    [
      "a time before any Date",
      { ...valid, devices: [["guo1", -9e15, null, null, null]] },
      "devices[0][1]",
    ],
    [
      "an id no request can carry",
      { ...valid, devices: [["g".repeat(257), 1, null, null, null]] },
      "devices[0][0]",
    ],
    ["a numeric id", { ...valid, devices: [[42, 1, null, null, null]] }, "devices[0][0]"],
    ["an array for the state", [], "(the state)"],
    ["a version as text", { ...valid, version: "1" }, "version"],
    // Checked on load, not only by syncDevices: the CLI exited 1 ("devices not mapped")
    // instead of 64 for such a state file.
    [
      "a repeated id",
      { ...valid, devices: [valid.devices[0], valid.devices[1], valid.devices[0]] },
      "devices[2][0]",
    ],
  ];
  for (const [what, value, path] of broken) {
    it(`refuses ${what}, naming ${path}`, () => {
      let error: unknown;
      try {
        parseDeviceSyncState(value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DeviceSyncStateError);
      expect((error as DeviceSyncStateError).path).toBe(path);
      expect((error as Error).message).toMatch(
        new RegExp(`^Device sync state: ${path.replace(/[[\]()]/g, "\\$&")} `),
      );
    });
  }

  it("accepts the extreme times and id lengths it allows", () => {
    const edge = {
      ...valid,
      devices: [
        ["g".repeat(256), 8.64e15, null, null, null],
        ["h", -8.64e15, null, null, null],
      ],
    };
    expect(parseDeviceSyncState(edge)).toBe(edge);
  });

  it("keys named like Object.prototype members are plain data: no pollution, each its own device", async () => {
    const text =
      '{"__proto__":{"polluted":1},"version":1,"search":null,"lastFullSync":null,"checkpoint":null,' +
      '"devices":[["__proto__",1000,"constructor","toString",null],["constructor",2000,null,null,null],["hasOwnProperty",3000,null,null,null]]}';
    const state = parseDeviceSyncState(JSON.parse(text));
    const none: DeviceLister = async function* () {
      yield { devices: [device("constructor", 2000)], serverTime: undefined };
    };
    const items: DeviceSyncItem[] = [];
    for await (const item of syncDevices(none, state, { mode: "full" })) items.push(item);
    expect(items.flatMap((item) => (item.type === "gone" ? [item.gone] : []))).toMatchObject([
      { id: "__proto__", displayName: "constructor", platform: "toString" },
      { id: "hasOwnProperty" },
    ]);
    const end = items.at(-1);
    expect(end?.type === "state" && end.state.devices).toStrictEqual([
      ["constructor", 2000, null, null, null],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("says which version it reads", () => {
    expect(() => parseDeviceSyncState({ ...valid, version: 2 })).toThrow(
      "Device sync state: version is 2, but this release reads version 1",
    );
  });

  it("syncDevices refuses a state with a repeated id at once, before any request", () => {
    const lister: DeviceLister = () => {
      throw new Error("must not list");
    };
    const state = { ...valid, devices: [valid.devices[0]!, valid.devices[0]!] };
    expect(() => syncDevices(lister, state)).toThrow(
      "Device sync state: devices[1][0] repeats the id guo1",
    );
  });
});

// A listing of the given devices, a page of one each, that throws after `failAt` devices
// (when given).
function lister(devices: OktaDevice[], failAt: number | undefined): DeviceLister {
  return async function* () {
    for (const [index, device] of devices.entries()) {
      if (index === failAt) throw new Error("listing failed");
      yield { devices: [device], serverTime: undefined };
    }
    if (failAt === devices.length) throw new Error("listing failed at the end");
  };
}

const device = (id: string, ms: number) =>
  ({ id, lastUpdated: new Date(ms).toISOString(), profile: { displayName: id } }) as OktaDevice;

// Known devices (id -> lastUpdated ms), and a listing: some known ones (same or newer
// time), some new ones; maybe failing at some point.
const scenario = fc
  .record({
    known: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }),
    listedKnown: fc.array(fc.tuple(fc.boolean(), fc.boolean()), { maxLength: 60 }),
    created: fc.uniqueArray(fc.integer({ min: 100, max: 140 }), { maxLength: 10 }),
    failAt: fc.option(fc.nat({ max: 80 }), { nil: undefined }),
  })
  .map(({ known, listedKnown, created, failAt }) => {
    const base = 1_700_000_000_000;
    const state: DeviceSyncState = {
      version: 1,
      search: null,
      lastFullSync: null,
      checkpoint: null,
      devices: known.map((n) => [`d${n}`, base + n * 1000, null, null, null]),
    };
    const listed: OktaDevice[] = [];
    known.forEach((n, index) => {
      const [present, changed] = listedKnown[index] ?? [true, false];
      if (present) listed.push(device(`d${n}`, base + n * 1000 + (changed ? 500_000 : 0)));
    });
    for (const n of created) listed.push(device(`d${n}`, base + n * 1000));
    return { state, listed, failAt };
  });

describe("syncDevices (property): deletions only after a complete listing", () => {
  it("a failed listing yields no deletion and no state; a complete one reports exactly the missing devices", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ state, listed, failAt }) => {
        const snapshot = structuredClone(state);
        const items: DeviceSyncItem[] = [];
        let failed = false;
        try {
          for await (const item of syncDevices(lister(listed, failAt), state, { mode: "full" })) {
            items.push(item);
          }
        } catch {
          failed = true;
        }
        expect(state).toStrictEqual(snapshot);
        const gones = items.flatMap((item) => (item.type === "gone" ? [item.gone.id] : []));
        const ends = items.filter((item) => item.type === "state");
        if (failAt !== undefined && failAt <= listed.length) {
          expect(failed).toBe(true);
          expect(gones).toStrictEqual([]);
          expect(ends).toStrictEqual([]);
          return;
        }
        const listedIds = new Set(listed.map((entry) => entry.id));
        const knownMs = new Map(state.devices.map(([id, ms]) => [id, ms]));
        expect(gones.sort()).toStrictEqual(
          state.devices
            .map(([id]) => id)
            .filter((id) => !listedIds.has(id))
            .sort(),
        );
        const changed = listed.filter(
          (entry) => knownMs.get(entry.id) !== Date.parse(entry.lastUpdated),
        );
        expect(
          items.flatMap((item) => (item.type === "device" ? [item.device.id] : [])),
        ).toStrictEqual(changed.map((entry) => entry.id));
        const end = ends[0];
        expect(end?.type === "state" && end.state.devices.map(([id]) => id).sort()).toStrictEqual(
          [...listedIds].sort(),
        );
        expect(items.at(-1)?.type).toBe("state");
      }),
      { numRuns: 300 },
    );
  });
});

describe("syncDevices: a device listed twice in one full run", () => {
  it("is reported once and counted once", async () => {
    const base = 1_700_000_000_000;
    const state: DeviceSyncState = {
      version: 1,
      search: null,
      lastFullSync: null,
      checkpoint: null,
      devices: [
        ["same", base, null, null, null],
        ["changed", base, null, null, null],
      ],
    };
    const listed = [
      device("same", base),
      device("changed", base + 1000),
      device("new", base),
      device("same", base),
      device("changed", base + 1000),
      device("new", base),
    ];
    const items: DeviceSyncItem[] = [];
    for await (const item of syncDevices(lister(listed, undefined), state, { mode: "full" })) {
      items.push(item);
    }
    expect(
      items.flatMap((item) => (item.type === "device" ? [[item.change, item.device.id]] : [])),
    ).toStrictEqual([
      ["updated", "changed"],
      ["new", "new"],
    ]);
    const end = items.at(-1);
    expect(end?.type === "state" && end.summary).toMatchObject({
      listed: 6,
      new: 1,
      updated: 1,
      unchanged: 1,
      gone: 0,
    });
  });
});
