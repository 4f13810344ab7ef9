// What a lake writer holds once it is done: nothing of its rows. Its spare row buffers (up to
// twice maxFileBytes, see byte-pool.ts) and kept columns are let go of when it is closed or
// aborted, though its caller keeps the writer object (a service, a closure).

import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { WorkerEncoder } from "../../src/lake/encoder.js";
import { OcsfLakeWriter } from "../../src/lake/index.js";
import { useScratchFolders } from "../helpers/scratch.js";
import { encodeJob } from "./encode-job.js";
import { inventoryEvents } from "./inventory-events.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const scratch = useScratchFolders("lake-memory-");
const MIB = 2 ** 20;
const base = inventoryEvents(50, { expand: "user", seed: 5 });
const pad = "x".repeat(3_000);

// Bytes of ArrayBuffers alive on this thread after full collections, in MiB.
function arrayBuffersMiB(): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().arrayBuffers / MIB;
}

// About 40 MiB of rows in 16 MiB files: files are encoded and their buffers come back.
async function fill(writer: OcsfLakeWriter, count = 8_000): Promise<void> {
  for (let i = 0; i < count; i++) {
    const event = base[i % base.length] as Record<string, unknown>;
    await writer.write({ ...event, time: Date.UTC(2025, 0, 1) + i, unmapped: { pad } });
  }
}

describe("a lake writer once it is done", () => {
  for (const workerThread of [false, true]) {
    const writerOf = () =>
      new OcsfLakeWriter({
        outDir: scratch(),
        region: "us-east-1",
        workerThread,
        rotation: { maxFileBytes: 16 * MIB, maxBufferedBytes: 64 * MIB },
      });

    it(`holds no row buffers or columns after close(), though it is kept (workerThread: ${workerThread})`, async () => {
      const before = arrayBuffersMiB();
      const writer = writerOf();
      await fill(writer);
      const { files, rows } = await writer.close();
      expect(rows).toBe(8_000);
      expect(files.length).toBeGreaterThanOrEqual(2);
      // The writer is still referenced here, as a caller may keep it.
      expect(arrayBuffersMiB() - before).toBeLessThan(4);
      expect(writer).toBeInstanceOf(OcsfLakeWriter);
    }, 120_000);

    it(`holds no row buffers or columns after abort(), though it is kept (workerThread: ${workerThread})`, async () => {
      const before = arrayBuffersMiB();
      const writer = writerOf();
      await fill(writer, 6_000);
      await writer.abort();
      expect(arrayBuffersMiB() - before).toBeLessThan(4);
      expect(writer).toBeInstanceOf(OcsfLakeWriter);
    }, 120_000);
  }

  it("lets go of the columns of files encoded on the calling thread when no thread could start", async () => {
    const encoder = new WorkerEncoder(join(scratch(), "no-such-worker.js"));
    const job = encodeJob(
      Array.from({ length: 2_000 }, (_, i) => ({
        ...(base[i % base.length] as Record<string, unknown>),
        time: Date.UTC(2025, 0, 1) + i,
        unmapped: { pad },
      })),
    );
    const before = arrayBuffersMiB();
    const { bytes } = await encoder.encode(job);
    expect(bytes.length).toBeGreaterThan(0);
    expect(encoder.threadRunning).toBe(false);
    // The file's columns (about 6 MiB) are kept for a next file until the encoder is closed.
    expect(arrayBuffersMiB() - before).toBeGreaterThan(4);
    await encoder.close();
    expect(arrayBuffersMiB() - before).toBeLessThan(2);
  }, 60_000);
});
