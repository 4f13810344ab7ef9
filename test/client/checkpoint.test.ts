import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { updatedSinceClause } from "../../src/client/checkpoint.js";
import {
  advanceCheckpoint,
  CHECKPOINT_CLOCK_TOLERANCE_MS,
  CheckpointTimeError,
  OktaConfigError,
} from "../../src/client/index.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { clientFor, collect } from "./helpers.js";

// A fixed local clock: the checks compare with Date.now().
const LOCAL = Date.UTC(2026, 10, 30, 12, 0, 0);
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await org?.close();
  org = undefined;
});

function atLocalClock(): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(LOCAL);
}

describe("advanceCheckpoint never trusts a clock ahead of this machine's", () => {
  it("regression: a serverTime 23 h ahead does not let a device 2 h ahead move the checkpoint", () => {
    atLocalClock();
    const device = { id: "guo-ahead", lastUpdated: iso(LOCAL + 2 * HOUR) };
    let error: unknown;
    try {
      advanceCheckpoint(undefined, device, { now: LOCAL + 23 * HOUR });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CheckpointTimeError);
    expect(error).toMatchObject({ reason: "future", deviceId: "guo-ahead" });
    // The same `now` as a Date, and no `now` at all, say the same.
    expect(() =>
      advanceCheckpoint(undefined, device, { now: new Date(LOCAL + 23 * HOUR) }),
    ).toThrow(CheckpointTimeError);
    expect(() => advanceCheckpoint(undefined, device)).toThrow(CheckpointTimeError);
  });

  it("an earlier serverTime still bounds the checkpoint (the earlier clock wins both ways)", () => {
    atLocalClock();
    const device = { id: "guo-1", lastUpdated: iso(LOCAL - HOUR) };
    expect(() => advanceCheckpoint(undefined, device, { now: LOCAL - 2 * HOUR })).toThrow(
      CheckpointTimeError,
    );
    expect(advanceCheckpoint(undefined, device, { now: LOCAL })).toStrictEqual({
      lastUpdated: device.lastUpdated,
      ids: ["guo-1"],
    });
  });

  it("regression: a checkpoint already in the future is refused, not kept for ever", () => {
    atLocalClock();
    const future = { lastUpdated: "2999-01-01T00:00:00.000Z", ids: ["x"] };
    const device = { id: "guo-1", lastUpdated: iso(LOCAL - HOUR) };
    expect(() => advanceCheckpoint(future, device)).toThrow(/later than the clock/);
    expect(() => advanceCheckpoint(future, device, { now: LOCAL + 23 * HOUR })).toThrow(TypeError);
  });

  it("refuses a toleranceMs beyond 5 minutes: a checkpoint could then get ahead of what updatedSince accepts", () => {
    atLocalClock();
    const device = { id: "guo-1", lastUpdated: iso(LOCAL) };
    for (const toleranceMs of [CHECKPOINT_CLOCK_TOLERANCE_MS + 1, HOUR, -1, Number.NaN]) {
      expect(() => advanceCheckpoint(undefined, device, { toleranceMs })).toThrow(TypeError);
    }
    expect(
      advanceCheckpoint(undefined, device, { toleranceMs: CHECKPOINT_CLOCK_TOLERANCE_MS }).ids,
    ).toStrictEqual(["guo-1"]);
  });

  it("property: whatever advanceCheckpoint accepts, updatedSince accepts at once (the two bounds agree)", () => {
    atLocalClock();
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: -48 * HOUR, max: 48 * HOUR })),
        fc.integer({ min: -HOUR, max: HOUR }),
        fc.integer({ min: 0, max: CHECKPOINT_CLOCK_TOLERANCE_MS }),
        (nowOffset, deviceOffset, toleranceMs) => {
          const now = nowOffset === null ? undefined : LOCAL + nowOffset;
          let checkpoint: ReturnType<typeof advanceCheckpoint> | undefined;
          try {
            checkpoint = advanceCheckpoint(
              undefined,
              { id: "guo-q", lastUpdated: iso(LOCAL + deviceOffset) },
              { now, toleranceMs },
            );
          } catch (error) {
            expect(error).toBeInstanceOf(CheckpointTimeError);
            return;
          }
          expect(() => updatedSinceClause(checkpoint, LOCAL)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: a device moves the checkpoint iff it is not after min(now, local clock) + tolerance", () => {
    atLocalClock();
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: -48 * HOUR, max: 48 * HOUR })),
        fc.integer({ min: -48 * HOUR, max: 48 * HOUR }),
        fc.integer({ min: 0, max: CHECKPOINT_CLOCK_TOLERANCE_MS }),
        (nowOffset, deviceOffset, toleranceMs) => {
          const now = nowOffset === null ? undefined : LOCAL + nowOffset;
          const device = { id: "guo-p", lastUpdated: iso(LOCAL + deviceOffset) };
          const limit = Math.min(now ?? LOCAL, LOCAL) + toleranceMs;
          const start = { lastUpdated: iso(LOCAL - 49 * HOUR), ids: [] };
          let result: unknown;
          try {
            result = advanceCheckpoint(start, device, { now, toleranceMs });
          } catch (error) {
            result = error;
          }
          if (Date.parse(device.lastUpdated) > limit) {
            expect(result).toBeInstanceOf(CheckpointTimeError);
          } else {
            expect(result).toStrictEqual({ lastUpdated: device.lastUpdated, ids: ["guo-p"] });
          }
          // Whatever happens, no checkpoint gets past the local clock plus the tolerance.
          if (!(result instanceof Error)) {
            expect(Date.parse((result as { lastUpdated: string }).lastUpdated)).toBeLessThanOrEqual(
              LOCAL + toleranceMs,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("updatedSince in the future is refused", () => {
  it("regression: one hour ahead is an OktaConfigError naming the time and the tolerance", () => {
    let error: unknown;
    try {
      updatedSinceClause(iso(LOCAL + HOUR), LOCAL);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OktaConfigError);
    expect(error).toMatchObject({ reason: "invalid_options" });
    expect((error as Error).message).toContain(iso(LOCAL + HOUR));
    expect((error as Error).message).toMatch(/in the future .* 5 minutes/);
  });

  it("property: accepted iff not later than the local clock plus 5 minutes, for every form", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -HOUR, max: HOUR }),
        fc.constantFrom("string", "date", "checkpoint"),
        (offset, form) => {
          const ms = LOCAL + offset;
          const since =
            form === "string"
              ? iso(ms)
              : form === "date"
                ? new Date(ms)
                : { lastUpdated: iso(ms), ids: [] };
          const accepted = (() => {
            try {
              updatedSinceClause(since, LOCAL);
              return true;
            } catch (error) {
              expect(error).toBeInstanceOf(OktaConfigError);
              return false;
            }
          })();
          expect(accepted).toBe(offset <= CHECKPOINT_CLOCK_TOLERANCE_MS);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("listDevices({ updatedSince }) in the future rejects before any request", async () => {
    org = await startFakeOktaOrg({ count: 3 });
    for (const updatedSince of [
      new Date(Date.now() + HOUR),
      iso(Date.now() + HOUR),
      { lastUpdated: "2999-01-01T00:00:00.000Z", ids: [] },
    ]) {
      await expect(collect(clientFor(org).listDevices({ updatedSince }))).rejects.toThrow(
        OktaConfigError,
      );
    }
    expect(org.requests).toHaveLength(0);
    // Within the tolerance (a clock a little behind Okta's) is accepted.
    expect(
      await collect(clientFor(org).listDevices({ updatedSince: new Date(Date.now() + 60_000) })),
    ).toEqual([]);
  });
});
