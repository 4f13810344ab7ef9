import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeviceSyncItem, DeviceSyncState, RememberedDevice } from "../../src/client/index.js";
import { lastUpdatedMs, rememberDevice, StringPool } from "../../src/client/remember.js";
import { type DeviceLister, syncDevices } from "../../src/client/sync.js";
import { type InventoryChange, SyncInventory } from "../../src/client/sync-inventory.js";
import { readDeviceSyncState } from "../../src/client/sync-state.js";
import type { OktaDevice } from "../../src/index.js";

// The reference: the comparison as it was written before SyncInventory, on two plain Maps
// (the state's devices by id, and the next inventory by id, in insertion order).
class ReferenceInventory {
  private readonly known: Map<string, RememberedDevice>;
  private readonly next: Map<string, RememberedDevice>;
  private readonly listedIds = new Set<string>();

  constructor(
    previous: readonly RememberedDevice[],
    private readonly full: boolean,
  ) {
    this.known = new Map(previous.map((entry) => [entry[0], entry]));
    this.next = full ? new Map() : new Map(this.known);
  }

  get distinct(): number {
    return this.full ? this.next.size : this.listedIds.size;
  }

  list(id: string, updatedMs: number | null, device: OktaDevice, pool: StringPool) {
    const { full, known, next } = this;
    if (!full) this.listedIds.add(id);
    let before = full ? known.get(id) : next.get(id);
    if (before !== undefined && updatedMs !== null && before[1] === updatedMs) {
      if (full) {
        const size = next.size;
        next.set(before[0], before);
        if (next.size === size) return "repeated";
      }
      return "unchanged";
    }
    if (full) {
      const listed = next.get(id);
      if (listed !== undefined) {
        if (listed[1] !== null && listed[1] === updatedMs) return "repeated";
        before = listed;
      }
    }
    next.set(id, rememberDevice(id, updatedMs, device, pool));
    return before === undefined ? "new" : "updated";
  }

  missing(): RememberedDevice[] {
    return [...this.known].filter(([id]) => !this.next.has(id)).map(([, entry]) => entry);
  }

  devices(): RememberedDevice[] {
    return Array.from(this.next.values());
  }
}

// Few ids and few times, so that listings repeat ids, reuse the state's times and bring
// back ids the state does not hold; names like Object.prototype's members included.
const ID = fc.constantFrom("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "__proto__", "x");
const MS = fc.constantFrom<number | null>(1000, 2000, 3000, null);
const LAST_UPDATED = fc.oneof(
  MS.map((ms) => (ms === null ? "not a date" : new Date(ms).toISOString())),
  fc.constant(undefined),
);

const previousDevices = fc
  .uniqueArray(fc.tuple(ID, MS), { selector: ([id]) => id, maxLength: 10 })
  .map((entries) =>
    entries.map(([id, ms]): RememberedDevice => [id, ms, `name-${id}`, "IOS", null]),
  );

const device = (id: string, lastUpdated: string | undefined, tag: number): OktaDevice =>
  ({
    id,
    lastUpdated,
    profile: { displayName: `${id}#${tag}`, platform: "WINDOWS" },
  }) as OktaDevice;

// A listing: random ids; or the previous state's devices in their order (as Okta lists),
// each kept, dropped, changed or listed twice, with new ids in between.
type Listed = [id: string, lastUpdated: string | undefined];

const listing = (previous: RememberedDevice[]): fc.Arbitrary<Listed[]> =>
  fc.oneof<[fc.Arbitrary<Listed[]>, fc.Arbitrary<Listed[]>]>(
    fc.array(fc.tuple(ID, LAST_UPDATED), { maxLength: 24 }),
    fc
      .array(
        fc.tuple(
          fc.constantFrom("keep", "drop", "change", "twice"),
          LAST_UPDATED,
          fc.option(fc.tuple(ID, LAST_UPDATED), { nil: undefined }),
        ),
        { minLength: previous.length, maxLength: previous.length },
      )
      .map((steps) =>
        steps.flatMap(([step, lastUpdated, inserted], index) => {
          const [id, ms] = previous[index]!;
          const same = ms === null ? "not a date" : new Date(ms).toISOString();
          const own: Listed[] =
            step === "drop"
              ? []
              : step === "keep"
                ? [[id, same]]
                : step === "change"
                  ? [[id, lastUpdated]]
                  : [
                      [id, same],
                      [id, lastUpdated],
                    ];
          return inserted === undefined ? own : [...own, inserted];
        }),
      ),
  );

const scenario = previousDevices.chain((previous) =>
  fc.record({
    previous: fc.constant(previous),
    listed: listing(previous),
    full: fc.boolean(),
  }),
);

describe("SyncInventory (property): the same result as two plain Maps", () => {
  it("each listed device's change and the distinct count, then the missing devices and the next devices", () => {
    fc.assert(
      fc.property(scenario, ({ previous, listed, full }) => {
        const index = new Map(previous.map((entry, at) => [entry[0], at]));
        const subject = new SyncInventory(previous, index, full);
        const reference = new ReferenceInventory(previous, full);
        const pool = new StringPool();
        listed.forEach(([id, lastUpdated], tag) => {
          const listedDevice = device(id, lastUpdated, tag);
          const updatedMs = lastUpdatedMs(listedDevice);
          const got: InventoryChange = subject.list(id, updatedMs, listedDevice, pool);
          expect(got).toBe(reference.list(id, updatedMs, listedDevice, pool));
          expect(subject.distinct).toBe(reference.distinct);
        });
        if (full) expect(subject.missing()).toStrictEqual(reference.missing());
        expect(subject.devices()).toStrictEqual(reference.devices());
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves the previous devices as they were", () => {
    fc.assert(
      fc.property(scenario, ({ previous, listed, full }) => {
        const snapshot = structuredClone(previous);
        const subject = new SyncInventory(
          previous,
          new Map(previous.map((entry, at) => [entry[0], at])),
          full,
        );
        const pool = new StringPool();
        listed.forEach(([id, lastUpdated], tag) => {
          const listedDevice = device(id, lastUpdated, tag);
          subject.list(id, lastUpdatedMs(listedDevice), listedDevice, pool);
        });
        subject.devices();
        expect(previous).toStrictEqual(snapshot);
      }),
      { numRuns: 300 },
    );
  });

  it("a full run listing far more new devices than the state held (the order outgrows its first room)", () => {
    const previous: RememberedDevice[] = [
      ["k0", 1000, null, null, null],
      ["k1", 1000, null, null, null],
      ["k2", 1000, null, null, null],
    ];
    const subject = new SyncInventory(
      previous,
      new Map(previous.map((entry, at) => [entry[0], at])),
      true,
    );
    const reference = new ReferenceInventory(previous, true);
    const pool = new StringPool();
    const ids = Array.from({ length: 3000 }, (_, n) => `n${n}`);
    ids.splice(1500, 0, "k2", "k0");
    ids.push("k2", "n7");
    for (const [tag, id] of ids.entries()) {
      const listed = device(id, new Date(tag % 3 === 0 ? 1000 : 2000).toISOString(), tag);
      const updatedMs = lastUpdatedMs(listed);
      expect(subject.list(id, updatedMs, listed, pool)).toBe(
        reference.list(id, updatedMs, listed, pool),
      );
    }
    expect(subject.distinct).toBe(3002);
    expect(subject.missing()).toStrictEqual([previous[1]]);
    const devices = subject.devices();
    expect(devices).toHaveLength(3002);
    expect(devices).toStrictEqual(reference.devices());
  });

  it("an empty state, a listing of nothing: nothing missing, no devices", () => {
    for (const full of [true, false]) {
      const subject = new SyncInventory([], new Map(), full);
      expect(subject.distinct).toBe(0);
      expect(subject.missing()).toStrictEqual([]);
      expect(subject.devices()).toStrictEqual([]);
    }
  });

  it("a hole in the state's devices is no device (as before: the state's check skips it)", async () => {
    // A JavaScript caller's sparse array: JSON cannot make one.
    const devices: RememberedDevice[] = [];
    devices[0] = ["d0", 1000, null, null, null];
    devices[2] = ["d2", 1000, null, null, null];
    const state: DeviceSyncState = {
      version: 1,
      search: null,
      lastFullSync: null,
      checkpoint: null,
      devices,
    };
    const lister: DeviceLister = async function* () {
      yield { devices: [device("d2", new Date(1000).toISOString(), 0)], serverTime: undefined };
    };
    const items: DeviceSyncItem[] = [];
    for await (const item of syncDevices(lister, state, { mode: "full" })) items.push(item);
    expect(items.map((item) => (item.type === "gone" ? item.gone.id : item.type))).toStrictEqual([
      "d0",
      "state",
    ]);
    const end = items.at(-1);
    expect(end?.type === "state" && end.state.devices).toStrictEqual([
      ["d2", 1000, null, null, null],
    ]);
  });
});

// The whole sync against the reference: the items in order, the counts and the next state.
function referenceSync(
  previous: RememberedDevice[],
  pages: OktaDevice[][],
  full: boolean,
): { items: unknown[]; devices: RememberedDevice[]; counts: Record<string, number> } {
  const reference = new ReferenceInventory(previous, full);
  const pool = new StringPool();
  const items: unknown[] = [];
  const counts = { listed: 0, new: 0, updated: 0, unchanged: 0, untrackable: 0, gone: 0 };
  for (const page of pages) {
    for (const listed of page) {
      counts.listed++;
      const id: unknown = listed.id;
      if (typeof id !== "string" || id === "" || id.length > 256) {
        counts.untrackable++;
        items.push(["new", listed]);
        continue;
      }
      const change = reference.list(id, lastUpdatedMs(listed), listed, pool);
      if (change === "repeated") continue;
      counts[change]++;
      if (change !== "unchanged") items.push([change, listed]);
    }
  }
  if (full) {
    for (const entry of reference.missing()) {
      counts.gone++;
      items.push(["gone", entry[0], entry[2]]);
    }
  }
  return { items, devices: reference.devices(), counts };
}

describe("syncDevices (property): the same items, counts and state as the reference", () => {
  it("full and incremental runs over random states and listings, in pages", async () => {
    const pagedScenario = scenario.chain((value) =>
      fc.record({
        value: fc.constant(value),
        pageSize: fc.integer({ min: 1, max: 5 }),
        untrackable: fc.array(fc.nat({ max: 30 }), { maxLength: 2 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(pagedScenario, async ({ value, pageSize, untrackable }) => {
        const { previous, listed, full } = value;
        const devices = listed.map(([id, lastUpdated], tag) => device(id, lastUpdated, tag));
        for (const at of untrackable) {
          devices.splice(Math.min(at, devices.length), 0, { id: "" } as OktaDevice);
        }
        const pages: OktaDevice[][] = [];
        for (let start = 0; start < devices.length; start += pageSize) {
          pages.push(devices.slice(start, start + pageSize));
        }
        const state: DeviceSyncState = {
          version: 1,
          search: null,
          lastFullSync: "1970-01-01T00:00:00.000Z",
          checkpoint: { lastUpdated: "1970-01-01T00:00:00.000Z", ids: [] },
          devices: structuredClone(previous),
        };
        expect(readDeviceSyncState(state).known.size).toBe(previous.length);
        const lister: DeviceLister = async function* () {
          for (const page of pages) yield { devices: page, serverTime: undefined };
        };
        const items: unknown[] = [];
        let end: DeviceSyncItem | undefined;
        for await (const item of syncDevices(lister, state, {
          mode: full ? "full" : "incremental",
        })) {
          if (item.type === "device") items.push([item.change, item.device]);
          else if (item.type === "gone") {
            items.push(["gone", item.gone.id, item.gone.displayName ?? null]);
          } else end = item;
        }
        const expected = referenceSync(previous, pages, full);
        expect(items).toStrictEqual(expected.items);
        expect(end?.type).toBe("state");
        if (end?.type !== "state") return;
        expect(end.state.devices).toStrictEqual(expected.devices);
        const { listed: n, new: created, updated, unchanged, untrackable: u, gone } = end.summary;
        expect({ listed: n, new: created, updated, unchanged, untrackable: u, gone }).toStrictEqual(
          expected.counts,
        );
        expect(state.devices).toStrictEqual(previous);
      }),
      { numRuns: 500 },
    );
  });
});

describe("readDeviceSyncState (property): one pass names the same fault as checking every entry, then the ids", () => {
  const base = {
    version: 1,
    search: null,
    lastFullSync: null,
    checkpoint: null,
  } as const;
  // An entry: well formed (few ids, so some repeat), or broken in one field.
  const entry = fc.oneof(
    fc.tuple(ID, MS).map(([id, ms]): unknown => [id, ms, null, "IOS", null]),
    fc.constantFrom<unknown>(
      "not an entry",
      ["d1", 1000, null, null],
      ["", 1000, null, null, null],
      ["d2", 1.5, null, null, null],
      ["d3", 1000, 7, null, null],
      ["d4", 1000, null, null, false],
    ),
  );
  // Where the fault is when each entry is checked alone, then the ids: the first broken
  // entry (its path moved to its index), else the first id seen before.
  const faultOf = (entries: unknown[]): string | undefined => {
    for (const [index, value] of entries.entries()) {
      try {
        readDeviceSyncState({ ...base, devices: [value] });
      } catch (error) {
        return `${(error as Error).message.replace("devices[0]", `devices[${index}]`)}`;
      }
    }
    const ids = new Set<string>();
    for (const [index, value] of entries.entries()) {
      const id = (value as RememberedDevice)[0];
      if (ids.has(id)) return `Device sync state: devices[${index}][0] repeats the id ${id}`;
      ids.add(id);
    }
    return undefined;
  };

  it("random entries, some broken, some ids repeated", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        let message: string | undefined;
        let known: Map<string, number> | undefined;
        try {
          known = readDeviceSyncState({ ...base, devices: entries }).known;
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toBe(faultOf(entries));
        if (known !== undefined) {
          expect([...known]).toStrictEqual(
            entries.map((value, index) => [(value as RememberedDevice)[0], index]),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });
});
