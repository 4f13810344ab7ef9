import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { LocalIoError } from "./failures.js";

/** Where events go: stdout or a file, with backpressure, and a flush that really flushes. */
export interface EventSink {
  /** Writes complete lines; resolves when the stream can take more (backpressure). */
  write(lines: string): Promise<void> | undefined;
  /** Flushes and closes (a file) or flushes (stdout); throws {@link LocalIoError}. */
  close(): Promise<void>;
}

/** Writes NDJSON lines to a file (truncated first) or to stdout; I/O errors become {@link LocalIoError}. */
export function openSink(path: string | undefined): EventSink {
  const stream: NodeJS.WritableStream =
    path === undefined ? process.stdout : createWriteStream(path, { flags: "w" });
  const name = path ?? "standard output";
  let failure: LocalIoError | undefined;
  const fail = (error: unknown): LocalIoError => {
    failure ??= error instanceof LocalIoError ? error : new LocalIoError("write", name, error);
    return failure;
  };
  stream.on("error", fail);
  return {
    write(lines) {
      if (failure !== undefined) throw failure;
      // Waiting for "drain" keeps memory flat when the reader is slower than the writer.
      if (stream.write(lines)) return undefined;
      return once(stream, "drain").then(
        () => {
          if (failure !== undefined) throw failure;
        },
        (error: unknown) => {
          throw fail(error);
        },
      );
    },
    async close() {
      if (failure !== undefined) throw failure;
      try {
        if (path === undefined) {
          // stdout is not closed; wait until what was written has been handed to the OS.
          await new Promise<void>((resolve, reject) =>
            process.stdout.write("", (error) => (error ? reject(error) : resolve())),
          );
        } else {
          const file = stream as WriteStream;
          await new Promise<void>((resolve, reject) => {
            file.once("error", reject);
            file.end(() => resolve());
          });
        }
      } catch (error) {
        throw fail(error);
      }
      if (failure !== undefined) throw failure;
    },
  };
}
