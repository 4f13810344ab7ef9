import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";

/** Where events go: stdout or a file, with backpressure, and a flush that really flushes. */
export interface EventSink {
  write(line: string): Promise<void> | undefined;
  close(): Promise<void>;
}

/** Writes NDJSON lines to a file (truncated first) or to stdout. */
export function openSink(path: string | undefined): EventSink {
  const stream: NodeJS.WritableStream =
    path === undefined ? process.stdout : createWriteStream(path, { flags: "w" });
  let failure: Error | undefined;
  stream.on("error", (error: Error) => {
    failure = error;
  });
  return {
    write(line) {
      if (failure !== undefined) throw failure;
      // Waiting for "drain" keeps memory flat when the reader is slower than the org.
      return stream.write(line) ? undefined : once(stream, "drain").then(() => undefined);
    },
    async close() {
      if (failure !== undefined) throw failure;
      if (path === undefined) {
        // stdout is not closed; wait until what was written has been handed to the OS.
        await new Promise<void>((resolve, reject) =>
          process.stdout.write("", (error) => (error ? reject(error) : resolve())),
        );
        return;
      }
      const file = stream as WriteStream;
      await new Promise<void>((resolve, reject) => {
        file.once("error", reject);
        file.end(() => resolve());
      });
    },
  };
}
