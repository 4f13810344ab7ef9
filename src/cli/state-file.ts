import { existsSync, readFileSync } from "node:fs";
import {
  type DeviceSyncState,
  DeviceSyncStateError,
  parseDeviceSyncState,
} from "../client/sync-state.js";
import { UsageError } from "./args.js";
import { writeFileAtomically } from "./atomic-file.js";
import { LocalIoError } from "./failures.js";

/** The sync state stored in `path`, or `undefined` when the file does not exist yet. */
export function readStateFile(path: string): DeviceSyncState | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    // Not a usage error: the file is there but cannot be read (a folder, permissions, EIO).
    throw new LocalIoError("read the state", path, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the file's text, which is not ours to print (a mistyped
    // path may name a file of secrets).
    throw new UsageError(
      `state ${path} is not valid JSON: fix it, or delete it to start again with a full run`,
    );
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

/** Writes the state atomically (see {@link writeFileAtomically}); throws {@link LocalIoError} naming `path`. */
export function writeStateFile(path: string, state: DeviceSyncState): void {
  writeFileAtomically(path, `${JSON.stringify(state)}\n`, "state");
}
