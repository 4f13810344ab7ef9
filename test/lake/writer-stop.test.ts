// How the lake writer stops with an encoder thread (workerThread: true): after a failed file
// nothing keeps running and nothing appears; abort() during close() drops what is not yet
// written; at most two files are in flight; a file that cannot be sent to the thread is no
// job left waiting.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { toOcsfDeviceInventory } from "../../src/index.js";
import { WorkerEncoder } from "../../src/lake/encoder.js";
import { LAKE_TEMP_FOLDER, OcsfLakeWriter, writeOcsfLake } from "../../src/lake/index.js";
import { generateOktaDevices } from "../../src/testing/index.js";
import { parquetFiles } from "../helpers/duckdb.js";
import { useScratchFolders } from "../helpers/scratch.js";
import { encodeJob } from "./encode-job.js";

// The worker file the writer starts its thread from: the built one unless a test overrides it
// (to make the thread crash at a chosen file, deterministically).
const workerFile = vi.hoisted(() => ({ override: undefined as string | undefined }));
vi.mock("../../src/lake/encoder.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/lake/encoder.js")>();
  return { ...actual, encoderWorkerFile: () => workerFile.override ?? actual.encoderWorkerFile() };
});

const scratch = useScratchFolders("lake-stop-");
afterEach(() => {
  vi.restoreAllMocks();
  workerFile.override = undefined;
});

// `count` events spread over `days` event days, one day after the other.
function events(count: number, days: number) {
  return generateOktaDevices(count, { expand: "user", seed: 11 }).map((device, i) => {
    const event = toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion: "1.3.0" });
    event.time = Date.UTC(2025, 9, 1) + (i % days) * 86_400_000 + i * 1000;
    return event;
  });
}

// The encoder threads the writers under test start (a spy records each `this`).
function watchEncoders(): () => WorkerEncoder[] {
  const spy = vi.spyOn(WorkerEncoder.prototype, "encode");
  return () => [...new Set(spy.mock.contexts as WorkerEncoder[])];
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("the lake writer with an encoder thread, when it stops", () => {
  it("stops the thread once a file fails in write(), and close() then throws the same error", async () => {
    const encoders = watchEncoders();
    const outDir = scratch();
    // `ext` is a file: every partition folder fails to be made (ENOTDIR).
    writeFileSync(join(outDir, "ext"), "");
    const writer = new OcsfLakeWriter({
      outDir,
      region: "us-east-1",
      workerThread: true,
      rotation: { maxFileBytes: 16 * 1024 },
    });
    let failure: unknown;
    try {
      for (const event of events(300, 1)) await writer.write(event);
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ code: "ENOTDIR" });
    expect(encoders().length).toBe(1);
    expect(encoders().map((encoder) => encoder.threadRunning)).toStrictEqual([false]);
    await expect(writer.close()).rejects.toBe(failure);
    expect(encoders()[0]?.threadRunning).toBe(false);
  }, 60_000);

  it("stops the thread when a file fails during close(), and no file appears after close() rejects", async () => {
    const encoders = watchEncoders();
    const outDir = scratch();
    const days = 8;
    // The first day's folder is a file: that day fails, the other days' files are fine.
    const first = join(outDir, "ext/okta-device-inventory/region=us-east-1/accountId=external");
    mkdirSync(first, { recursive: true });
    writeFileSync(join(first, "eventDay=20251001"), "");
    const completed: string[] = [];
    const writer = new OcsfLakeWriter({
      outDir,
      region: "us-east-1",
      workerThread: true,
      onFile: (file) => completed.push(file.key),
    });
    // All eight days stay open (default bounds) until close() writes them.
    for (const event of events(400, days)) await writer.write(event);
    await expect(writer.close()).rejects.toMatchObject({ code: "EEXIST" });
    const atRejection = parquetFiles(join(outDir, "ext")).length;
    expect(completed.length).toBe(atRejection);
    expect(atRejection).toBeLessThan(days);
    expect(encoders().map((encoder) => encoder.threadRunning)).toStrictEqual([false]);
    await pause(500);
    expect(parquetFiles(join(outDir, "ext")).length).toBe(atRejection);
    expect(completed.length).toBe(atRejection);
    expect(readdirSync(join(outDir, LAKE_TEMP_FOLDER))).toStrictEqual([]);
  }, 60_000);

  it("drops the files close() has not started when abort() is called meanwhile", async () => {
    const encoders = watchEncoders();
    const outDir = scratch();
    const days = 20;
    let aborting: Promise<void> | undefined;
    const writer: OcsfLakeWriter = new OcsfLakeWriter({
      outDir,
      region: "us-east-1",
      workerThread: true,
      // Abort as soon as close() has written its first file (say, on a signal).
      onFile: () => {
        aborting ??= writer.abort();
      },
    });
    for (const event of events(400, days)) await writer.write(event);
    const result = await writer.close();
    await aborting;
    const atAbort = parquetFiles(join(outDir, "ext")).length;
    // The first file and the files already in flight when abort() came; no others.
    expect(atAbort).toBeGreaterThanOrEqual(1);
    expect(atAbort).toBeLessThanOrEqual(3);
    expect(result.files.length).toBe(atAbort);
    await pause(300);
    expect(parquetFiles(join(outDir, "ext")).length).toBe(atAbort);
    expect(encoders().map((encoder) => encoder.threadRunning)).toStrictEqual([false]);
  }, 60_000);

  it("fails writeOcsfLake when onFile throws while the thread holds other files, and leaves nothing running", async () => {
    const encoders = watchEncoders();
    const outDir = scratch();
    const completed: string[] = [];
    const broken = new Error("onFile failed");
    const writing = writeOcsfLake(events(600, 1), {
      outDir,
      region: "us-east-1",
      workerThread: true,
      rotation: { maxFileBytes: 16 * 1024 },
      onFile: (file) => {
        completed.push(file.key);
        if (completed.length === 2) throw broken;
      },
    });
    await expect(writing).rejects.toBe(broken);
    const atRejection = parquetFiles(join(outDir, "ext")).length;
    expect(completed.length).toBe(atRejection);
    expect(encoders().map((encoder) => encoder.threadRunning)).toStrictEqual([false]);
    await pause(300);
    expect(parquetFiles(join(outDir, "ext")).length).toBe(atRejection);
  }, 60_000);

  it("fails writeOcsfLake with the thread's error when the thread stops mid-file", async () => {
    const outDir = scratch();
    // The built worker, except that it exits as its third file arrives, before it can answer
    // (as a crash would): its listener runs before the built worker's, which it loads after.
    const crashing = join(scratch(), "crashing-worker.mjs");
    writeFileSync(
      crashing,
      `import { parentPort } from 'node:worker_threads';\nlet files = 0;\nparentPort.on('message', () => { if (++files === 3) process.exit(1); });\nawait import(${JSON.stringify(pathToFileURL(resolve("dist/lake/encode-worker.js")).href)});\n`,
    );
    workerFile.override = crashing;
    await expect(
      writeOcsfLake(events(600, 1), {
        outDir,
        region: "us-east-1",
        workerThread: true,
        rotation: { maxFileBytes: 16 * 1024 },
      }),
    ).rejects.toThrow(/The Parquet encoder thread stopped \(exit code 1\) while encoding a file/);
    expect(readdirSync(join(outDir, LAKE_TEMP_FOLDER))).toStrictEqual([]);
    // The files the thread answered for before it stopped (the first, and the second unless it
    // was still in flight) are written; nothing after them.
    const written = parquetFiles(join(outDir, "ext")).length;
    expect(written).toBeGreaterThanOrEqual(1);
    expect(written).toBeLessThanOrEqual(2);
  }, 60_000);

  it("never has more than two files in flight", async () => {
    const original = WorkerEncoder.prototype.encode;
    let inFlight = 0;
    let most = 0;
    vi.spyOn(WorkerEncoder.prototype, "encode").mockImplementation(function (
      this: WorkerEncoder,
      request,
    ) {
      inFlight++;
      most = Math.max(most, inFlight);
      return original.call(this, request).finally(() => inFlight--);
    });
    const outDir = scratch();
    const writer = new OcsfLakeWriter({
      outDir,
      region: "us-east-1",
      workerThread: true,
      rotation: { maxFileBytes: 16 * 1024 },
    });
    for (const event of events(600, 1)) await writer.write(event);
    const { files } = await writer.close();
    expect(files.length).toBeGreaterThan(10);
    expect(most).toBe(2);
  }, 60_000);
});

describe("WorkerEncoder, a file that cannot be sent to the thread", () => {
  const job = () => encodeJob(events(20, 1));

  it("rejects, is not left waiting for a reply (which would keep the process alive), and the next file is encoded", async () => {
    const encoder = new WorkerEncoder(resolve("dist/lake/encode-worker.js"));
    const good = job();
    // A value structured clone cannot copy: postMessage throws a DataCloneError.
    const unsendable = { ...good, snapshot: { ...good.snapshot, rows: (() => 0) as never } };
    await expect(encoder.encode(unsendable)).rejects.toThrow(/could not be cloned/);
    expect(encoder.filesInFlight).toBe(0);
    const encoded = await encoder.encode(job());
    expect(encoder.threadRunning).toBe(true);
    expect(encoded.bytes.byteLength).toBeGreaterThan(100);
    expect(encoder.filesInFlight).toBe(0);
    await encoder.close();
  }, 30_000);
});

const fiveRowFile = () => encodeJob(events(5, 1));

describe("WorkerEncoder, a thread that never says it is ready", () => {
  it("is given up after the startup bound, and the file is encoded on the calling thread", async () => {
    const dir = scratch();
    const silent = join(dir, "silent-worker.mjs");
    // Alive, listening, never ready.
    writeFileSync(
      silent,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => {});\nsetInterval(() => {}, 1000);\n",
    );
    const encoder = new WorkerEncoder(silent, 500);
    const encoded = await encoder.encode(fiveRowFile());
    expect(encoded.bytes.subarray(0, 4)).toStrictEqual(new TextEncoder().encode("PAR1"));
    expect(encoder.threadRunning).toBe(false);
    await encoder.close();
  }, 30_000);
});

describe("WorkerEncoder, a worker file of another version of the package", () => {
  it.each([
    ["another layout of rows", "{ ready: 'another layout' }"],
    ["a bare 'ready' (as this writer's first worker file said)", "'ready'"],
  ])(
    "gets no rows when it reports %s: the file is encoded on the calling thread",
    async (_, ready) => {
      const dir = scratch();
      const other = join(dir, "other-version-worker.mjs");
      // It would answer every file with nonsense.
      writeFileSync(
        other,
        `import { parentPort } from 'node:worker_threads';\nparentPort.postMessage(${ready});\nparentPort.on('message', (r) => parentPort.postMessage({ id: r.id, encoded: { bytes: new Uint8Array(1), firstTime: 0, lastTime: 0 } }));\n`,
      );
      // Given up as soon as it says so, not after the startup bound.
      const encoder = new WorkerEncoder(other, 20_000);
      const start = Date.now();
      const encoded = await encoder.encode(fiveRowFile());
      expect(encoded.bytes.subarray(0, 4)).toStrictEqual(new TextEncoder().encode("PAR1"));
      expect(encoder.threadRunning).toBe(false);
      expect(Date.now() - start).toBeLessThan(15_000);
      await encoder.close();
    },
    30_000,
  );
});
