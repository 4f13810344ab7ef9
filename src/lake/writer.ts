import { randomBytes } from "node:crypto";
import { rmdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { writeFileAtomically } from "./atomic-file.js";
import { BytePool } from "./byte-pool.js";
import { LAKE_EVENT_CLASSES } from "./classes.js";
import type { CompiledSchema } from "./compiled-schema.js";
import { lakeSchema } from "./encode-request.js";
import { encoderWorkerFile, type FileEncoder, inThreadEncoder, WorkerEncoder } from "./encoder.js";
import { LakeRecordError } from "./errors.js";
import { eventDayOf, isDateRange, partitionFolder } from "./layout.js";
import {
  type LakeFile,
  type OcsfLakeOptions,
  type OcsfLakeResult,
  type ResolvedLakeOptions,
  resolveLakeOptions,
} from "./options.js";
import { PartitionBuffer } from "./partition-buffer.js";
import { describe, eventTime, fieldOf, ShredError } from "./shred.js";

/** Where temporary files are written, under `outDir` but outside `ext/`, which a sync uploads. */
export const LAKE_TEMP_FOLDER = ".okta-device-ocsf-tmp";
const MAX_KEPT_ERRORS = 100;
// Files being encoded (on the worker thread) or written to disk at once, while the next
// events are taken in: enough to keep the worker busy and hide file system latency (one
// mkdir, open, write and rename a file), few enough that their rows and bytes stay two
// files' worth (a file waits for room before its rows leave the open buffers).
const MAX_PENDING_FILES = 2;
// What a write's work is when the event closes no file.
const NOTHING_TO_WAIT_FOR: Promise<void> = Promise.resolve();
// writeOcsfLake's write (see OcsfLakeWriter's static block).
let writeNoWait: (writer: OcsfLakeWriter, event: unknown) => Promise<void> | undefined;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function uidOf(event: unknown): string | undefined {
  try {
    const uid = fieldOf(event, "device.uid") ?? fieldOf(event, "entity.uid");
    return typeof uid === "string" ? uid : undefined;
  } catch {
    // A getter that throws: the record is named by its index alone.
    return undefined;
  }
}

// A value in a rejection's reason: a primitive as JSON (as it was), anything else by its kind
// (JSON.stringify throws on a BigInt, a cycle or a throwing toJSON, and would quote objects).
function shown(value: unknown): string {
  const type = typeof value;
  if (value === null || type === "string" || type === "number" || type === "boolean")
    return JSON.stringify(value);
  return value === undefined ? "undefined" : describe(value);
}

function runId(): string {
  const stamp = new Date().toISOString().replaceAll(/[-:]/g, "").slice(0, 15);
  return `${stamp}Z-${randomBytes(4).toString("hex")}`;
}

/**
 * Writes OCSF events as Parquet files in Amazon Security Lake's custom-source layout, one
 * event at a time: `ext/<source>/region=<region>/accountId=<account>/eventDay=<YYYYMMDD>/`
 * under `outDir`, one source per OCSF class, a fixed schema per class and OCSF version,
 * zstd, rows sorted by `time` within a file. Files appear atomically (written to a
 * temporary file outside `ext/`, then renamed).
 *
 * Await each {@link OcsfLakeWriter.write} before the next, then {@link OcsfLakeWriter.close}
 * (or {@link OcsfLakeWriter.abort}). {@link writeOcsfLake} does all of that for an iterable.
 *
 * @example
 * ```ts
 * const writer = new OcsfLakeWriter({ outDir: "lake", region: "us-east-1" });
 * for (const device of devices) await writer.write(toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion: "1.3.0" }));
 * const { files } = await writer.close();
 * ```
 */
export class OcsfLakeWriter {
  readonly #options: ResolvedLakeOptions;
  readonly #schemas = new Map<number, CompiledSchema>();
  // Insertion order is opening order: the first entry is always the oldest open file.
  readonly #open = new Map<string, PartitionBuffer>();
  readonly #files: LakeFile[] = [];
  readonly #errors: LakeRecordError[] = [];
  readonly #run = runId();
  readonly #folders = new Set<string>();
  #index = 0;
  #rows = 0;
  #rejected = 0;
  #buffered = 0;
  #sequence = 0;
  #busy = false;
  #closed = false;
  readonly #pending = new Set<Promise<void>>();
  readonly #encoder: FileEncoder;
  // Spare row buffers (see byte-pool.ts): at most what the files in flight hold.
  readonly #bytePool: BytePool;
  #failure: { error: unknown } | undefined;

  /**
   * Checks the options; writes nothing yet.
   * @param options - see {@link OcsfLakeOptions}
   * @throws {@link LakeOptionsError} for a missing or malformed option
   */
  constructor(options: OcsfLakeOptions) {
    this.#options = resolveLakeOptions(options);
    this.#bytePool = new BytePool(MAX_PENDING_FILES * this.#options.maxFileBytes);
    const workerFile = this.#options.workerThread ? encoderWorkerFile() : undefined;
    this.#encoder = workerFile === undefined ? inThreadEncoder() : new WorkerEncoder(workerFile);
  }

  /**
   * Adds one event. A file is written (and `onFile` called) when a rotation bound is met.
   * An event that does not fit is counted, passed to `onRejected`, and skipped.
   * @throws Error when the writer is closed or a previous call has not finished; any file
   *   system error while writing a file (or from `onFile`). After such an error the writer
   *   has stopped as {@link OcsfLakeWriter.abort} stops it (rows not yet written dropped,
   *   files in flight finished, encoder thread stopped) and every later call throws it again.
   */
  async write(event: unknown): Promise<void> {
    this.#enter();
    try {
      await this.#take(event);
    } finally {
      this.#busy = false;
    }
  }

  // write()'s work, once entered: NOTHING_TO_WAIT_FOR when the event closes no file (most
  // events), so that writeOcsfLake's loop needs no promise nor microtask for it.
  #take(event: unknown): Promise<void> {
    if (this.#failure !== undefined) return this.#fail();
    const buffer = this.#bufferFor(event, this.#index++);
    if (!this.#closingDue(buffer)) return NOTHING_TO_WAIT_FOR;
    return this.#closeDue(buffer);
  }

  static {
    // The same as `await writer.write(event)`, but returns undefined (nothing to wait for)
    // when the event closes no file. Only writeOcsfLake's loop uses it: it never overlaps its
    // own calls, so the writer may be free again at once, where write() stays busy until its
    // caller has resumed (an overlapping call is refused).
    writeNoWait = (writer, event) => {
      writer.#enter();
      let work: Promise<void>;
      try {
        work = writer.#take(event);
      } catch (error) {
        writer.#busy = false;
        throw error;
      }
      if (work === NOTHING_TO_WAIT_FOR) {
        writer.#busy = false;
        return undefined;
      }
      return work.finally(() => {
        writer.#busy = false;
      });
    };
  }

  // The rotation bounds (see LakeRotationOptions), each stated once: #closingDue asks whether
  // any is met, #closeDue closes the files that meet them.
  #full(buffer: PartitionBuffer | undefined): buffer is PartitionBuffer {
    return buffer !== undefined && buffer.bytes >= this.#options.maxFileBytes;
  }

  #overBuffered(): boolean {
    return this.#buffered > this.#options.maxBufferedBytes;
  }

  // Files opened at or before this time (epoch milliseconds) are old enough to close.
  #ageDeadline(): number {
    return this.#options.now() - this.#options.maxFileAgeMs;
  }

  // Whether a rotation bound is met: the event's file is full, the oldest file is old enough,
  // or the buffered rows are over their bound.
  #closingDue(buffer: PartitionBuffer | undefined): boolean {
    if (this.#full(buffer) || this.#overBuffered()) return true;
    const oldest = this.#oldest();
    return oldest !== undefined && oldest.openedAt <= this.#ageDeadline();
  }

  async #closeDue(buffer: PartitionBuffer | undefined): Promise<void> {
    if (this.#full(buffer)) await this.#flush(buffer);
    await this.#rotateByAge();
    while (this.#overBuffered()) await this.#flush(this.#largest());
  }

  /**
   * Writes the files still open and reports what was written. The writer cannot be used after.
   * When {@link OcsfLakeWriter.abort} is called meanwhile, the files not yet started are dropped.
   * @throws any file system error while writing a file (the writer then stops as `abort` does:
   *   nothing is left running and no file appears after the error)
   */
  async close(): Promise<OcsfLakeResult> {
    this.#enter();
    try {
      if (this.#failure !== undefined) return await this.#fail();
      // One at a time from the oldest, not a copy of the list: an abort() meanwhile empties
      // it, and then no more files are started.
      for (let buffer = this.#oldest(); buffer !== undefined; buffer = this.#oldest())
        await this.#flush(buffer);
      this.#closed = true;
      try {
        await this.#settle(0);
      } finally {
        // Every file is written: what is left is to stop the thread and let go of buffers.
        await this.#stop();
      }
      await rmdir(join(resolve(this.#options.outDir), LAKE_TEMP_FOLDER)).catch(() => undefined);
      return {
        files: this.#files,
        rows: this.#rows,
        rejected: this.#rejected,
        errors: this.#errors,
      };
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Drops the rows not yet written and closes the writer; resolves once the files already
   * being written are in place (or removed, if their write failed). No partial file remains.
   */
  async abort(): Promise<void> {
    this.#closed = true;
    await this.#stop();
  }

  #enter(): void {
    if (this.#closed) throw new Error("OcsfLakeWriter: the writer is closed");
    if (this.#busy) throw new Error("OcsfLakeWriter: await each write() before the next call");
    this.#busy = true;
  }

  // Drops the rows not yet written, waits for the files in flight, and stops the encoder
  // thread: what is left to do once the writer can write no more.
  async #stop(): Promise<void> {
    this.#open.clear();
    this.#buffered = 0;
    while (this.#pending.size > 0) await Promise.race(this.#pending);
    await this.#encoder.close();
    // Every file is back: no buffer can return to the pool after this.
    this.#bytePool.clear();
  }

  // A file failed, so the writer is done: stop as abort() does (nothing is left running,
  // nothing appears after the error is thrown), then throw the file's error.
  async #fail(): Promise<never> {
    await this.#stop();
    throw (this.#failure as { error: unknown }).error;
  }

  // Waits until at most `max` file writes are in flight; throws the first that failed.
  async #settle(max: number): Promise<void> {
    while (this.#pending.size > max) await Promise.race(this.#pending);
    if (this.#failure !== undefined) await this.#fail();
  }

  #oldest(): PartitionBuffer | undefined {
    for (const buffer of this.#open.values()) return buffer;
    return undefined;
  }

  #schema(classUid: number): CompiledSchema | undefined {
    let schema = this.#schemas.get(classUid);
    if (schema === undefined) {
      if (!LAKE_EVENT_CLASSES.has(classUid)) return undefined;
      schema = lakeSchema(classUid, this.#options.ocsfVersion);
      this.#schemas.set(classUid, schema);
    }
    return schema;
  }

  #reject(index: number, event: unknown, field: string, reason: string): undefined {
    const error = new LakeRecordError(index, uidOf(event), field, reason);
    this.#rejected++;
    if (this.#errors.length < MAX_KEPT_ERRORS) this.#errors.push(error);
    this.#options.onRejected?.(error);
    return undefined;
  }

  // The event's file, with the event appended; undefined when the event is rejected (any
  // ShredError, a getter or Proxy that throws included: a bad record never stops the others).
  #bufferFor(event: unknown, index: number): PartitionBuffer | undefined {
    try {
      return this.#append(event, index);
    } catch (error) {
      if (error instanceof ShredError) return this.#reject(index, event, error.field, error.reason);
      throw error;
    }
  }

  #append(event: unknown, index: number): PartitionBuffer | undefined {
    const classUid = fieldOf(event, "class_uid");
    const schema = typeof classUid === "number" ? this.#schema(classUid) : undefined;
    if (schema === undefined || typeof classUid !== "number") {
      return this.#reject(
        index,
        event,
        "class_uid",
        `is ${shown(classUid)}, a class the lake writer has no Parquet schema for (it has ${[...LAKE_EVENT_CLASSES.keys()].join(", ")})`,
      );
    }
    const version = fieldOf(event, "metadata.version");
    if (version !== this.#options.ocsfVersion) {
      return this.#reject(
        index,
        event,
        "metadata.version",
        `is ${shown(version)}, not the writer's OCSF version "${this.#options.ocsfVersion}" (map with { profile: "ocsf", ocsfVersion: "${this.#options.ocsfVersion}" })`,
      );
    }
    const time = eventTime(event);
    if (!isDateRange(time))
      return this.#reject(
        index,
        event,
        "time",
        `is ${time}, outside the dates an eventDay can name`,
      );
    const eventDay = eventDayOf(time);
    const key = `${classUid}/${eventDay}`;
    let buffer = this.#open.get(key);
    if (buffer === undefined) {
      const source = this.#options.sources.get(classUid) as string;
      buffer = new PartitionBuffer(
        schema,
        classUid,
        source,
        eventDay,
        this.#options.now(),
        undefined,
        this.#bytePool,
      );
      this.#open.set(key, buffer);
      this.#buffered += buffer.bytes;
    }
    const before = buffer.bytes;
    try {
      // The time read above: the one that picked the file.
      buffer.append(event, time);
    } catch (error) {
      // A file opened for this event alone is closed again, holding nothing.
      if (buffer.rows === 0) {
        this.#open.delete(key);
        this.#buffered -= before;
      } else this.#buffered += buffer.bytes - before;
      throw error;
    }
    this.#buffered += buffer.bytes - before;
    this.#rows++;
    return buffer;
  }

  async #rotateByAge(): Promise<void> {
    const deadline = this.#ageDeadline();
    for (const buffer of this.#open.values()) {
      if (buffer.openedAt > deadline) break;
      await this.#flush(buffer);
    }
  }

  #largest(): PartitionBuffer {
    let largest: PartitionBuffer | undefined;
    for (const buffer of this.#open.values())
      if (largest === undefined || buffer.bytes > largest.bytes) largest = buffer;
    return largest as PartitionBuffer;
  }

  async #flush(buffer: PartitionBuffer): Promise<void> {
    // Room first, then the file: never more than MAX_PENDING_FILES files' rows in flight.
    const key = `${buffer.classUid}/${buffer.eventDay}`;
    await this.#settle(MAX_PENDING_FILES - 1);
    // An abort() while waiting dropped the rows.
    if (this.#open.get(key) !== buffer) return;
    this.#open.delete(key);
    this.#buffered -= buffer.bytes;
    const { outDir, region, account, ocsfVersion } = this.#options;
    const folder = partitionFolder(buffer.source, region, account, buffer.eventDay);
    const name = `${this.#run}-${String(this.#sequence++).padStart(6, "0")}.zstd.parquet`;
    const root = resolve(outDir);
    const path = join(root, folder, name);
    const snapshot = buffer.snapshot();
    const write = this.#encoder
      .encode({ classUid: buffer.classUid, ocsfVersion, snapshot })
      .then(async ({ bytes, rowBytes, firstTime, lastTime }) => {
        this.#bytePool.give(rowBytes);
        await writeFileAtomically(
          path,
          bytes,
          join(root, LAKE_TEMP_FOLDER),
          this.#folders,
          this.#options.durable,
        );
        const file: LakeFile = {
          key: `${folder.split(/[\\/]/).join("/")}/${name}`,
          path,
          source: buffer.source,
          classUid: buffer.classUid,
          eventDay: buffer.eventDay,
          rows: buffer.rows,
          bytes: bytes.byteLength,
          firstTime,
          lastTime,
        };
        this.#files.push(file);
        this.#options.onFile?.(file);
      })
      .catch((error: unknown) => {
        this.#failure ??= { error };
      });
    const tracked = write.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }
}

/**
 * Writes every event of `events` (an iterable or async iterable, consumed once, nothing
 * buffered beyond the rotation bounds) with an {@link OcsfLakeWriter} and closes it.
 * When `events` throws, the rows not yet written are dropped (files already complete
 * stay; no partial file is ever visible) and the error is rethrown.
 *
 * @example
 * ```ts
 * import { mapOktaDevices } from "okta-device-ocsf";
 * import { writeOcsfLake } from "okta-device-ocsf/lake";
 *
 * async function* events() {
 *   for await (const result of mapOktaDevices(client.listDevices({ expand: "user" }), { profile: "ocsf", ocsfVersion: "1.3.0" })) {
 *     if (result.ok) yield result.event;
 *   }
 * }
 * const result = await writeOcsfLake(events(), { outDir: "lake", region: "us-east-1" });
 * console.log(result.rows, result.files.length);
 * ```
 * @throws {@link LakeOptionsError} for bad options; whatever `events` throws; file system errors
 */
export async function writeOcsfLake(
  events: Iterable<unknown> | AsyncIterable<unknown>,
  options: OcsfLakeOptions,
): Promise<OcsfLakeResult> {
  const writer = new OcsfLakeWriter(options);
  try {
    if (typeof (events as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === "function") {
      for await (const event of events) {
        const pending = writeNoWait(writer, event);
        if (pending !== undefined) await pending;
      }
    } else {
      // A plain loop: `for await` would cost a microtask an event. Promises among the events
      // are awaited, as `for await` would.
      for (const item of events as Iterable<unknown>) {
        const pending = writeNoWait(writer, isThenable(item) ? await item : item);
        if (pending !== undefined) await pending;
      }
    }
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return writer.close();
}
