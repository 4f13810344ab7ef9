import type {
  DeviceSyncEnd,
  DeviceSyncItem,
  DeviceSyncState,
  OktaDeviceClient,
  SyncDevicesOptions,
} from "../../src/client/index.js";
import type { DeviceGone, OktaDevice } from "../../src/index.js";

/** What one sync yielded, sorted by kind; `error` when it threw. */
export interface SyncRun {
  changes: { change: "new" | "updated"; device: OktaDevice }[];
  gones: DeviceGone[];
  end: DeviceSyncEnd | undefined;
  order: DeviceSyncItem["type"][];
  error: unknown;
}

export async function runSync(
  client: OktaDeviceClient,
  state: DeviceSyncState | undefined,
  options: SyncDevicesOptions = {},
  onItem?: (item: DeviceSyncItem, run: SyncRun) => void,
): Promise<SyncRun> {
  const run: SyncRun = { changes: [], gones: [], end: undefined, order: [], error: undefined };
  try {
    for await (const item of client.syncDevices(state, options)) {
      run.order.push(item.type);
      if (item.type === "device") run.changes.push({ change: item.change, device: item.device });
      else if (item.type === "gone") run.gones.push(item.gone);
      else run.end = item;
      onItem?.(item, run);
    }
  } catch (error) {
    run.error = error;
  }
  return run;
}

/** The state a run ended with; fails the test when it has none. */
export function stateOf(run: SyncRun): DeviceSyncState {
  if (run.end === undefined)
    throw new Error(`the sync ended without a state: ${String(run.error)}`);
  return run.end.state;
}
