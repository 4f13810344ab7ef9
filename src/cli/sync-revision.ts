// The mapping revision in the CLI's sync state. The client's state remembers devices, not
// what their events looked like; the CLI records the mapping revision it wrote them in
// (`mappingRevision`), so that a run in another profile, OCSF version or release of the
// mapping writes every device again instead of leaving the consumer with a mix.
import type { DeviceSyncState } from "../client/sync-state.js";

/** The state file's content: the client's state plus the revision of the events written. */
export type CliSyncState = DeviceSyncState & { mappingRevision?: string };

/** The mapping revision a state file records; `undefined` for a state written before it did. */
export function revisionOf(state: DeviceSyncState): string | undefined {
  const value: unknown = (state as CliSyncState).mappingRevision;
  return typeof value === "string" ? value : undefined;
}

/**
 * The state for a run that must write every device again: the same devices, so that a full
 * listing still finds the deleted ones, but none with its `lastUpdated`, so that the
 * listing reports every device it finds as updated.
 */
export function forgetLastUpdated(state: DeviceSyncState): DeviceSyncState {
  return {
    ...state,
    devices: state.devices.map(([id, , displayName, platform, model]) => [
      id,
      null,
      displayName,
      platform,
      model,
    ]),
  };
}

/** Why a run writes every device again, for stderr; `undefined` when it need not. */
export function rewriteNotice(
  state: DeviceSyncState | undefined,
  revision: string,
): string | undefined {
  if (state === undefined) return undefined;
  const stored = revisionOf(state);
  if (stored === revision) return undefined;
  const before =
    stored === undefined
      ? "the state does not say which mapping revision its events were written in"
      : `the state's events were written in mapping revision ${stored}`;
  return `${before}, this run writes ${revision}: a full run writes every device again`;
}
