import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import {
  type DeviceSyncState,
  DeviceSyncStateError,
  parseDeviceSyncState,
} from "../client/sync-state.js";
import { UsageError } from "./args.js";

/** Largest state file read: 512 MiB, just under the longest string V8 can hold. */
export const MAX_STATE_FILE_BYTES = 512 * 1024 * 1024;

/** The sync state stored in `path`, or `undefined` when the file does not exist yet. */
export function readStateFile(path: string): DeviceSyncState | undefined {
  if (!existsSync(path)) return undefined;
  // The file is read whole: refuse what no state can be (about 74 bytes a device, so this
  // is millions of devices) before reading it, rather than fail on the way with a message
  // about string lengths.
  const size = statSync(path).size;
  if (size > MAX_STATE_FILE_BYTES) {
    throw new UsageError(
      `state ${path} is ${size} bytes; a state file holds at most ${MAX_STATE_FILE_BYTES} (about 7 million devices): is it the right file?`,
    );
  }
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
export function writeStateFile(path: string, state: DeviceSyncState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, path);
}
