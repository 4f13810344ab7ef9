// The worker thread that encodes Parquet files for the lake writer (see encoder.ts), so that
// encoding one file overlaps with shredding the next events on the calling thread.
import { parentPort } from "node:worker_threads";
import { ColumnPool } from "./column-pool.js";
import { type EncodeRequest, encodeRequest, rowLayout } from "./encode-request.js";
import type { ThreadError } from "./encoder.js";
import { loadParquetLibraries } from "./parquet-libraries.js";

const port = parentPort;
// The thread's kept columns (see column-pool.ts): the thread serves one writer.
const pool = new ColumnPool();
if (port !== null) {
  port.on("message", (request: EncodeRequest) => {
    encodeRequest(request, pool).then(
      (encoded) =>
        port.postMessage({ id: request.id, encoded }, [
          encoded.bytes.buffer as ArrayBuffer,
          encoded.rowBytes,
        ]),
      (error: unknown) => {
        const sent: ThreadError =
          error instanceof Error
            ? { name: error.name, message: error.message, stack: error.stack }
            : { name: "Error", message: String(error), stack: undefined };
        port.postMessage({ id: request.id, error: sent });
      },
    );
  });
  // Ready once the libraries load: until then the writer sends no rows (see encoder.ts),
  // nor ever if this file lays rows out differently (another version of the package).
  loadParquetLibraries().then(() => port.postMessage({ ready: rowLayout() }));
}
