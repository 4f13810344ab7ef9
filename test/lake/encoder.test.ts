// The encoder thread (workerThread: true): the same files as the calling thread, byte for
// byte; a thread that cannot start falls back; a thread that stops fails loudly; an idle
// thread never keeps a process alive.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toOcsfDeviceInventory } from "../../src/index.js";
import { rowLayout } from "../../src/lake/encode-request.js";
import { encoderWorkerFile, WorkerEncoder } from "../../src/lake/encoder.js";
import { type OcsfLakeOptions, writeOcsfLake } from "../../src/lake/index.js";
import { generateOktaDevices } from "../../src/testing/index.js";
import { useScratchFolders } from "../helpers/scratch.js";
import { encodeJob } from "./encode-job.js";

const builtWorker = resolve("dist/lake/encode-worker.js");
const scratch = useScratchFolders("lake-encoder-");

function events(count: number, seed: number, spreadDays: number) {
  return generateOktaDevices(count, { expand: "user", seed }).map((device, i) => {
    const event = toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion: "1.3.0" });
    event.time = Date.UTC(2025, 9, 30) + ((i * 7919) % (spreadDays * 86_400)) * 1000;
    return event;
  });
}

async function contents(list: unknown[], options: Partial<OcsfLakeOptions>) {
  const outDir = scratch();
  const result = await writeOcsfLake(list, { outDir, region: "us-east-1", ...options });
  // Files complete in any order on the thread: compare them in the order they were started
  // (the sequence number that ends each name).
  const sequence = (key: string) => key.slice(key.lastIndexOf("-"));
  const files = [...result.files].sort((a, b) => sequence(a.key).localeCompare(sequence(b.key)));
  return {
    rows: result.rows,
    files: files.map((file) => ({
      name: sequence(file.key),
      day: file.eventDay,
      rows: file.rows,
      firstTime: file.firstTime,
      lastTime: file.lastTime,
      sha256: createHash("sha256").update(readFileSync(file.path)).digest("hex"),
    })),
  };
}

describe("the encoder thread", () => {
  it("is the built worker file (npm test builds before the tests run)", () => {
    expect(existsSync(builtWorker)).toBe(true);
    expect(encoderWorkerFile()).toBe(builtWorker);
  });

  it("writes byte-for-byte the files the calling thread writes (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(16 * 1024, 256 * 1024),
        async (count, seed, days, maxFileBytes) => {
          const list = events(count, seed, days);
          const rotation = { maxFileBytes };
          const here = await contents(list, { rotation });
          const thread = await contents(list, { rotation, workerThread: true });
          expect(thread).toStrictEqual(here);
          expect(here.rows).toBe(count);
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);

  const job = () => encodeJob(events(50, 3, 1));

  it("encodes on the thread, then stops with close()", async () => {
    const encoder = new WorkerEncoder(builtWorker);
    const encoded = await encoder.encode(job());
    expect(encoder.threadRunning).toBe(true);
    expect(encoded.bytes.subarray(0, 4)).toStrictEqual(new TextEncoder().encode("PAR1"));
    await encoder.close();
    expect(encoder.threadRunning).toBe(false);
  }, 30_000);

  it("encodes a snapshot of views at nonzero offsets as the plain one, on either thread", async () => {
    // Each array copied into the middle of a larger buffer of its own (moved as a whole).
    function offset<T extends Uint8Array | Float64Array>(array: T, pad: number): T {
      const Type = array.constructor as new (buffer: ArrayBuffer, at: number, length: number) => T;
      const size = array.BYTES_PER_ELEMENT;
      const buffer = new ArrayBuffer((array.length + 2 * pad) * size);
      const view = new Type(buffer, pad * size, array.length);
      view.set(array as never);
      return view;
    }
    const plain = job();
    const shifted = () => {
      const { snapshot } = job();
      return {
        ...plain,
        snapshot: {
          rows: snapshot.rows,
          bytes: offset(snapshot.bytes, 13),
          starts: offset(snapshot.starts, 3),
          times: offset(snapshot.times, 5),
        },
      };
    };
    const { encodeRequest } = await import("../../src/lake/encode-request.js");
    const want = await encodeRequest(plain);
    expect(
      Buffer.from((await encodeRequest(shifted())).bytes).equals(Buffer.from(want.bytes)),
    ).toBe(true);
    const encoder = new WorkerEncoder(builtWorker);
    const thread = await encoder.encode(shifted());
    await encoder.close();
    expect(Buffer.from(thread.bytes).equals(Buffer.from(want.bytes))).toBe(true);
  }, 30_000);

  it("encodes on the calling thread when the thread cannot start", async () => {
    const dir = scratch();
    const broken = join(dir, "broken-worker.mjs");
    writeFileSync(broken, "throw new Error('cannot start');\n");
    for (const file of [broken, join(dir, "missing.mjs")]) {
      const encoder = new WorkerEncoder(file);
      const encoded = await encoder.encode(job());
      expect(encoder.threadRunning).toBe(false);
      expect(encoded.bytes.byteLength).toBeGreaterThan(100);
      await encoder.close();
    }
  }, 30_000);

  it("fails the file, loudly, when the thread stops while encoding", async () => {
    const dir = scratch();
    const dying = join(dir, "dying-worker.mjs");
    writeFileSync(
      dying,
      `import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ ready: ${JSON.stringify(rowLayout())} });\nparentPort.on('message', () => process.exit(3));\n`,
    );
    const encoder = new WorkerEncoder(dying);
    await expect(encoder.encode(job())).rejects.toThrow(
      "The Parquet encoder thread stopped (exit code 3) while encoding a file",
    );
    await encoder.close();
  }, 30_000);

  it("starts the thread with a bounded young generation and V8's default old one", async () => {
    const dir = scratch();
    const reporting = join(dir, "reporting-worker.mjs");
    // Answers a file with an error that carries the thread's own resource limits.
    writeFileSync(
      reporting,
      `import { parentPort, resourceLimits } from 'node:worker_threads';\nparentPort.postMessage({ ready: ${JSON.stringify(rowLayout())} });\nparentPort.on('message', ({ id }) => parentPort.postMessage({ id, error: { name: 'Limits', message: JSON.stringify(resourceLimits), stack: undefined } }));\n`,
    );
    const encoder = new WorkerEncoder(reporting);
    const error: unknown = await encoder.encode(job()).catch((failure: unknown) => failure);
    await encoder.close();
    const cause = (error as Error).cause as Error;
    expect(cause.name).toBe("Limits");
    const limits = JSON.parse(cause.message) as Record<string, number>;
    expect(limits.maxYoungGenerationSizeMb).toBe(8);
    // Not bounded by the writer: a large file must not run the thread out of memory.
    const main = (await import("node:v8")).getHeapStatistics().heap_size_limit / 1024 / 1024;
    expect(limits.maxOldGenerationSizeMb).toBeGreaterThanOrEqual(Math.floor(main / 2));
  }, 30_000);

  it("fails the file, loudly, when the thread is alive but never answers for it (a bound)", async () => {
    const dir = scratch();
    const stuck = join(dir, "stuck-worker.mjs");
    writeFileSync(
      stuck,
      `import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ ready: ${JSON.stringify(rowLayout())} });\nparentPort.on('message', () => {});\nsetInterval(() => {}, 1000);\n`,
    );
    const encoder = new WorkerEncoder(stuck, 30_000, 300);
    const started = performance.now();
    await expect(encoder.encode(job())).rejects.toThrow(
      "The Parquet encoder thread stopped (no answer for a file within 300 ms) while encoding a file",
    );
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(encoder.threadRunning).toBe(false);
    await encoder.close();
  }, 30_000);

  it("fails a file the thread cannot encode with the thread's error as the cause, and goes on", async () => {
    const encoder = new WorkerEncoder(builtWorker);
    try {
      // Not rows of the row format: an over-long varint where the first tag belongs.
      const garbage = {
        classUid: 5001,
        ocsfVersion: "1.3.0" as const,
        snapshot: {
          rows: 1,
          bytes: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
          starts: new Float64Array([0]),
          times: new Float64Array([0]),
        },
      };
      const failure = await encoder.encode(garbage).then(
        () => undefined,
        (error: unknown) => error as Error & { cause: Error },
      );
      expect(failure?.message).toBe(
        "Encoding a Parquet file failed: RowFormatError: varint too long",
      );
      expect(failure?.cause.name).toBe("RowFormatError");
      expect(failure?.cause.stack).toContain("rowsToColumns");
      // The thread is still up, and encodes the next file.
      const next = await encoder.encode(job());
      expect(encoder.threadRunning).toBe(true);
      expect(Buffer.from(next.bytes.subarray(0, 4)).toString()).toBe("PAR1");
    } finally {
      await encoder.close();
    }
  }, 60_000);

  it("starts no thread past the process-wide bound: that writer encodes on its calling thread", async () => {
    // Bound 1: the first encoder's thread takes it; the second encodes in its own thread.
    const first = new WorkerEncoder(builtWorker, 30_000, 300_000, 1);
    const second = new WorkerEncoder(builtWorker, 30_000, 300_000, 1);
    try {
      const fromThread = await first.encode(job());
      expect(first.threadRunning).toBe(true);
      const inThread = await second.encode(job());
      expect(second.threadRunning).toBe(false);
      expect(Buffer.from(inThread.bytes)).toStrictEqual(Buffer.from(fromThread.bytes));
      // Once the first thread is stopped, the bound has room again.
      await first.close();
      const third = new WorkerEncoder(builtWorker, 30_000, 300_000, 1);
      await third.encode(job());
      expect(third.threadRunning).toBe(true);
      await third.close();
    } finally {
      await first.close();
      await second.close();
    }
  }, 60_000);

  it("does not keep a process alive when the writer is never closed", () => {
    const dir = scratch();
    const script = join(dir, "unclosed.mjs");
    const lake = resolve("dist/lake/index.js");
    writeFileSync(
      script,
      `import { OcsfLakeWriter } from ${JSON.stringify(lake)};
import { readFileSync } from "node:fs";
const events = JSON.parse(readFileSync(process.argv[2], "utf8"));
const writer = new OcsfLakeWriter({ outDir: ${JSON.stringify(join(dir, "out"))}, region: "us-east-1", workerThread: true, rotation: { maxFileBytes: 16 * 1024 } });
for (const event of events) await writer.write(event);
console.log("wrote, not closed");
`,
    );
    const input = join(dir, "events.json");
    writeFileSync(input, JSON.stringify(events(200, 5, 1)));
    const output = execFileSync(process.execPath, [script, input], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(output).toBe("wrote, not closed\n");
  }, 40_000);
});
