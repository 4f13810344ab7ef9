import { afterEach, describe, expect, it } from "vitest";
import { type DeviceSyncState, OktaConfigError, OktaHTTPError } from "../../src/client/index.js";
import type { OktaDevice } from "../../src/index.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { clientFor } from "./helpers.js";
import { runSync, stateOf } from "./sync-helpers.js";

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

const HOUR = 3_600_000;

function newDevice(template: OktaDevice, id: string, lastUpdated: string): OktaDevice {
  return { ...structuredClone(template), id, created: lastUpdated, lastUpdated };
}

function ids(devices: { id: string }[]): string[] {
  return devices.map((device) => device.id).sort();
}

describe("syncDevices: deletions, changes and the next state", () => {
  it("3 deleted, 2 deactivated, 5 updated, 4 created -> exactly 3 deletions and 11 changes; a third sync -> nothing", async () => {
    org = await startFakeOktaOrg({ count: 60, pageSize: 10 });
    const client = clientFor(org);
    const t0 = Date.now();
    const first = await runSync(client, undefined, { now: () => t0 });
    expect(first.error).toBeUndefined();
    expect(first.changes).toHaveLength(60);
    expect(first.changes.every((change) => change.change === "new")).toBe(true);
    expect(first.gones).toStrictEqual([]);
    expect(first.end?.summary).toMatchObject({ mode: "full", reason: "no-state", new: 60 });
    // The state is plain JSON: stored and read back as a connector would.
    const saved = JSON.parse(JSON.stringify(stateOf(first))) as DeviceSyncState;

    const devices = org.devices.slice();
    const at = (index: number) => devices[index]?.id ?? "";
    const deleted = [at(3), at(17), at(59)];
    const deactivated = [at(5), at(30)];
    const updated = [at(0), at(10), at(11), at(40), at(58)];
    for (const id of deleted) expect(org.deleteDevice(id)).toBe(true);
    for (const id of deactivated) org.updateDevice(id, { status: "DEACTIVATED" });
    for (const id of updated)
      org.updateDevice(id, { profile: { ...org.devices[0]!.profile, osVersion: "99.1" } });
    const created = ["guoNEW1", "guoNEW2", "guoNEW3", "guoNEW4"];
    for (const id of created) org.addDevice(newDevice(devices[1]!, id, new Date().toISOString()));

    // 25 hours later: the schedule makes this run a full one.
    const second = await runSync(client, saved, { now: () => t0 + 25 * HOUR });
    expect(second.error).toBeUndefined();
    expect(second.end?.summary).toMatchObject({ mode: "full", reason: "schedule" });
    expect(second.gones.map((gone) => gone.id).sort()).toStrictEqual(deleted.sort());
    expect(second.changes).toHaveLength(11);
    expect(
      second.changes
        .filter((c) => c.change === "new")
        .map((c) => c.device.id)
        .sort(),
    ).toStrictEqual(created.sort());
    expect(
      second.changes
        .filter((c) => c.change === "updated")
        .map((c) => c.device.id)
        .sort(),
    ).toStrictEqual([...deactivated, ...updated].sort());
    // Changes as listed, then deletions, then the state.
    expect(second.order).toStrictEqual([
      ...Array(11).fill("device"),
      ...Array(3).fill("gone"),
      "state",
    ]);
    expect(second.end?.summary).toMatchObject({ new: 4, updated: 7, gone: 3, unchanged: 50 });
    const gone = second.gones.find((entry) => entry.id === deleted[0]);
    const before = devices[3]!;
    expect(gone).toStrictEqual({
      id: before.id,
      displayName: before.profile.displayName,
      platform: before.profile.platform,
      ...(before.profile.model === undefined ? {} : { model: before.profile.model }),
      lastUpdated: new Date(Date.parse(before.lastUpdated)).toISOString(),
      detectedAt: second.end?.summary.completedAt,
    });
    expect(ids(stateOf(second).devices.map(([id]) => ({ id })))).toStrictEqual(ids(org.devices));

    const third = await runSync(client, stateOf(second), {
      mode: "full",
      now: () => t0 + 26 * HOUR,
    });
    expect(third.order).toStrictEqual(["state"]);
    const fourth = await runSync(client, stateOf(third), { now: () => t0 + 27 * HOUR });
    expect(fourth.end?.summary.mode).toBe("incremental");
    expect(fourth.order).toStrictEqual(["state"]);
  });

  it("schedules full runs every fullEveryMs, incremental ones in between", async () => {
    org = await startFakeOktaOrg({ count: 5 });
    const client = clientFor(org);
    const t0 = Date.now();
    const first = stateOf(await runSync(client, undefined, { now: () => t0 }));
    const run = async (offset: number, fullEveryMs?: number) =>
      (await runSync(client, first, { now: () => t0 + offset, fullEveryMs })).end?.summary.mode;
    expect(await run(23 * HOUR)).toBe("incremental");
    expect(await run(24 * HOUR)).toBe("full");
    expect(await run(20 * 60_000, 15 * 60_000)).toBe("full");
    expect(await run(10 * 60_000, 15 * 60_000)).toBe("incremental");
    const incremental = org.requests.at(-1);
    expect(incremental?.query.search).toMatch(/^lastUpdated ge "/);
  });
});

describe("syncDevices: safety rules", () => {
  it("a full run failing on page 7 of 15 reports no deletion, yields no state and leaves the state untouched", async () => {
    org = await startFakeOktaOrg({ count: 150, pageSize: 10, faults: [{ kind: "503", at: 7 }] });
    const client = clientFor(org, { retry: { limit: 0 } });
    const state: DeviceSyncState = {
      version: 1,
      search: null,
      lastFullSync: null,
      checkpoint: null,
      devices: org.devices.map((device) => [
        device.id,
        Date.parse(device.lastUpdated),
        null,
        null,
        null,
      ]),
    };
    // Devices deleted before the run: a complete listing would report them.
    for (const device of org.devices.slice(0, 3)) org.deleteDevice(device.id);
    const snapshot = structuredClone(state);
    const run = await runSync(client, state, { mode: "full" });
    expect(run.error).toBeInstanceOf(OktaHTTPError);
    expect(run.gones).toStrictEqual([]);
    expect(run.end).toBeUndefined();
    expect(run.order.every((type) => type === "device")).toBe(true);
    expect(state).toStrictEqual(snapshot);
    expect(org.requests.filter((request) => request.path === "/api/v1/devices")).toHaveLength(7);
  });

  it("an aborted full run reports no deletion and yields no state, even when aborted after the last device", async () => {
    org = await startFakeOktaOrg({ count: 30, pageSize: 10 });
    const client = clientFor(org);
    const state = stateOf(await runSync(client, undefined));
    org.deleteDevice(org.devices[4]!.id);
    const controller = new AbortController();
    const run = await runSync(
      client,
      state,
      { mode: "full", signal: controller.signal },
      (_, r) => {
        if (r.order.length === 1) org?.updateDevice(org.devices[28]!.id);
      },
    );
    expect(run.gones).toHaveLength(1);
    // Abort as the last change arrives: every page has been listed, yet nothing follows.
    org.updateDevice(org.devices[28]!.id, {}, "2032-01-01T00:00:00.000Z");
    const aborted = await runSync(
      client,
      stateOf(run),
      { mode: "full", signal: controller.signal },
      () => controller.abort(new Error("stop")),
    );
    expect(aborted.changes).toHaveLength(1);
    expect(aborted.error).toBeInstanceOf(Error);
    expect(aborted.gones).toStrictEqual([]);
    expect(aborted.end).toBeUndefined();
  });

  it("a full run ended early by the consumer yields nothing more and requests no further page", async () => {
    org = await startFakeOktaOrg({ count: 100, pageSize: 10 });
    const client = clientFor(org);
    const state = stateOf(await runSync(client, undefined));
    for (const device of org.devices.slice(0, 50)) org.updateDevice(device.id);
    for (const device of org.devices.slice(50)) org.deleteDevice(device.id);
    const before = org.requests.length;
    const iterator = client.syncDevices(state, { mode: "full", prefetch: false });
    const first = await iterator.next();
    expect(first.value).toMatchObject({ type: "device", change: "updated" });
    await iterator.return(undefined);
    expect(await iterator.next()).toStrictEqual({ value: undefined, done: true });
    expect(org.requests.length - before).toBe(1);
  });

  it("a device created or updated during a full run is picked up by the next incremental run", async () => {
    org = await startFakeOktaOrg({ count: 50, pageSize: 10 });
    let duringFull: (() => void) | undefined;
    const client = clientFor(org, {
      hooks: {
        onPage: [
          (page) => {
            if (page.pageNumber === 1) duringFull?.();
          },
        ],
      },
    });
    const state = stateOf(await runSync(client, undefined));
    const live = org;
    const template = live.devices[0]!;
    const early = live.devices[1]!.id; // page 1: already listed when it changes
    const late = live.devices[45]!.id; // page 5: listed after it changes
    duringFull = () => {
      const second = Math.floor(Date.now() / 1000) * 1000;
      live.updateDevice(early, {}, new Date(second).toISOString());
      // Updated a second later than `early`: the newest time the full listing sees.
      live.updateDevice(late, {}, new Date(second + 1000).toISOString());
      // Created in front of the listing's cursor: the full listing never sees it.
      live.addDevice(
        newDevice(template, "guoCREATEDDURINGFULL", new Date(second).toISOString()),
        0,
      );
    };
    const full = await runSync(client, state, { mode: "full", overlapMs: 0 });
    duringFull = undefined;
    expect(full.error).toBeUndefined();
    expect(full.changes.map((change) => change.device.id)).toStrictEqual([late]);
    const next = await runSync(client, stateOf(full));
    expect(next.end?.summary.mode).toBe("incremental");
    expect(next.changes.map((change) => [change.change, change.device.id]).sort()).toStrictEqual([
      ["new", "guoCREATEDDURINGFULL"],
      ["updated", early],
    ]);
  });

  it("a device updated during a full run is picked up next, even with a local clock 10 minutes ahead of Okta's", async () => {
    // Before: the next incremental run started at the local start minus the overlap (5
    // minutes), i.e. 5 minutes after Okta's time of the start: the update was lost.
    org = await startFakeOktaOrg({ count: 30, pageSize: 10 });
    const live = org;
    let duringFull: (() => void) | undefined;
    const client = clientFor(live, {
      hooks: { onPage: [(page) => (page.pageNumber === 2 ? duringFull?.() : undefined)] },
    });
    const ahead = () => Date.now() + 10 * 60_000;
    const state = stateOf(await runSync(client, undefined, { now: ahead }));
    const early = live.devices[0]!.id; // page 1: already listed when it changes
    duringFull = () => {
      live.updateDevice(early, {}, new Date(Math.floor(Date.now() / 1000) * 1000).toISOString());
    };
    const full = await runSync(client, state, { mode: "full", now: ahead });
    duringFull = undefined;
    expect(full.changes).toStrictEqual([]);
    // Okta's clock (the first page's Date header), not the local one, bounds the start.
    expect(Date.parse(stateOf(full).checkpoint!.lastUpdated)).toBeLessThanOrEqual(
      Date.now() - 5 * 60_000,
    );
    const next = await runSync(client, stateOf(full), { mode: "incremental", now: ahead });
    expect(next.changes.map((change) => [change.change, change.device.id])).toStrictEqual([
      ["updated", early],
    ]);
  });

  it("a different filter is not taken for deletions, and says so", async () => {
    org = await startFakeOktaOrg({ count: 40, pageSize: 10 });
    const client = clientFor(org);
    const state = stateOf(await runSync(client, undefined));
    const inactive = org.devices.filter((device) => device.status !== "ACTIVE").length;
    expect(inactive).toBeGreaterThan(0);
    const search = 'status eq "ACTIVE"';
    expect(() => client.syncDevices(state, { mode: "incremental", search })).toThrow(
      OktaConfigError,
    );
    const run = await runSync(client, state, { search });
    expect(run.gones).toStrictEqual([]);
    expect(run.end?.summary).toMatchObject({
      mode: "full",
      reason: "filter-changed",
      filterChange: { previous: null, current: search, untracked: inactive },
    });
    expect(run.end?.summary.notices[0]).toMatch(
      /search filter changed .* no deletion was reported/,
    );
    expect(stateOf(run).search).toBe(search);
    expect(stateOf(run).devices).toHaveLength(40 - inactive);
    // With the same filter, a device that stops matching is gone from the filtered inventory.
    const active = org.devices.find((device) => device.status === "ACTIVE")!;
    org.deleteDevice(active.id);
    const again = await runSync(client, stateOf(run), { search, mode: "full" });
    expect(again.gones.map((gone) => gone.id)).toStrictEqual([active.id]);
  });

  it("a deactivated device is a change, not a deletion", async () => {
    org = await startFakeOktaOrg({ count: 20 });
    const client = clientFor(org);
    const state = stateOf(await runSync(client, undefined));
    const id = org.devices[7]!.id;
    org.updateDevice(id, { status: "DEACTIVATED" });
    const incremental = await runSync(client, state, { mode: "incremental" });
    expect(incremental.changes.map((c) => [c.change, c.device.id, c.device.status])).toStrictEqual([
      ["updated", id, "DEACTIVATED"],
    ]);
    const full = await runSync(client, state, { mode: "full" });
    expect(full.gones).toStrictEqual([]);
    expect(full.changes.map((c) => c.device.id)).toStrictEqual([id]);
  });

  it("a deleted device that reappears with the same id is new again", async () => {
    org = await startFakeOktaOrg({ count: 20 });
    const client = clientFor(org);
    const state = stateOf(await runSync(client, undefined));
    const device = org.devices[2]!;
    org.deleteDevice(device.id);
    const full = await runSync(client, state, { mode: "full" });
    expect(full.gones.map((gone) => gone.id)).toStrictEqual([device.id]);
    org.addDevice({ ...device, lastUpdated: new Date().toISOString() });
    const next = await runSync(client, stateOf(full), { mode: "incremental" });
    expect(next.changes.map((c) => [c.change, c.device.id])).toStrictEqual([["new", device.id]]);
  });

  it("a device stamped later than the server's clock is reported but does not move the checkpoint", async () => {
    org = await startFakeOktaOrg({ count: 10 });
    const client = clientFor(org);
    const state = stateOf(await runSync(client, undefined));
    const id = org.devices[4]!.id;
    org.updateDevice(id, {}, "2999-01-01T00:00:00.000Z");
    const run = await runSync(client, state, { mode: "incremental" });
    expect(run.changes.map((c) => c.device.id)).toStrictEqual([id]);
    expect(stateOf(run).checkpoint).toStrictEqual(state.checkpoint);
    expect(run.end?.summary.notices[0]).toMatch(/1 device\(s\) .* did not move the checkpoint/);
    // Listed again by the next run, and recognised: nothing to report.
    const next = await runSync(client, stateOf(run), { mode: "incremental" });
    expect(next.order).toStrictEqual(["state"]);
  });

  it("regression: a full run under a clock 2 days ahead leaves no checkpoint in the future (the server's Date bounds it); the next run lists updates", async () => {
    org = await startFakeOktaOrg({ count: 10 });
    const client = clientFor(org);
    const ahead = () => Date.now() + 48 * 3_600_000;
    const state = stateOf(await runSync(client, undefined, { now: ahead }));
    const checkpointMs = Date.parse(state.checkpoint?.lastUpdated ?? "");
    expect(checkpointMs).toBeLessThanOrEqual(Date.now() - 5 * 60_000);
    const id = org.devices[2]!.id;
    org.updateDevice(id, { status: "SUSPENDED" });
    const next = await runSync(client, state, { mode: "incremental" });
    expect(next.error).toBeUndefined();
    expect(next.changes.map((c) => c.device.id)).toStrictEqual([id]);
  });

  it("a state whose checkpoint is in the future: auto makes a full run, incremental fails with OktaConfigError", async () => {
    org = await startFakeOktaOrg({ count: 5 });
    const client = clientFor(org);
    const state = stateOf(await runSync(client, undefined));
    const future = { ...state, checkpoint: { lastUpdated: "2999-01-01T00:00:00.000Z", ids: [] } };
    const auto = await runSync(client, future);
    expect(auto.end?.summary.mode).toBe("full");
    const incremental = await runSync(client, future, { mode: "incremental" });
    expect(incremental.error).toBeInstanceOf(OktaConfigError);
    expect((incremental.error as Error).message).toMatch(/updatedSince .* is in the future/);
  });
});
