import { afterEach, describe, expect, it } from "vitest";
import { advanceCheckpoint, type DeviceCheckpoint } from "../../src/client/index.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { clientFor, collect } from "./helpers.js";

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

describe("advanceCheckpoint", () => {
  it("keeps the newest second and the ids seen at it, without mutating", () => {
    const first = advanceCheckpoint(undefined, {
      id: "a",
      lastUpdated: "2025-01-01T00:00:01.000Z",
    });
    const same = advanceCheckpoint(first, { id: "b", lastUpdated: "2025-01-01T00:00:01.000Z" });
    expect(first).toStrictEqual({ lastUpdated: "2025-01-01T00:00:01.000Z", ids: ["a"] });
    expect(same).toStrictEqual({ lastUpdated: "2025-01-01T00:00:01.000Z", ids: ["a", "b"] });
    expect(advanceCheckpoint(same, { id: "c", lastUpdated: "2024-12-31T00:00:00.000Z" })).toBe(
      same,
    );
    expect(
      advanceCheckpoint(same, { id: "d", lastUpdated: "2025-01-01T00:00:02.000Z" }),
    ).toStrictEqual({
      lastUpdated: "2025-01-01T00:00:02.000Z",
      ids: ["d"],
    });
  });
});

describe("incremental listing", () => {
  it("searches lastUpdated ge the whole second, joined to the caller's search with and", async () => {
    org = await startFakeOktaOrg({ count: 10 });
    await collect(
      clientFor(org).listDevices({
        updatedSince: new Date("2025-03-04T05:06:07.890Z"),
        search: 'status eq "ACTIVE"',
      }),
    );
    expect(org.requests[0]?.query.search).toBe(
      'status eq "ACTIVE" and lastUpdated ge "2025-03-04T05:06:07.000Z"',
    );
  });

  it("keeps an `or` search whole inside parentheses", async () => {
    org = await startFakeOktaOrg({ count: 10 });
    await collect(
      clientFor(org).listDevices({
        updatedSince: "2025-01-01T00:00:00Z",
        search: 'status eq "ACTIVE" or status eq "SUSPENDED"',
      }),
    );
    expect(org.requests[0]?.query.search).toBe(
      '(status eq "ACTIVE" or status eq "SUSPENDED") and lastUpdated ge "2025-01-01T00:00:00.000Z"',
    );
  });

  it("the checkpoint recipe fetches only changes and misses nothing at the boundary second", async () => {
    org = await startFakeOktaOrg({ count: 1200 });
    const client = clientFor(org);
    let checkpoint: DeviceCheckpoint | undefined;
    let first = 0;
    for await (const device of client.listDevices({ updatedSince: checkpoint })) {
      first++;
      checkpoint = advanceCheckpoint(checkpoint, device);
    }
    expect(first).toBe(1200);
    if (checkpoint === undefined) throw new Error("no checkpoint");
    const boundary = checkpoint.lastUpdated;
    // Changes after the run: one later, and one in the very second of the checkpoint
    // (which a `gt` search would miss).
    const later = org.devices[10]?.id ?? "";
    const sameSecond = org.devices[20]?.id ?? "";
    org.updateDevice(later, { status: "SUSPENDED" }, "2026-01-01T00:00:00.000Z");
    org.updateDevice(sameSecond, { status: "DEACTIVATED" }, boundary);
    const second = await collect(clientFor(org).listDevicePages({ updatedSince: checkpoint }));
    const ids = second.flatMap((page) => page.devices.map((device) => device.id));
    expect(ids.sort()).toStrictEqual([later, sameSecond].sort());
    expect(second.reduce((sum, page) => sum + page.skippedAtBoundary, 0)).toBe(
      checkpoint.ids.length,
    );
    expect(org.requests.at(-1)?.query.search).toBe(
      `lastUpdated ge "${new Date(Date.parse(boundary)).toISOString()}"`,
    );
  });
});
