import { OktaConfigError } from "./errors.js";
import type { DeviceSyncState } from "./sync-state.js";

/** Which kind of run `syncDevices` makes. */
export type DeviceSyncMode = "full" | "incremental";

/** Why a run is full or incremental. */
export type DeviceSyncReason =
  | "requested"
  | "no-state"
  | "no-checkpoint"
  | "filter-changed"
  | "schedule";

/** 24 hours in ms: Elastic's default between full listings. */
export const DEFAULT_FULL_EVERY_MS = 86_400_000;
/** 5 minutes in ms: how far before a full run's start the next incremental run begins. */
export const DEFAULT_OVERLAP_MS = 300_000;

// How far in the future a state's last full run may be before it is taken for a wrong clock.
const CLOCK_SLACK_MS = DEFAULT_OVERLAP_MS;

/** The run `syncDevices` makes, and why. */
export interface SyncPlan {
  mode: DeviceSyncMode;
  reason: DeviceSyncReason;
  /** The filter of this run (`null`: none). */
  search: string | null;
  /** The state's filter differs from this run's. */
  filterChanged: boolean;
}

/** Chooses full or incremental: the caller's choice, else the state and the schedule. */
export function planSync(
  state: DeviceSyncState | undefined,
  requested: "auto" | DeviceSyncMode,
  search: string | null,
  fullEveryMs: number,
  nowMs: number,
): SyncPlan {
  const filterChanged = state !== undefined && state.search !== search;
  const plan = (mode: DeviceSyncMode, reason: DeviceSyncReason): SyncPlan => ({
    mode,
    reason,
    search,
    filterChanged,
  });
  if (requested === "full") return plan("full", "requested");
  if (state === undefined) {
    if (requested === "incremental") {
      throw new OktaConfigError(
        "invalid_options",
        "an incremental sync needs a previous state: run a full sync first (mode: 'full' or 'auto')",
      );
    }
    return plan("full", "no-state");
  }
  if (filterChanged) {
    if (requested === "incremental") {
      throw new OktaConfigError(
        "invalid_options",
        `the state was listed with search ${JSON.stringify(state.search)}, this run with ${JSON.stringify(search)}: ` +
          "an incremental run would miss the devices only the new filter matches; run a full sync",
      );
    }
    return plan("full", "filter-changed");
  }
  if (state.checkpoint === null) {
    if (requested === "incremental") {
      throw new OktaConfigError(
        "invalid_options",
        "the state has no checkpoint to start an incremental run from: run a full sync",
      );
    }
    return plan("full", "no-checkpoint");
  }
  if (requested === "incremental") return plan("incremental", "requested");
  const lastFull = state.lastFullSync === null ? Number.NaN : Date.parse(state.lastFullSync);
  // A last full run or a checkpoint "in the future" (a clock that was ahead when it ran, or
  // an edited state) would otherwise put off every full run, and every deletion, until that
  // date, and list nothing newer than the checkpoint meanwhile: a full run starts over.
  const future = nowMs + CLOCK_SLACK_MS;
  if (
    Number.isNaN(lastFull) ||
    nowMs - lastFull >= fullEveryMs ||
    lastFull > future ||
    Date.parse(state.checkpoint.lastUpdated) > future
  ) {
    return plan("full", "schedule");
  }
  return plan("incremental", "schedule");
}
