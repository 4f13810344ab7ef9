// Growable column buffers (UTF-8 bytes, offsets and numbers in typed arrays) that a file's
// rows are split into when it is encoded (rows-to-columns.ts); `raw` hands them to Arrow as
// they are. Nothing is allocated until a column gets a value: most of a schema's columns are
// null in most files, and a file of a few dozen rows (a first load spread over hundreds of
// days makes thousands) would otherwise spend more on allocating arrays than on its rows.

const INITIAL_ROWS = 8;
const INITIAL_BYTES = 256;

// Strings up to this many UTF-16 units (or bytes) are encoded and copied by a JavaScript
// loop: for short values, one native call each (Buffer#write, Buffer#copy) costs more than
// the bytes do.
const SHORT = 48;

// Writes `value` as UTF-8 at `at` (the buffer has room for 3 bytes a UTF-16 unit); returns
// the end. ASCII is copied unit by unit; anything else goes to Buffer#write.
export function writeUtf8(bytes: Buffer, value: string, at: number): number {
  const length = value.length;
  if (length <= SHORT) {
    let end = at;
    for (let i = 0; i < length; i++) {
      const unit = value.charCodeAt(i);
      if (unit >= 0x80) return at + bytes.write(value, at, "utf8");
      bytes[end++] = unit;
    }
    return end;
  }
  return at + bytes.write(value, at, "utf8");
}

/** `array`, or a copy at least `needed` long (doubling), with the same values first. */
export function grown<T extends Int32Array | Uint8Array | Float64Array>(
  array: T,
  needed: number,
): T {
  if (array.length >= needed) return array;
  let size = Math.max(array.length * 2, INITIAL_ROWS);
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (length: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/** Column data in row order: `valid[i]` is 1 when row `i` has a value. */
export interface ColumnValues {
  readonly length: number;
  readonly valid: Uint8Array;
}

/**
 * A column of nullable strings: each row's range of UTF-8 bytes, kept as a
 * {@link RangeBuffer} keeps a list's ranges over its items.
 */
export class Utf8Buffer {
  #bytes = Buffer.alloc(0);
  readonly #ranges = new RangeBuffer();

  /** Values so far. */
  get length(): number {
    return this.#ranges.length;
  }

  #room(needed: number, used: number): Buffer {
    if (needed > this.#bytes.length) {
      // Slow: a buffer of its own, not a slice of Node's shared pool (see `raw`).
      const bigger = Buffer.allocUnsafeSlow(
        Math.max(needed, this.#bytes.length * 2, INITIAL_BYTES),
      );
      bigger.set(this.#bytes.subarray(0, used));
      this.#bytes = bigger;
    }
    return this.#bytes;
  }

  /** Appends a value. */
  push(value: string | null): void {
    if (value === null) {
      this.#ranges.push(null);
      return;
    }
    const at = this.#ranges.items;
    const end = writeUtf8(this.#room(at + value.length * 3, at), value, at);
    this.#ranges.push(end - at);
  }

  /** Appends a value given as UTF-8: `source[start..end]`. */
  pushBytes(source: Uint8Array, start: number, end: number): void {
    let at = this.#ranges.items;
    const bytes = this.#room(at + end - start, at);
    if (end - start > SHORT) bytes.set(source.subarray(start, end), at);
    else for (let k = start; k < end; k++) bytes[at++] = source[k] as number;
    this.#ranges.push(end - start);
  }

  /** Appends nulls up to `length` values. */
  pad(length: number): void {
    this.#ranges.pad(length);
  }

  /** Forgets the values, keeping the memory for the next file's (see column-pool.ts). */
  reset(): void {
    this.#ranges.reset();
  }

  /** Bytes of memory the buffer holds. */
  get capacity(): number {
    return this.#bytes.length + this.#ranges.capacity;
  }

  /** The buffered values as they are (views of the buffers, not copies). */
  raw(): RawUtf8 {
    const { length, offsets, valid } = this.#ranges.raw();
    const end = offsets[length] as number;
    // No bytes yet: an array of its own, not a view of a shared one (Arrow's IPC writer joins
    // views that lie next to each other in one buffer, and got them wrong).
    const bytes =
      end === 0
        ? new Uint8Array(0)
        : new Uint8Array(this.#bytes.buffer, this.#bytes.byteOffset, end);
    return { length, bytes, offsets, valid };
  }
}

/** A column of nullable numbers (int32, int64 up to 2^53, booleans, presence flags). */
export class NumberBuffer {
  #values = new Float64Array(0);
  #valid = new Uint8Array(0);
  length = 0;

  /** Appends a value. */
  push(value: number | null): void {
    const row = this.length;
    if (row + 1 > this.#valid.length) this.#reserve(row + 1);
    this.#values[row] = value ?? 0;
    this.#valid[row] = value === null ? 0 : 1;
    this.length = row + 1;
  }

  #reserve(rows: number): void {
    this.#valid = grown(this.#valid, rows);
    this.#values = grown(this.#values, this.#valid.length);
  }

  /** Forgets the values, keeping the memory (`pad` and `push` write every row they add). */
  reset(): void {
    this.length = 0;
  }

  /** Bytes of memory the buffer holds. */
  get capacity(): number {
    return this.#values.byteLength + this.#valid.byteLength;
  }

  /** Appends nulls up to `length` values. */
  pad(length: number): void {
    if (this.#valid.length === 0) {
      this.length = length;
      return;
    }
    if (length > this.#valid.length) this.#reserve(length);
    this.#values.fill(0, this.length, length);
    this.#valid.fill(0, this.length, length);
    this.length = length;
  }

  /** The buffered values as they are (views of the buffers, not copies). */
  raw(): RawNumbers {
    const length = this.length;
    if (this.#valid.length === 0) {
      return { length, values: new Float64Array(length), valid: new Uint8Array(length) };
    }
    return {
      length,
      values: this.#values.subarray(0, length),
      valid: this.#valid.subarray(0, length),
    };
  }
}

/** Per-row ranges over a child column (lists and maps): Arrow's list offsets. */
export class RangeBuffer {
  #offsets = new Int32Array(0);
  #valid = new Uint8Array(0);
  length = 0;

  /** Appends a row of `count` child items (`null`: no list). */
  push(count: number | null): void {
    const row = this.length;
    if (row + 1 > this.#valid.length) this.#reserve(row + 1);
    this.#offsets[row + 1] = (this.#offsets[row] as number) + (count ?? 0);
    this.#valid[row] = count === null ? 0 : 1;
    this.length = row + 1;
  }

  /** Child items of the rows so far (where the next row's items start). */
  get items(): number {
    // Padded rows before anything was allocated own no items.
    return this.#offsets[this.length] ?? 0;
  }

  // Room for `rows` rows: the validity and the offsets grow together, so that a check of the
  // validity's length alone is enough (offsets always have one more). Rows padded before the
  // first value are already null and empty in the new, zeroed arrays.
  #reserve(rows: number): void {
    this.#valid = grown(this.#valid, rows);
    this.#offsets = grown(this.#offsets, this.#valid.length + 1);
  }

  /**
   * Forgets the ranges, keeping the memory: `push` and `pad` write every row they add, and
   * the first offset, never written, stays 0.
   */
  reset(): void {
    this.length = 0;
  }

  /** Bytes of memory the buffer holds. */
  get capacity(): number {
    return this.#offsets.byteLength + this.#valid.byteLength;
  }

  /** Appends absent lists (or null strings) up to `length` rows. */
  pad(length: number): void {
    // Nothing allocated yet: every row is absent, which `raw` gives without arrays of its own.
    if (this.#valid.length === 0) {
      this.length = length;
      return;
    }
    if (length > this.#valid.length) this.#reserve(length);
    this.#offsets.fill(this.#offsets[this.length] as number, this.length + 1, length + 1);
    this.#valid.fill(0, this.length, length);
    this.length = length;
  }

  /** The buffered ranges as they are (views of the buffers, not copies). */
  raw(): RawRanges {
    const length = this.length;
    if (this.#valid.length === 0) {
      return { length, offsets: new Int32Array(length + 1), valid: new Uint8Array(length) };
    }
    return {
      length,
      offsets: this.#offsets.subarray(0, length + 1),
      valid: this.#valid.subarray(0, length),
    };
  }
}

/** A {@link Utf8Buffer}'s contents: row `i` is `bytes[offsets[i]..offsets[i + 1]]`. */
export interface RawUtf8 extends ColumnValues {
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
}

/** A {@link NumberBuffer}'s contents. */
export interface RawNumbers extends ColumnValues {
  readonly values: Float64Array;
}

/** A {@link RangeBuffer}'s contents: row `i` owns child items `offsets[i]..offsets[i + 1]`. */
export interface RawRanges extends ColumnValues {
  readonly offsets: Int32Array;
}
