import { BytePool, sizeClass } from "./byte-pool.js";
import { grown, writeUtf8 } from "./column-buffers.js";

// A file's rows as they arrive, one after another in a single growable byte buffer, not yet
// split into columns: an open file costs one buffer (a writer may hold hundreds, one per event
// day), its accounted bytes are the memory it really holds, and a rejected event is undone by
// moving the end back. The columns are built, in `time` order, when the file is encoded
// (rows-to-columns.ts), on the encoder thread when there is one.
//
// A row is a run of values, each `tag` (varint: the node's slot + 1) then its payload, and
// ends with tag 0. Payloads, by node kind:
// - group: none (the group is present);
// - string scalar: uint32 LE byte length, then the UTF-8 bytes;
// - other scalars: float64 LE (booleans as 1 and 0, integers exactly: all are safe integers);
// - list: varint item count, then each item as a scalar payload;
// - map: uint32 LE entry count, then each key (a string payload) and value (byte 0: null; byte
//   1 and a string payload).

/** Version of the row format, part of the row layout digest (see `rowLayout`). */
export const ROW_FORMAT = "rows-1";

const INITIAL_BYTES = 256;

const INITIAL_ROWS = 4;

const MIB = 1024 * 1024;

/**
 * The most bytes one row may take (an event larger is rejected). A file is closed once its
 * rows reach `rotation.maxFileBytes` (at most 256 MiB), so a file's strings stay below
 * 256 MiB + this: well under the 2 GiB that Arrow's 32-bit string and list offsets can
 * address. And a row group, closed once it reaches 128 MiB (parquet-bytes.ts), stays within
 * Security Lake's 256 MB with its last row.
 */
export const MAX_ROW_BYTES = 128 * MIB;

// Strings longer than this are measured before they are copied in, rather than given room
// for 3 bytes a UTF-16 unit: a long string must not make the buffer triple its size.
const MEASURED = 64 * 1024;

// A uint32 LE by its four bytes: Buffer#writeUInt32LE checks its arguments on every call,
// once for every string of every row.
function setUint32LE(bytes: Buffer, at: number, value: number): void {
  bytes[at] = value;
  bytes[at + 1] = value >>> 8;
  bytes[at + 2] = value >>> 16;
  bytes[at + 3] = value >>> 24;
}

// A varint's size in bytes (values below 2^31).
function varintSize(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 2 ** 28 ? 4 : 5;
}

// Writes a varint at `at` (room checked by the caller); returns where it ends.
function writeVarint(bytes: Buffer, at: number, value: number): number {
  while (value >= 0x80) {
    bytes[at++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  bytes[at++] = value;
  return at;
}

/** Thrown when a row would take more than its bound (see {@link MAX_ROW_BYTES}). */
export class RowSizeError extends RangeError {
  override readonly name = "RowSizeError";
  constructor(readonly maxRowBytes: number) {
    super(`makes the event's row larger than the ${maxRowBytes} bytes a row may take`);
  }
}

/** Rows written by a {@link RowBuffer}: plain data, every array on its own transferable buffer. */
export interface WrittenRows {
  readonly rows: number;
  /** The rows, one after another. */
  readonly bytes: Uint8Array;
  /** Where each row starts in `bytes`. */
  readonly starts: Float64Array;
  /** Each row's `time` (epoch milliseconds), to sort the rows by. */
  readonly times: Float64Array;
}

// A pool that keeps nothing: a RowBuffer's default.
const NO_POOL = new BytePool(0);

/** One file's rows, encoded as they arrive (see the format above). */
export class RowBuffer {
  readonly #pool: BytePool;
  // Its own ArrayBuffer (see BytePool.take), so that it can be moved to the encoder thread.
  #bytes: Buffer<ArrayBuffer>;
  // Numbers are set through a view of the same memory: Buffer#writeDoubleLE checks its
  // arguments on every call, once for every number of every row.
  #view: DataView;
  #end = 0;
  #rowStart = 0;
  #starts = new Float64Array(INITIAL_ROWS);
  #times = new Float64Array(INITIAL_ROWS);
  // What `capacity` answers, kept as the arrays change: the writer reads it of every open
  // file each time it picks the largest to close (for a first load, hundreds a pick).
  #capacity = 0;
  /** Rows committed. */
  rows = 0;

  /**
   * @param maxRowBytes - the most bytes one row may take (see {@link MAX_ROW_BYTES})
   * @param pool - where the buffer is taken from, and an outgrown one given back to
   */
  constructor(
    readonly maxRowBytes = MAX_ROW_BYTES,
    pool = NO_POOL,
  ) {
    this.#pool = pool;
    this.#bytes = pool.take(INITIAL_BYTES);
    this.#view = new DataView(this.#bytes.buffer, this.#bytes.byteOffset, this.#bytes.byteLength);
    this.#measure();
  }

  /** Bytes of memory the buffer holds (its capacity). */
  get capacity(): number {
    return this.#capacity;
  }

  #measure(): void {
    this.#capacity = this.#bytes.length + this.#starts.byteLength + this.#times.byteLength;
  }

  /** Ends the row being written: it is kept, sorted by `time` (epoch milliseconds). */
  commit(time: number): void {
    const row = this.rows;
    if (row >= this.#starts.length || row >= this.#times.length) {
      this.#starts = grown(this.#starts, row + 1);
      this.#times = grown(this.#times, row + 1);
      this.#measure();
    }
    this.#starts[row] = this.#rowStart;
    this.#times[row] = time;
    this.#rowStart = this.#end;
    this.rows = row + 1;
  }

  /**
   * Forgets the row being written (a rejected event), and the room it grew beyond what the
   * rows kept need: rejected large events (in one file after another) must not leave memory
   * held that no rows use.
   */
  discard(): void {
    this.#end = this.#rowStart;
    const enough = Math.max(INITIAL_BYTES, 2 * this.#rowStart);
    if (this.#bytes.length > sizeClass(enough)) {
      const smaller = this.#pool.take(enough);
      smaller.set(this.#bytes.subarray(0, this.#rowStart));
      this.#use(smaller);
    }
  }

  // Room for `bytes` more bytes of the row being written. Throws RowSizeError past the bound.
  #room(bytes: number): Buffer {
    const needed = this.#end + bytes;
    if (needed - this.#rowStart > this.maxRowBytes) throw new RowSizeError(this.maxRowBytes);
    if (needed > this.#bytes.length) {
      const bigger = this.#pool.take(needed);
      bigger.set(this.#bytes.subarray(0, this.#end));
      this.#use(bigger);
    }
    return this.#bytes;
  }

  // Switches to `bytes`, giving the buffer outgrown back to the pool.
  #use(bytes: Buffer<ArrayBuffer>): void {
    this.#pool.give(this.#bytes.buffer);
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#measure();
  }

  /** A varint (tags and counts: non-negative integers below 2^31). */
  varint(value: number): void {
    // Its exact size: room is checked against the row's bound.
    this.#end = writeVarint(this.#room(varintSize(value)), this.#end, value);
  }

  // A scalar's tag and payload are written by one call with one room check (`tag` 0: no
  // tag, as in a list's items): two calls and two checks a value were a measurable part of
  // shredding an event.

  /** A string payload, after the node's `tag` (a varint) unless it is 0. */
  string(value: string, tag = 0): void {
    const tagSize = tag === 0 ? 0 : varintSize(tag);
    // Room for up to 3 bytes of UTF-8 a UTF-16 unit, or the exact size for a long string and
    // near the row's bound (where the most is more than the row may take, the real size may
    // still fit). Never less than the real size: Buffer#write would cut the string short.
    let size = value.length * 3;
    if (
      value.length > MEASURED ||
      this.#end + tagSize + 4 + size - this.#rowStart > this.maxRowBytes
    ) {
      size = Buffer.byteLength(value, "utf8");
    }
    const bytes = this.#room(tagSize + 4 + size);
    const lengthAt = tag === 0 ? this.#end : writeVarint(bytes, this.#end, tag);
    const start = lengthAt + 4;
    const end = writeUtf8(bytes, value, start);
    setUint32LE(bytes, lengthAt, end - start);
    this.#end = end;
  }

  /** A number payload, after the node's `tag` (a varint) unless it is 0. */
  number(value: number, tag = 0): void {
    const tagSize = tag === 0 ? 0 : varintSize(tag);
    const bytes = this.#room(tagSize + 8);
    const at = tag === 0 ? this.#end : writeVarint(bytes, this.#end, tag);
    this.#view.setFloat64(at, value, true);
    this.#end = at + 8;
  }

  /** Room for a uint32 LE to be set later (a map's entry count); returns where it is. */
  uint32Slot(): number {
    this.#room(4);
    this.#end += 4;
    return this.#end - 4;
  }

  /** Sets the uint32 at `at` (see {@link RowBuffer.uint32Slot}). */
  setUint32(at: number, value: number): void {
    setUint32LE(this.#bytes, at, value);
  }

  /** A single byte (a map value's null flag). */
  byte(value: number): void {
    this.#room(1)[this.#end++] = value;
  }

  /** The rows committed (views of the buffers: write nothing more after this). */
  written(): WrittenRows {
    const rows = this.rows;
    return {
      rows,
      bytes: new Uint8Array(this.#bytes.buffer, this.#bytes.byteOffset, this.#rowStart),
      starts: this.#starts.subarray(0, rows),
      times: this.#times.subarray(0, rows),
    };
  }
}
