import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeviceSyncState } from "../../src/client/index.js";
import type { OktaDevice } from "../../src/index.js";
import { generateOktaDevices, startFakeOktaOrg } from "../../src/testing/index.js";
import { clientFor } from "./helpers.js";
import { runSync, stateOf } from "./sync-helpers.js";

// Random changes on the fake org between syncs, each sync's results compared with the set
// difference computed naively from what the inventory knew and what the org holds.

type Op =
  | { kind: "create" }
  | { kind: "update"; pick: number }
  | { kind: "deactivate"; pick: number }
  | { kind: "delete"; pick: number }
  | { kind: "recreate"; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: "create" }),
  fc.nat().map<Op>((pick) => ({ kind: "update", pick })),
  fc.nat().map<Op>((pick) => ({ kind: "deactivate", pick })),
  fc.nat().map<Op>((pick) => ({ kind: "delete", pick })),
  fc.nat().map<Op>((pick) => ({ kind: "recreate", pick })),
);

const round = fc.record({
  ops: fc.array(op, { maxLength: 8 }),
  mode: fc.constantFrom("full" as const, "incremental" as const, "auto" as const),
});

const MINUTE = 60_000;

describe("syncDevices (property): results equal the naive set difference", () => {
  it("random create/update/deactivate/delete/recreate between syncs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 14 }),
        fc.array(round, { minLength: 1, maxLength: 4 }),
        async (count, rounds) => {
          const templates = generateOktaDevices(count + 1, { seed: 7, expand: "user" });
          const template = templates[count]!;
          const org = await startFakeOktaOrg({ devices: templates.slice(0, count), pageSize: 3 });
          try {
            const client = clientFor(org);
            // Times in the past (the server's clock bounds the checkpoint), a minute apart
            // per round; each sync runs half a minute after its round's changes.
            const base = Math.floor((Date.now() - 86_400_000) / 1000) * 1000;
            const first = await runSync(client, undefined, { now: () => base, overlapMs: 0 });
            let state: DeviceSyncState = JSON.parse(JSON.stringify(stateOf(first)));
            // What the inventory knows: id -> lastUpdated ms.
            let known = new Map(org.devices.map((d) => [d.id, Date.parse(d.lastUpdated)]));
            const deleted: OktaDevice[] = [];
            let created = 0;
            for (const [index, { ops, mode }] of rounds.entries()) {
              const at = base + (index + 1) * MINUTE;
              const stamp = new Date(at).toISOString();
              for (const change of ops) {
                const live = org.devices;
                if (change.kind === "create") {
                  org.addDevice({
                    ...template,
                    id: `guoNEW${created++}`,
                    created: stamp,
                    lastUpdated: stamp,
                  });
                } else if (change.kind === "recreate") {
                  const again = deleted.splice(change.pick % Math.max(1, deleted.length), 1)[0];
                  if (again !== undefined) org.addDevice({ ...again, lastUpdated: stamp });
                } else if (live.length > 0) {
                  const target = live[change.pick % live.length]!;
                  if (change.kind === "delete") {
                    deleted.push(target);
                    org.deleteDevice(target.id);
                  } else {
                    const patch =
                      change.kind === "deactivate" ? { status: "DEACTIVATED" as const } : {};
                    org.updateDevice(target.id, patch, stamp);
                  }
                }
              }
              const run = await runSync(client, state, {
                mode,
                now: () => at + MINUTE / 2,
                overlapMs: 0,
              });
              expect(run.error).toBeUndefined();
              const summary = run.end!.summary;
              const holds = new Map(org.devices.map((d) => [d.id, Date.parse(d.lastUpdated)]));
              // Naive: changed = listed with another time than known, or not known.
              const expectedChanges = [...holds]
                .filter(([id, ms]) => known.get(id) !== ms)
                .map(([id]) => `${known.has(id) ? "updated" : "new"} ${id}`)
                .sort();
              expect(run.changes.map((c) => `${c.change} ${c.device.id}`).sort()).toStrictEqual(
                expectedChanges,
              );
              const full = summary.mode === "full";
              expect(summary.mode).toBe(mode === "auto" ? "incremental" : mode);
              // Gone = known and no longer held, only in a full run.
              const expectedGone = full
                ? [...known.keys()].filter((id) => !holds.has(id)).sort()
                : [];
              expect(run.gones.map((g) => g.id).sort()).toStrictEqual(expectedGone);
              known = full ? holds : new Map([...known, ...holds]);
              state = JSON.parse(JSON.stringify(stateOf(run)));
              expect(new Map(state.devices.map(([id, ms]) => [id, ms]))).toStrictEqual(known);
            }
          } finally {
            await org.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});
