// The small JSON files the command line keeps between runs (fetch's checkpoint, sync's
// state): read with errors that say what to do, written atomically.
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { UsageError } from "./args.js";
import { LocalIoError } from "./failures.js";

/**
 * The JSON value in `path`, or `undefined` when the file does not exist. A file that cannot
 * be read is a {@link LocalIoError} ("cannot read the `what` PATH: ERRNO …"); one that is not
 * JSON, a {@link UsageError} that ends with `fix` and never quotes the file's text.
 */
export function readJsonFile(path: string, what: string, fix: string): unknown {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    // Not a usage error: the file is there but cannot be read (a folder, permissions, EIO).
    throw new LocalIoError(`read the ${what}`, path, error);
  }
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the file's text, which is not ours to print (a mistyped
    // path may name a file of secrets).
    throw new UsageError(`${what} ${path} is not valid JSON: ${fix}`);
  }
}

/**
 * Writes `value` as JSON beside `path`, flushes it to disk and renames it over it: a reader
 * (or a run after a power loss) never sees half a file. Throws {@link LocalIoError} ("cannot write the `what` PATH: ERRNO …"); the temporary
 * file a failed rename leaves is removed.
 */
export function writeJsonFile(path: string, value: unknown, what: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, "w");
    try {
      writeFileSync(fd, `${JSON.stringify(value)}\n`);
      // On disk before the rename: a power loss must not leave an empty file in its place.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
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
