import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { type DeviceSyncState, OktaResponseError } from "../../src/client/index.js";
import { type DeviceLister, syncDevices } from "../../src/client/sync.js";
import type { DeviceLookup } from "../../src/client/sync-lookup.js";
import type { OktaDevice } from "../../src/index.js";
import {
  type FakeOktaOrg,
  type FakeOrgFaultKind,
  generateOktaDevices,
  startFakeOktaOrg,
} from "../../src/testing/index.js";
import { clientFor } from "./helpers.js";
import { runSync, stateOf } from "./sync-helpers.js";

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

const devices = generateOktaDevices(50, { seed: 3, expand: "user" });

// The state of a complete sync of `devices`.
async function syncedState(search?: string): Promise<DeviceSyncState> {
  const clean = await startFakeOktaOrg({ devices, pageSize: 10 });
  try {
    return stateOf(await runSync(clientFor(clean), undefined, { search }));
  } finally {
    await clean.close();
  }
}

const lookups = (live: FakeOktaOrg) =>
  live.requests.filter((request) => request.path.startsWith("/api/v1/devices/")).length;

describe("syncDevices: a listing that loses devices without an error reports no deletion", () => {
  const faults: [FakeOrgFaultKind, string][] = [
    ["end-early", "a page without its next link (a truncated Link chain)"],
    ["skip-device", "a page that leaves out a device while its cursor moves past it"],
  ];
  for (const [kind, what] of faults) {
    it(`${what}: throws, no deletion, no state`, async () => {
      const state = await syncedState();
      org = await startFakeOktaOrg({ devices, pageSize: 10, faults: [{ kind, at: 3 }] });
      const snapshot = structuredClone(state);
      const run = await runSync(clientFor(org), state, { mode: "full" });
      expect(run.error).toBeInstanceOf(OktaResponseError);
      expect((run.error as Error).message).toMatch(
        /full listing of devices was incomplete: device guo\w+ is not in it, yet Okta still has it/,
      );
      expect(run.gones).toStrictEqual([]);
      expect(run.end).toBeUndefined();
      expect(state).toStrictEqual(snapshot);
      // The first device looked up is enough to know.
      expect(lookups(org)).toBe(1);
      // Without the check, the same listing is taken for deletions: what the check prevents.
      await org.close();
      org = await startFakeOktaOrg({ devices, pageSize: 10, faults: [{ kind, at: 3 }] });
      const unchecked = await runSync(clientFor(org), state, {
        mode: "full",
        verifyDeletions: false,
      });
      expect(unchecked.gones.length).toBe(kind === "end-early" ? 20 : 1);
      expect(lookups(org)).toBe(0);
    });
  }

  it("a device deleted before or during the listing is confirmed gone with one request each", async () => {
    const state = await syncedState();
    const ids = devices.map((device) => device.id);
    // Page 3 deletes one device ahead of the cursor (gone) and one behind it (listed).
    org = await startFakeOktaOrg({
      devices,
      pageSize: 10,
      faults: [{ kind: "delete", at: 3, ids: [ids[40]!, ids[2]!] }],
    });
    org.deleteDevice(ids[7]!);
    const run = await runSync(clientFor(org), state, { mode: "full", prefetch: false });
    expect(run.error).toBeUndefined();
    expect(run.gones.map((gone) => gone.id).sort()).toStrictEqual([ids[7]!, ids[40]!].sort());
    expect(lookups(org)).toBe(2);
    const next = await runSync(clientFor(org), stateOf(run), { mode: "full" });
    expect(next.gones.map((gone) => gone.id)).toStrictEqual([ids[2]]);
  });

  it("with a filter: a device that no longer matches is gone; one the listing lost is not", async () => {
    const search = 'status eq "ACTIVE"';
    const state = await syncedState(search);
    org = await startFakeOktaOrg({ devices, pageSize: 10 });
    const active = org.devices.filter((device) => device.status === "ACTIVE");
    expect(active.length).toBeGreaterThan(12);
    org.updateDevice(active[0]!.id, { status: "DEACTIVATED" });
    org.deleteDevice(active[1]!.id);
    const run = await runSync(clientFor(org), state, { search, mode: "full" });
    expect(run.error).toBeUndefined();
    expect(run.gones.map((gone) => gone.id).sort()).toStrictEqual(
      [active[0]!.id, active[1]!.id].sort(),
    );
    await org.close();
    org = await startFakeOktaOrg({
      devices,
      pageSize: 5,
      faults: [{ kind: "skip-device", at: 2 }],
    });
    const lost = await runSync(clientFor(org), state, { search, mode: "full" });
    expect(lost.error).toBeInstanceOf(OktaResponseError);
    expect((lost.error as Error).message).toMatch(/yet Okta still has it under the filter/);
    expect(lost.gones).toStrictEqual([]);
    expect(lost.end).toBeUndefined();
  });

  const thrown: FakeOrgFaultKind[] = [
    "truncate",
    "repeat-cursor",
    "foreign-next",
    "html",
    "reset",
    "500",
  ];
  for (const kind of thrown) {
    it(`a listing fault on page 3 of 5 (${kind}): no deletion, no state, no lookup`, async () => {
      const state = await syncedState();
      org = await startFakeOktaOrg({ devices, pageSize: 10, faults: [{ kind, at: 3 }] });
      // Deleted before the run: only a complete listing may report them.
      org.deleteDevice(devices[45]!.id);
      const run = await runSync(clientFor(org, { retry: { limit: 0 } }), state, { mode: "full" });
      expect(run.error).toBeInstanceOf(Error);
      expect(run.gones).toStrictEqual([]);
      expect(run.end).toBeUndefined();
      expect(lookups(org)).toBe(0);
    });
  }

  it("a page served twice under a new cursor: duplicates counted once, real deletions only", async () => {
    const state = await syncedState();
    org = await startFakeOktaOrg({
      devices,
      pageSize: 10,
      faults: [{ kind: "repeat-page", at: 2 }],
    });
    org.deleteDevice(devices[49]!.id);
    const run = await runSync(clientFor(org), state, { mode: "full", prefetch: false });
    expect(run.error).toBeUndefined();
    expect(run.gones.map((gone) => gone.id)).toStrictEqual([devices[49]!.id]);
    expect(run.end?.summary).toMatchObject({ listed: 59, unchanged: 49, new: 0, updated: 0 });
  });

  for (const mode of ["full", "incremental"] as const) {
    it(`a server that repeats a page for ever under new cursors stops the ${mode} run: no deletion, no state`, async () => {
      const state = await syncedState();
      org = await startFakeOktaOrg({ devices, pageSize: 10, faults: [{ kind: "repeat-page" }] });
      // Listed again by an incremental run: everything was updated.
      if (mode === "incremental") for (const device of devices) org.updateDevice(device.id);
      org.deleteDevice(devices[49]!.id);
      const run = await runSync(clientFor(org), state, { mode, prefetch: false });
      expect(run.error).toBeInstanceOf(OktaResponseError);
      expect((run.error as Error).message).toMatch(
        /repeats itself: 230 devices listed by page 23, only 10 distinct/,
      );
      expect(run.gones).toStrictEqual([]);
      expect(run.end).toBeUndefined();
      expect(org.requests).toHaveLength(23);
    });
  }

  it("aborted while confirming deletions: no deletion, no state", async () => {
    const state = await syncedState();
    org = await startFakeOktaOrg({ devices, pageSize: 10 });
    for (const device of devices.slice(0, 3)) org.deleteDevice(device.id);
    const controller = new AbortController();
    const live = org;
    const client = clientFor(live, {
      hooks: {
        beforeRequest: [
          (request) => {
            if (new URL(request.url).pathname.startsWith("/api/v1/devices/")) {
              controller.abort(new Error("stop"));
            }
          },
        ],
      },
    });
    const run = await runSync(client, state, { mode: "full", signal: controller.signal });
    expect(run.error).toBeInstanceOf(Error);
    expect(run.gones).toStrictEqual([]);
    expect(run.end).toBeUndefined();
  });

  it("a lookup that fails (not Okta's 404) fails the run: no deletion, no state", async () => {
    const state = await syncedState();
    org = await startFakeOktaOrg({
      devices,
      pageSize: 10,
      faults: [{ kind: "503", path: "/api/v1/devices/" }],
    });
    org.deleteDevice(devices[0]!.id);
    const run = await runSync(clientFor(org, { retry: { limit: 0 } }), state, { mode: "full" });
    expect(run.error).toMatchObject({ status: 503 });
    expect(run.gones).toStrictEqual([]);
    expect(run.end).toBeUndefined();
  });
});

// In memory: an org (ids), a state that knows some of them and some deleted ones, and a
// listing of the org's devices in pages that the "server" damages at random.
const anomaly = fc.constantFrom("none", "end-early", "skip-device", "repeat-page", "empty-page");
const damagedListing = fc.record({
  org: fc.uniqueArray(fc.integer({ min: 0, max: 80 }), { maxLength: 40 }),
  deleted: fc.uniqueArray(fc.integer({ min: 100, max: 130 }), { maxLength: 6 }),
  pageSize: fc.integer({ min: 1, max: 7 }),
  faults: fc.array(fc.tuple(fc.nat({ max: 12 }), anomaly), { maxLength: 3 }),
});

describe("syncDevices (property): damaged listings never become deletions", () => {
  it("a completed run reports exactly the deleted devices; a device the org still has is never reported gone", async () => {
    const ms = 1_700_000_000_000;
    const toDevice = (n: number) =>
      ({ id: `d${n}`, lastUpdated: new Date(ms).toISOString(), profile: {} }) as OktaDevice;
    await fc.assert(
      fc.asyncProperty(damagedListing, async ({ org: held, deleted, pageSize, faults }) => {
        const state: DeviceSyncState = {
          version: 1,
          search: null,
          lastFullSync: null,
          checkpoint: null,
          devices: [...held, ...deleted].map((n) => [`d${n}`, ms, null, null, null]),
        };
        const pages: OktaDevice[][] = [];
        for (let start = 0; start < held.length; start += pageSize) {
          pages.push(held.slice(start, start + pageSize).map(toDevice));
        }
        const damage = new Map(faults);
        const lister: DeviceLister = async function* () {
          for (let index = 0; index < pages.length; index++) {
            const page = pages[index]!;
            const fault = damage.get(index);
            if (fault === "skip-device") yield { devices: page.slice(1), serverTime: undefined };
            else yield { devices: page, serverTime: undefined };
            if (fault === "repeat-page") yield { devices: page, serverTime: undefined };
            if (fault === "empty-page") yield { devices: [], serverTime: undefined };
            if (fault === "end-early") return;
          }
        };
        const still = new Set(held.map((n) => `d${n}`));
        const lookup: DeviceLookup = async (id) => still.has(id);
        const gones: string[] = [];
        let end = false;
        let error: unknown;
        try {
          for await (const item of syncDevices(lister, state, { mode: "full" }, lookup)) {
            if (item.type === "gone") gones.push(item.gone.id);
            if (item.type === "state") end = true;
          }
        } catch (caught) {
          error = caught;
        }
        // Never a deletion of a device the org has.
        expect(gones.filter((id) => still.has(id))).toStrictEqual([]);
        if (error === undefined) {
          expect(end).toBe(true);
          expect(gones.sort()).toStrictEqual(deleted.map((n) => `d${n}`).sort());
        } else {
          expect(error).toBeInstanceOf(OktaResponseError);
          expect(gones).toStrictEqual([]);
          expect(end).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});
