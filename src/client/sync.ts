import type { DeviceGone } from "../mapping/device-gone.js";
import type { OktaDevice } from "../okta/device.js";
import { advanceCheckpoint, CheckpointTimeError, type DeviceCheckpoint } from "./checkpoint.js";
import { MAX_DEVICE_ID_LENGTH } from "./device-url.js";
import { OktaConfigError, OktaResponseError } from "./errors.js";
import { repeatMessage, repeatsItself } from "./listing-bound.js";
import type { DevicePage, ListDevicesParams } from "./pagination.js";
import { goneDevice, lastUpdatedMs, StringPool } from "./remember.js";
import { SyncInventory } from "./sync-inventory.js";
import { confirmGone, type DeviceLookup } from "./sync-lookup.js";
import {
  DEFAULT_FULL_EVERY_MS,
  DEFAULT_OVERLAP_MS,
  type DeviceSyncMode,
  type DeviceSyncReason,
  planSync,
  type SyncPlan,
} from "./sync-plan.js";
import {
  DEVICE_SYNC_STATE_VERSION,
  type DeviceSyncState,
  readDeviceSyncState,
} from "./sync-state.js";

/** Options of `client.syncDevices()`. */
export interface SyncDevicesOptions {
  /**
   * `"full"`: a complete listing; every known device absent from it is reported gone.
   * `"incremental"`: only devices updated since the state's checkpoint (`lastUpdated ge`);
   * never reports a deletion. `"auto"` (default): full when there is no state, the filter
   * changed, or the last full run started `fullEveryMs` ago or more; incremental otherwise.
   */
  mode?: "auto" | DeviceSyncMode | undefined;
  /** In `"auto"` mode, the time between full runs, in ms. Default `86400000` (24 h). */
  fullEveryMs?: number | undefined;
  /**
   * How far before a full run's start the next incremental run begins, in ms, to absorb
   * Okta's eventually consistent search index and the second its `Date` header is truncated
   * to. The start is taken by the earlier of this machine's clock and Okta's (from the first
   * page's `Date` header), so a clock skew either way needs no overlap of its own.
   * Default `300000` (5 min). Re-listed unchanged devices are recognised and not reported.
   */
  overlapMs?: number | undefined;
  /** An Okta `search` filter (e.g. `status eq "ACTIVE"`). Stored in the state; see {@link DeviceSyncSummary.filterChange}. */
  search?: string | undefined;
  /** Embed the devices' users: `"user"` or `"userSummary"`. */
  expand?: "user" | "userSummary" | undefined;
  /** Page size, 1 to 200. Default `200`. */
  limit?: number | undefined;
  /** Prefetch the next page (default `true`). */
  prefetch?: boolean | undefined;
  /**
   * Before reporting a device gone, ask Okta about it (`GET /api/v1/devices/{id}`, and with
   * a `search`, a listing of that id under the filter): a device Okta still has means the
   * full listing lost devices without an error (a page without its `next` link, a page
   * that left devices out), and the run then throws instead of reporting deletions.
   * Default `true`; one request per device gone, and none when nothing is gone.
   */
  verifyDeletions?: boolean | undefined;
  /** Stops the sync: it then throws, reports no deletion and yields no state. */
  signal?: AbortSignal | undefined;
  /** The clock, epoch ms. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** A device that is new to the inventory or changed since the state (its `lastUpdated` differs). Map it as usual. */
export interface DeviceSyncChange {
  /** Discriminator. */
  type: "device";
  /** `"new"`: not in the state (including a deleted id that reappears); `"updated"`: in it, with another `lastUpdated`. A deactivated device is `"updated"`. */
  change: "new" | "updated";
  /** The device as Okta lists it. */
  device: OktaDevice;
}

/** A device that a complete full listing no longer holds: map it with `toOcsfDeviceDeletion`. */
export interface DeviceSyncGone {
  /** Discriminator. */
  type: "gone";
  /** The device's id and what the previous state remembers of it. */
  gone: DeviceGone;
}

/** Counts and facts of a completed run. */
export interface DeviceSyncSummary {
  /** The kind of run made. */
  mode: DeviceSyncMode;
  /** Why it was that kind: `"requested"`, `"no-state"`, `"no-checkpoint"`, `"filter-changed"` or `"schedule"`. */
  reason: DeviceSyncReason;
  /** Devices listed. */
  listed: number;
  /** Devices reported `"new"`. */
  new: number;
  /** Devices reported `"updated"`. */
  updated: number;
  /** Devices listed with the `lastUpdated` the state already had (not reported). */
  unchanged: number;
  /** Devices reported gone. */
  gone: number;
  /** Devices listed without a usable `id` (none, empty, or over 256 characters): reported as `"new"` (so their mapping error shows) but not remembered. */
  untrackable: number;
  /**
   * Set when this run's `search` differs from the state's: the devices the old filter
   * matched and the new one does not are dropped from the state (`untracked`) instead of
   * being reported as deletions.
   */
  filterChange?: { previous: string | null; current: string | null; untracked: number };
  /** Plain-language notes for people (e.g. the filter change). */
  notices: string[];
  /** When the run started (ISO 8601). */
  startedAt: string;
  /** When the listing completed (ISO 8601). */
  completedAt: string;
}

/** The last item of a completed sync: the state to save, and what the run did. */
export interface DeviceSyncEnd {
  /** Discriminator. */
  type: "state";
  /** The next state: save it after everything yielded before it has been handled. */
  state: DeviceSyncState;
  /** Counts and facts of the run. */
  summary: DeviceSyncSummary;
}

/** One item of a sync, in order: changes as listed, then deletions, then the state. */
export type DeviceSyncItem = DeviceSyncChange | DeviceSyncGone | DeviceSyncEnd;

/** The listing a sync reads: `client.listDevicePages` (each page's `serverTime` bounds the checkpoint). */
export type DeviceLister = (
  params: ListDevicesParams,
) => AsyncIterable<Pick<DevicePage, "devices" | "serverTime">>;

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new OktaConfigError(
      "invalid_options",
      `${name} must be a number of ms >= 0, got ${value}`,
    );
  }
  return value;
}

function checkMode(mode: unknown): "auto" | DeviceSyncMode {
  if (mode === undefined) return "auto";
  if (mode === "auto" || mode === "full" || mode === "incremental") return mode;
  throw new OktaConfigError(
    "invalid_options",
    `mode must be "auto", "full" or "incremental", got ${JSON.stringify(mode)}`,
  );
}

function isoSecond(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/**
 * Syncs an inventory with the org: checks the state and options now (throwing
 * {@link DeviceSyncStateError} or `OktaConfigError`), then lists lazily. `lookup` checks
 * each device a full listing misses before it is reported gone (unless
 * `verifyDeletions: false`); without one, the listing alone decides.
 */
export function syncDevices(
  list: DeviceLister,
  state: DeviceSyncState | null | undefined,
  options: SyncDevicesOptions = {},
  lookup?: DeviceLookup,
): AsyncGenerator<DeviceSyncItem, void, undefined> {
  const read = state === undefined || state === null ? undefined : readDeviceSyncState(state);
  const previous = read?.state;
  const known = read?.known ?? new Map<string, number>();
  const now = options.now ?? Date.now;
  const search =
    options.search === undefined || options.search.trim() === "" ? null : options.search;
  const plan = planSync(
    previous,
    checkMode(options.mode),
    search,
    nonNegative(options.fullEveryMs, DEFAULT_FULL_EVERY_MS, "fullEveryMs"),
    now(),
  );
  const overlapMs = nonNegative(options.overlapMs, DEFAULT_OVERLAP_MS, "overlapMs");
  const verify = options.verifyDeletions === false ? undefined : lookup;
  return run(list, previous, known, plan, overlapMs, options, now, verify);
}

/**
 * The listing's iterator, as `for await` takes it: a plain iterable (a JavaScript caller's
 * array of pages) is read as `for await` reads one, each value awaited.
 */
function pagesOf<T>(listing: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (typeof (listing as Partial<AsyncIterable<T>>)[Symbol.asyncIterator] === "function") {
    return (listing as AsyncIterable<T>)[Symbol.asyncIterator]();
  }
  return (async function* () {
    yield* listing as Iterable<T>;
  })();
}

async function* run(
  list: DeviceLister,
  previous: DeviceSyncState | undefined,
  known: Map<string, number>,
  plan: SyncPlan,
  overlapMs: number,
  options: SyncDevicesOptions,
  now: () => number,
  lookup: DeviceLookup | undefined,
): AsyncGenerator<DeviceSyncItem, void, undefined> {
  const startedMs = now();
  const full = plan.mode === "full";
  // A full run rebuilds the inventory from the listing; an incremental one amends the
  // state's (the caller's state is never mutated: a failed run leaves it as it was).
  const next = new SyncInventory(previous?.devices ?? [], known, full);
  const pool = new StringPool();
  let checkpoint: DeviceCheckpoint | undefined = full
    ? undefined
    : (previous?.checkpoint ?? undefined);
  const counts = { listed: 0, new: 0, updated: 0, unchanged: 0, untrackable: 0 };
  let heldBack = 0;
  // The server's clock when this run began, estimated from the first page's Date header.
  let serverStartMs: number | undefined;

  const listing = list({
    search: plan.search ?? undefined,
    updatedSince: full ? undefined : checkpoint,
    expand: options.expand,
    limit: options.limit,
    prefetch: options.prefetch,
    signal: options.signal,
  });
  let pages = 0;
  // Devices with an id listed by this run.
  let tracked = 0;
  // Pages are taken one at a time into variables cleared before the next one is awaited: a
  // generator keeps its frame's temporaries while it waits (see pagination.ts), and a page
  // kept there (a `for await` variable, a `for of` iterator over its devices) lives through
  // the next page's download and parse.
  const pageIterator = pagesOf(listing);
  let step: IteratorResult<Pick<DevicePage, "devices" | "serverTime">, unknown> | undefined;
  let page: Pick<DevicePage, "devices" | "serverTime"> | undefined;
  let devices: readonly OktaDevice[] | undefined;
  let device: OktaDevice | undefined;
  // Whether the listing needs no `return()` (it ended, or threw): as `for await` does.
  let listingDone = false;
  try {
    for (;;) {
      step = undefined;
      page = undefined;
      devices = undefined;
      device = undefined;
      listingDone = true;
      step = await pageIterator.next();
      if (step.done === true) break;
      listingDone = false;
      page = step.value;
      step = undefined;
      if (serverStartMs === undefined && page.serverTime !== undefined) {
        // The page was answered after the run began, and is handled later still: taking the
        // local time elapsed since the start off the header's time never lands after the
        // server's clock at the start (the header is also truncated to the second).
        serverStartMs = page.serverTime - (now() - startedMs);
      }
      pages++;
      devices = page.devices;
      for (let index = 0; index < devices.length; index++) {
        device = devices[index] as OktaDevice;
        counts.listed++;
        const id: unknown = (device as Partial<OktaDevice> | null)?.id;
        // An id the state could not hold (see parseDeviceSyncState) cannot be tracked.
        if (typeof id !== "string" || id === "" || id.length > MAX_DEVICE_ID_LENGTH) {
          counts.untrackable++;
          yield { type: "device", change: "new", device };
          continue;
        }
        tracked++;
        const updatedMs = lastUpdatedMs(device);
        if (!full) {
          try {
            checkpoint = advanceCheckpoint(checkpoint, device, { now: page.serverTime });
          } catch (error) {
            // A time later than the server's clock (or no usable time) must not move the
            // checkpoint; the device is still reported and remembered.
            if (!(error instanceof CheckpointTimeError)) throw error;
            heldBack++;
          }
        }
        const change = next.list(id, updatedMs, device, pool);
        if (change === "repeated") continue; // a full run listing a device twice: counted once
        if (change === "unchanged") {
          counts.unchanged++;
          continue;
        }
        counts[change]++;
        yield { type: "device", change, device };
      }
      // A server that serves pages again under new cursors (a loop the cursor check cannot
      // see) would keep this run going for ever. A device listed twice is harmless (counted
      // once; and a page repeated in place of another loses devices that the deletion check
      // catches), but twice as many devices as distinct ones, plus a page, is a loop. The
      // client's listing applies the same rule with an estimate; this one is exact, for any lister.
      const distinct = next.distinct;
      if (repeatsItself(tracked, distinct)) {
        throw new OktaResponseError(
          "unexpected_response",
          `${repeatMessage(tracked, pages, distinct)}; ` +
            "the server serves pages again under new cursors. Stopping instead of looping: no deletion was reported and no state returned.",
        );
      }
    }
  } catch (error) {
    // As `for await`: a listing still open is closed, and the error is the body's.
    if (!listingDone) {
      listingDone = true;
      // Whatever `return()` does (rejects, throws at once, answers without a promise), the
      // body's error wins, as in `for await`.
      try {
        await pageIterator.return?.(undefined);
      } catch {}
    }
    throw error;
  } finally {
    // The caller stopped early (`break`, `return()`): the listing is closed.
    if (!listingDone) await pageIterator.return?.(undefined);
  }
  // A listing that ended because the signal fired is not a complete one.
  options.signal?.throwIfAborted();

  const completedMs = now();
  const completedAt = new Date(completedMs).toISOString();
  const notices: string[] = [];
  let gone = 0;
  let untracked = 0;
  if (full) {
    let missing = next.missing();
    if (plan.filterChanged) {
      untracked = missing.length;
      missing = [];
    }
    if (lookup !== undefined) await confirmGone(missing, plan.search, lookup, options.signal);
    options.signal?.throwIfAborted();
    for (const entry of missing) {
      gone++;
      yield { type: "gone", gone: goneDevice(entry, completedAt) };
    }
  }
  const summary: DeviceSyncSummary = {
    mode: plan.mode,
    reason: plan.reason,
    ...counts,
    gone,
    notices,
    startedAt: new Date(startedMs).toISOString(),
    completedAt,
  };
  if (heldBack > 0) {
    notices.push(
      `${heldBack} device(s) had a lastUpdated that is not a date or is later than the server's clock: ` +
        "they were reported, but did not move the checkpoint.",
    );
  }
  if (plan.filterChanged && previous !== undefined) {
    summary.filterChange = { previous: previous.search, current: plan.search, untracked };
    notices.push(
      `The search filter changed from ${JSON.stringify(previous.search)} to ${JSON.stringify(plan.search)}: ` +
        `no deletion was reported; ${untracked} device(s) that only the previous filter matched are no longer tracked.`,
    );
  }
  const nextState: DeviceSyncState = {
    version: DEVICE_SYNC_STATE_VERSION,
    search: plan.search,
    lastFullSync: full ? new Date(startedMs).toISOString() : (previous?.lastFullSync ?? null),
    // After a full run, the next incremental run starts before this one began: a device
    // created or updated while it listed (behind its cursor) is listed then. "Began" by the
    // earlier of the two clocks, as fetch's checkpoint does: Okta stamps lastUpdated with its
    // own clock, so a server behind this machine needs its own, and one ahead gains nothing.
    checkpoint: full
      ? {
          lastUpdated: isoSecond(Math.min(startedMs, serverStartMs ?? startedMs) - overlapMs),
          ids: [],
        }
      : (checkpoint ?? previous?.checkpoint ?? null),
    devices: next.devices(),
  };
  yield { type: "state", state: nextState, summary };
}
