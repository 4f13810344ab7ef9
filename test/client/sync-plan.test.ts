import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_FULL_EVERY_MS,
  DEFAULT_OVERLAP_MS,
  type DeviceSyncState,
} from "../../src/client/index.js";
import { planSync } from "../../src/client/sync-plan.js";

const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const HOUR = 3_600_000;

function stateAt(lastFullMs: number, checkpointMs: number): DeviceSyncState {
  return {
    version: 1,
    search: null,
    lastFullSync: new Date(lastFullMs).toISOString(),
    checkpoint: { lastUpdated: new Date(checkpointMs).toISOString(), ids: [] },
    devices: [],
  };
}

describe("planSync: a state from a clock that was ahead", () => {
  it("a last full run in the future is due now, not in 2999", () => {
    // Before: `now - lastFull` was negative, so "auto" stayed incremental (and reported no
    // deletion) until the clock caught up with the state.
    const future = Date.parse("2999-01-01T00:00:00.000Z");
    expect(
      planSync(stateAt(future, NOW - HOUR), "auto", null, DEFAULT_FULL_EVERY_MS, NOW),
    ).toMatchObject({ mode: "full", reason: "schedule" });
  });

  it("a checkpoint in the future starts over with a full run", () => {
    // An incremental run from it would list nothing until that time.
    const plan = planSync(
      stateAt(NOW - HOUR, NOW + HOUR),
      "auto",
      null,
      DEFAULT_FULL_EVERY_MS,
      NOW,
    );
    expect(plan.mode).toBe("full");
  });

  it("a few seconds ahead (two machines sharing a state) is not a reason for a full run", () => {
    const plan = planSync(
      stateAt(NOW + 30_000, NOW + 30_000),
      "auto",
      null,
      DEFAULT_FULL_EVERY_MS,
      NOW,
    );
    expect(plan.mode).toBe("incremental");
  });

  it("(property) auto is incremental exactly when the last full run and the checkpoint are recent and not beyond now plus the slack", () => {
    const offset = fc.integer({ min: -3 * 24 * HOUR, max: 3 * 24 * HOUR });
    fc.assert(
      fc.property(
        offset,
        offset,
        fc.integer({ min: 0, max: 48 * HOUR }),
        (lastFull, checkpoint, every) => {
          const plan = planSync(
            stateAt(NOW + lastFull, NOW + checkpoint),
            "auto",
            null,
            every,
            NOW,
          );
          // Times in the state are whole milliseconds already: no rounding to account for.
          const incremental =
            -lastFull < every && lastFull <= DEFAULT_OVERLAP_MS && checkpoint <= DEFAULT_OVERLAP_MS;
          expect(plan.mode).toBe(incremental ? "incremental" : "full");
          // An explicit choice is obeyed.
          expect(
            planSync(stateAt(NOW + lastFull, NOW + checkpoint), "incremental", null, every, NOW)
              .mode,
          ).toBe("incremental");
        },
      ),
      { numRuns: 500 },
    );
  });
});
