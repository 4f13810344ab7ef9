// Issue 16: the point the next incremental run starts from after a full run is taken by the
// earlier of this machine's clock and the org's (its Date header), as fetch's checkpoint is.
// Okta stamps lastUpdated with its own clock: an org behind this machine must not have the
// changes made during a full run fall before the next run's start.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { DeviceSyncEnd } from "../../src/client/index.js";
import { syncDevices } from "../../src/client/sync.js";
import type { OktaDevice } from "../../src/index.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { clientFor } from "./helpers.js";
import { runSync, stateOf } from "./sync-helpers.js";

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

const MINUTE = 60_000;
const OVERLAP = 5 * MINUTE; // the default overlapMs

// Runs a full sync during which, once the first page is listed, one listed device is updated
// and one is created in front of the cursor, both stamped by the org's clock; then the next
// incremental run. Returns what that run reported and the full run's next checkpoint.
async function changesDuringFullRun(clockOffsetMs: number) {
  org = await startFakeOktaOrg({ count: 50, pageSize: 10, clockOffsetMs });
  const live = org;
  let duringFull: (() => void) | undefined;
  const client = clientFor(live, {
    hooks: { onPage: [(page) => (page.pageNumber === 1 ? duringFull?.() : undefined)] },
  });
  const state = stateOf(await runSync(client, undefined));
  const early = live.devices[1]?.id as string;
  duringFull = () => {
    live.updateDevice(early);
    const created = structuredClone(live.devices[0] as OktaDevice);
    // Stamped as updateDevice stamps: by the org's clock, to the second.
    const stamp = new Date(Math.floor((Date.now() + clockOffsetMs) / 1000) * 1000).toISOString();
    live.addDevice(
      { ...created, id: "guoCREATEDDURINGFULL", created: stamp, lastUpdated: stamp },
      0,
    );
  };
  const localStart = Date.now();
  const full = await runSync(client, state, { mode: "full" });
  // At most the time between the run's start and its first page (the latency the org's clock
  // is read with, and taken off it), however busy the machine.
  const latencyBound = Date.now() - localStart;
  duringFull = undefined;
  expect(full.error).toBeUndefined();
  const checkpoint = Date.parse(stateOf(full).checkpoint?.lastUpdated ?? "");
  const next = await runSync(client, stateOf(full));
  expect(next.end?.summary.mode).toBe("incremental");
  return {
    localStart,
    latencyBound,
    checkpoint,
    picked: next.changes.map((change) => [change.change, change.device.id]).sort(),
    expected: [
      ["new", "guoCREATEDDURINGFULL"],
      ["updated", early],
    ],
  };
}

describe("syncDevices: the next incremental run's start after a full run", () => {
  it("an org whose clock is 15 min behind: from the org's clock, and the changes are picked up", async () => {
    const offset = -15 * MINUTE;
    const run = await changesDuringFullRun(offset);
    expect(run.picked).toStrictEqual(run.expected);
    // Before the org's clock at the start, by the overlap (to the second, never later); earlier
    // by no more than the latency taken off the org's clock and two truncations to the second
    // (a fixed 5 s margin would fail a first page handled over 3 s after the start).
    expect(run.checkpoint).toBeLessThanOrEqual(run.localStart + offset - OVERLAP);
    expect(run.checkpoint).toBeGreaterThan(
      run.localStart + offset - OVERLAP - run.latencyBound - 2_000,
    );
  });

  it("an org whose clock is 15 min ahead: from this machine's clock, the earlier", async () => {
    const run = await changesDuringFullRun(15 * MINUTE);
    expect(run.picked).toStrictEqual(run.expected);
    expect(run.checkpoint).toBeLessThanOrEqual(run.localStart - OVERLAP);
    expect(run.checkpoint).toBeGreaterThan(run.localStart - OVERLAP - run.latencyBound - 2_000);
  });
});

describe("syncDevices: the start point, for any clock offset and latency (property)", () => {
  it("is the earlier of the two clocks at the start, less the overlap, never later", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({
          min: Date.parse("2020-01-01T00:00:00Z"),
          max: Date.parse("2035-01-01T00:00:00Z"),
        }),
        fc.integer({ min: -86_400_000, max: 86_400_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        async (start, offset, latency, overlapMs) => {
          // This machine's clock: `start` at the run's start, `latency` ms later when the
          // first page is handled; the server answered in between, its Date truncated.
          let local = start;
          const now = () => local;
          const serverTime = Math.floor((start + offset + latency / 2) / 1000) * 1000;
          const list = async function* () {
            local = start + latency;
            yield { devices: [], serverTime };
          };
          let end: DeviceSyncEnd | undefined;
          for await (const item of syncDevices(list, undefined, { mode: "full", now, overlapMs })) {
            if (item.type === "state") end = item;
          }
          const checkpoint = Date.parse(end?.state.checkpoint?.lastUpdated ?? "");
          const earliest = Math.min(start, start + offset) - overlapMs;
          expect(checkpoint).toBeLessThanOrEqual(earliest);
          expect(checkpoint).toBeGreaterThan(earliest - latency - 2_000);
        },
      ),
    );
  });
});
