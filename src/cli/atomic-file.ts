import { renameSync, rmSync, writeFileSync } from "node:fs";
import { LocalIoError } from "./failures.js";

/**
 * Writes `text` beside `path` and renames it over it: a reader never sees half a file.
 * Throws {@link LocalIoError} ("cannot write the `what` PATH: ERRNO …"); the temporary file
 * a failed rename leaves is removed.
 */
export function writeFileAtomically(path: string, text: string, what: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Best effort: the error worth reporting is the write's, not the clean-up's.
    }
    throw new LocalIoError(`write the ${what}`, path, error);
  }
}
