// The bytes `map` reads: standard input or its FILE argument, ended early by an interrupt.
import { closeSync, constants, createReadStream, fstatSync, openSync } from "node:fs";
import { Socket } from "node:net";
import { addAbortSignal, type Readable } from "node:stream";
import { UsageError } from "./args.js";
import { LocalIoError } from "./failures.js";

// A pipe given as FILE (`map <(curl …)`, a named pipe) is read like standard input, through a
// non-blocking socket: a file stream would read it with a blocking read in Node's thread pool,
// which neither an interrupt nor the process's exit can end until the pipe's writer writes.
function openFile(file: string, stop: AbortSignal): Readable {
  // O_NONBLOCK: opening a named pipe without a writer yet does not wait for one.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  let stat: ReturnType<typeof fstatSync>;
  try {
    stat = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (stat.isFIFO() || stat.isSocket()) {
    return addAbortSignal(stop, new Socket({ fd, readable: true, writable: false }));
  }
  // Anything else (a file, a terminal given as /dev/stdin) is read the blocking way: a
  // terminal would answer a non-blocking read with EAGAIN.
  closeSync(fd);
  return createReadStream(file, { highWaterMark: 1 << 20, signal: stop });
}

/**
 * The input's bytes: standard input when `file` is `undefined` or `-`, else the FILE. The
 * FILE argument is never echoed (a stray argument may be a secret typed without its option):
 * a name that does not exist is a {@link UsageError}; any other error reading it is a
 * {@link LocalIoError} named by its errno. `stop` ends the input where it is, even while it
 * waits on a pipe.
 */
export async function* inputBytes(
  file: string | undefined,
  stop: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const fromStdin = file === undefined || file === "-";
  try {
    const stream = fromStdin ? addAbortSignal(stop, process.stdin) : openFile(file, stop);
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (error) {
    if (stop.aborted) return;
    if (!fromStdin && (error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UsageError(
        "cannot read the FILE argument (ENOENT: no such file). See: okta-device-ocsf map --help",
      );
    }
    throw new LocalIoError("read", fromStdin ? "standard input" : "the FILE argument", error);
  }
}
