import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  type DeviceSyncState,
  DeviceSyncStateError,
  parseDeviceSyncState,
} from "../client/sync-state.js";
import { UsageError } from "./args.js";
import type { CliSyncState } from "./sync-revision.js";

/** The sync state stored in `path`, or `undefined` when the file does not exist yet. */
export function readStateFile(path: string): DeviceSyncState | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`state ${path} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseDeviceSyncState(parsed);
  } catch (error) {
    if (error instanceof DeviceSyncStateError) {
      throw new UsageError(`state ${path}: ${error.message}`);
    }
    throw error;
  }
}

// Written beside the target and renamed over it: a reader never sees half a state.
export function writeStateFile(path: string, state: CliSyncState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, path);
}
