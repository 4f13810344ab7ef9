import { statSync } from "node:fs";
import {
  type DeviceSyncState,
  DeviceSyncStateError,
  parseDeviceSyncState,
} from "../client/sync-state.js";
import { UsageError } from "./args.js";
import { readJsonFile, writeJsonFile } from "./json-file.js";
import type { CliSyncState } from "./sync-revision.js";

/** Largest state file read: 512 MiB, just under the longest string V8 can hold. */
export const MAX_STATE_FILE_BYTES = 512 * 1024 * 1024;

/** The sync state stored in `path`, or `undefined` when the file does not exist yet. */
export function readStateFile(path: string): DeviceSyncState | undefined {
  // The file is read whole: refuse what no state can be (about 74 bytes a device, so this
  // is millions of devices) before reading it, rather than fail on the way with a message
  // about string lengths. A file that cannot be stat'ed is left to readJsonFile's errors.
  const size = sizeOf(path);
  if (size !== undefined && size > MAX_STATE_FILE_BYTES) {
    throw new UsageError(
      `state ${path} is ${size} bytes; a state file holds at most ${MAX_STATE_FILE_BYTES} (about 7 million devices): is it the right file?`,
    );
  }
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

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/**
 * Writes the state atomically (see {@link writeJsonFile}), with the mapping revision of the
 * events written; throws {@link LocalIoError} naming `path`.
 */
export function writeStateFile(path: string, state: CliSyncState): void {
  writeJsonFile(path, state, "state");
}
