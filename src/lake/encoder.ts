import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { ColumnPool } from "./column-pool.js";
import type { EncodedFile } from "./encode-file.js";
import { type EncodeRequest, encodeRequest, rowLayout } from "./encode-request.js";

/** Encodes files, on the calling thread or on a worker thread. */
export interface FileEncoder {
  /** Encodes one file; rejects when parquet-wasm fails on it. */
  encode(request: Omit<EncodeRequest, "id">): Promise<EncodedFile>;
  /** Stops the worker thread, if any (after the files being encoded are done). */
  close(): Promise<void>;
}

/** Encodes each file on the calling thread, when it is asked for (one per writer). */
export function inThreadEncoder(): FileEncoder {
  // The writer's kept columns, let go of when it is done.
  const pool = new ColumnPool();
  return {
    encode: (request) => encodeRequest(request, pool),
    close: async () => pool.clear(),
  };
}

interface Job {
  readonly request: EncodeRequest;
  resolve(encoded: EncodedFile): void;
  reject(error: unknown): void;
  /** Stops the thread when the file is not back in time. */
  readonly timer: ReturnType<typeof setTimeout>;
}

/** An error thrown on the encoder thread, as it is sent back (an Error is not sent whole). */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
}

type Reply = { id: number; encoded: EncodedFile } | { id: number; error: ThreadError };

// The thread's error as the cause of the file's: its name, message and the thread's stack.
function threadFailure({ name, message, stack }: ThreadError): Error {
  const cause = new Error(message);
  cause.name = name;
  cause.stack = stack ?? `${name}: ${message}`;
  return new Error(`Encoding a Parquet file failed: ${name}: ${message}`, { cause });
}

// How long the thread may take to load the Parquet libraries (about 0.2 s on a busy machine)
// before it is given up for the calling thread: a thread that never says it is ready must not
// hold a write forever.
const STARTUP_TIMEOUT_MS = 30_000;

// The encoder thread's young generation, in MiB. What it allocates on its heap (Arrow's
// objects for each file) dies young, and V8's default let the young generation of a second
// thread grow to tens of MiB of peak memory: with 8, a day's 200,000 events peaked 8 to 20 MiB
// lower in trials. The old generation keeps V8's default, so no file can fail for it.
const ENCODER_YOUNG_GENERATION_MB = 8;

/**
 * Encoder threads alive at once in this process, across all writers: each holds its own heap
 * and copy of the Parquet libraries, so a program that opens many writers must not get a
 * thread for each. A writer that finds none free encodes on its calling thread.
 */
export const MAX_ENCODER_THREADS = Math.max(
  1,
  typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length,
);
let threadsAlive = 0;

// How long one file may take on the thread (a 256 MiB file, the largest, takes seconds): a
// thread that is alive but never answers must not hold a write forever.
const FILE_TIMEOUT_MS = 300_000;

/**
 * The built worker file (`dist/lake/encode-worker.js`), found through the package itself, so
 * that it is found from the lake entry, its shared chunks and the bundled command line alike.
 * Undefined where it cannot be found (the code bundled into another program): the caller then
 * encodes on its own thread.
 */
export function encoderWorkerFile(): string | undefined {
  try {
    // `__filename` in the CommonJS build, `import.meta.url` in the ES module build.
    const here = typeof __filename === "string" ? __filename : import.meta.url;
    const packageJson = createRequire(here).resolve("okta-device-ocsf/package.json");
    const file = join(dirname(packageJson), "dist", "lake", "encode-worker.js");
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Encodes files on one worker thread, so that encoding (the larger part of the work: zstd and
 * Parquet's encodings in WebAssembly) overlaps with shredding events on the calling thread.
 * A file's rows are moved to the thread, not copied (the memory bound holds). Until the thread
 * has loaded the Parquet libraries nothing is sent to it: if it cannot start, every file is
 * encoded on the calling thread instead. If it stops later (it should not), the files it held
 * fail with an error; nothing is silently lost.
 */
export class WorkerEncoder implements FileEncoder {
  readonly #file: string;
  readonly #jobs = new Map<number, Job>();
  #worker: Worker | undefined;
  #ready: Promise<boolean> | undefined;
  #started = false;
  #next = 0;

  readonly #startupTimeoutMs: number;
  readonly #fileTimeoutMs: number;
  readonly #maxThreads: number;
  // Why the thread was stopped on purpose, for the error of the files it held.
  #stopReason: string | undefined;
  #release: () => void = () => undefined;
  // Where files go when the thread cannot start.
  readonly #inThread = inThreadEncoder();

  /**
   * @param file - the worker file (see {@link encoderWorkerFile})
   * @param startupTimeoutMs - how long the thread may take to be ready before files are
   *   encoded on the calling thread instead
   * @param fileTimeoutMs - how long the thread may take to answer for one file before it is
   *   stopped and the files it holds fail
   * @param maxThreads - encoder threads alive in the process past which this one is not
   *   started (its files are then encoded on the calling thread)
   */
  constructor(
    file: string,
    startupTimeoutMs = STARTUP_TIMEOUT_MS,
    fileTimeoutMs = FILE_TIMEOUT_MS,
    maxThreads = MAX_ENCODER_THREADS,
  ) {
    this.#file = file;
    this.#startupTimeoutMs = startupTimeoutMs;
    this.#fileTimeoutMs = fileTimeoutMs;
    this.#maxThreads = maxThreads;
  }

  async encode(request: Omit<EncodeRequest, "id">): Promise<EncodedFile> {
    const worker = await this.#start();
    if (worker === undefined) return this.#inThread.encode(request);
    return new Promise((resolve, reject) => {
      const sent: EncodeRequest = { ...request, id: this.#next++ };
      // Posted first: a file that cannot be sent (postMessage throws) is no job, so it does
      // not keep the process alive waiting for a reply that never comes.
      const { bytes, starts, times } = request.snapshot;
      worker.postMessage(sent, [bytes.buffer, starts.buffer, times.buffer] as ArrayBuffer[]);
      const timer = setTimeout(() => {
        this.#stopReason = `no answer for a file within ${this.#fileTimeoutMs} ms`;
        void worker.terminate();
      }, this.#fileTimeoutMs);
      // The thread keeps the process alive while a file is out (see below), not the timer.
      timer.unref();
      const job: Job = { request: sent, resolve, reject, timer };
      this.#jobs.set(job.request.id, job);
      // Keep the process alive only while a file is being encoded.
      worker.ref();
    });
  }

  /** Files sent to the thread and not yet answered. */
  get filesInFlight(): number {
    return this.#jobs.size;
  }

  /** Whether the thread is up and taking files (false before the first file and after `close`). */
  get threadRunning(): boolean {
    return this.#worker !== undefined && this.#started;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = Promise.resolve(false);
    if (worker !== undefined) await worker.terminate();
    this.#release();
    // Files the thread could not take were encoded here: their columns are let go of too.
    await this.#inThread.close();
  }

  async #start(): Promise<Worker | undefined> {
    this.#ready ??= this.#spawn();
    return (await this.#ready) ? this.#worker : undefined;
  }

  #spawn(): Promise<boolean> {
    if (threadsAlive >= this.#maxThreads) return Promise.resolve(false);
    let worker: Worker;
    try {
      worker = new Worker(this.#file, {
        resourceLimits: { maxYoungGenerationSizeMb: ENCODER_YOUNG_GENERATION_MB },
      });
    } catch {
      return Promise.resolve(false);
    }
    threadsAlive++;
    let alive = true;
    // Counted out once, whichever comes first: its exit, or close() having stopped it.
    const release = (): void => {
      if (alive) threadsAlive--;
      alive = false;
    };
    this.#release = release;
    this.#worker = worker;
    worker.unref();
    return new Promise((started) => {
      // Not ready in time: stopped, and so given up (the exit below falls back). Started only
      // when a file waits for the thread, so it keeps a process alive only while one does.
      const timer = setTimeout(() => void worker.terminate(), this.#startupTimeoutMs);
      worker.on("message", (reply: Reply | { ready: unknown } | string) => {
        // Not this writer's messages (an older worker file says a bare "ready"): given up.
        if (typeof reply !== "object" || reply === null) return void worker.terminate();
        if ("ready" in reply) {
          clearTimeout(timer);
          // Another layout of rows (another version's worker file): not this writer's thread.
          if (reply.ready !== rowLayout()) return void worker.terminate();
          this.#started = true;
          return started(true);
        }
        const job = this.#jobs.get(reply.id);
        if (job === undefined) return;
        this.#jobs.delete(reply.id);
        clearTimeout(job.timer);
        if (this.#jobs.size === 0) worker.unref();
        if ("error" in reply) job.reject(threadFailure(reply.error));
        else job.resolve(reply.encoded);
      });
      const stopped = (why: string): void => {
        release();
        clearTimeout(timer);
        started(false);
        if (this.#worker === worker) this.#worker = undefined;
        this.#ready = Promise.resolve(false);
        const reason = this.#stopReason ?? why;
        for (const job of this.#jobs.values()) {
          clearTimeout(job.timer);
          job.reject(
            new Error(`The Parquet encoder thread stopped (${reason}) while encoding a file`),
          );
        }
        this.#jobs.clear();
      };
      worker.on("error", (error) => stopped(error.message));
      worker.on("exit", (code) => stopped(`exit code ${code}`));
    });
  }
}
