import {
  type DeviceSyncState,
  DeviceSyncStateError,
  parseDeviceSyncState,
} from "../client/sync-state.js";
import { UsageError } from "./args.js";
import { readJsonFile, writeJsonFile } from "./json-file.js";

/** The sync state stored in `path`, or `undefined` when the file does not exist yet. */
export function readStateFile(path: string): DeviceSyncState | undefined {
  const parsed = readJsonFile(path, "state", "fix it, or delete it to start again with a full run");
  if (parsed === undefined) return undefined;
  try {
    return parseDeviceSyncState(parsed);
  } catch (error) {
    if (error instanceof DeviceSyncStateError) {
      throw new UsageError(`state ${path}: ${error.message}`);
    }
    throw error;
  }
}

/** Writes the state atomically (see {@link writeJsonFile}); throws {@link LocalIoError} naming `path`. */
export function writeStateFile(path: string, state: DeviceSyncState): void {
  writeJsonFile(path, state, "state");
}
