// Row buffers' memory (see row-buffer.ts), kept for the writer's next buffers rather than left
// to the garbage collector. A file's buffer grows by doubling from a few hundred bytes, and each
// full one is moved to the encoder thread: new buffers every time left tens of MiB of dead
// buffers on both threads between collections, and forced a full collection about once a file
// on the encoder thread. Kept buffers are reused at once instead: a buffer outgrown is given
// back, and a file's buffer comes back once the file is encoded (from the encoder thread too).

const MIN_BYTES = 256;

/** The size a buffer of at least `size` bytes is given: a power of two, at least 256. */
export function sizeClass(size: number): number {
  let length = MIN_BYTES;
  while (length < size) length *= 2;
  return length;
}

/**
 * Spare byte buffers of one writer, by size (powers of two), holding at most `maxBytes` in all
 * (past it, a buffer given back is left to the garbage collector).
 */
export class BytePool {
  readonly #spare = new Map<number, ArrayBuffer[]>();
  // The buffers kept, so that one given back twice is kept once: handed out twice, two files
  // would write over each other's rows.
  #kept = new WeakSet<ArrayBuffer>();
  #bytes = 0;

  /** @param maxBytes - the most bytes of spare buffers kept (0: none are kept) */
  constructor(readonly maxBytes: number) {}

  /** Bytes of the spare buffers kept. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * A buffer of {@link sizeClass}(`size`) bytes, of its own (not a slice of Node's shared
   * pool, so that it can be moved to another thread): a spare one when kept (its bytes are
   * whatever they were), else a new one.
   */
  take(size: number): Buffer<ArrayBuffer> {
    const length = sizeClass(size);
    const spare = this.#spare.get(length)?.pop();
    if (spare === undefined) return Buffer.allocUnsafeSlow(length);
    this.#kept.delete(spare);
    this.#bytes -= length;
    return Buffer.from(spare);
  }

  /**
   * Keeps `buffer` for a later {@link BytePool.take}; nothing may use it after this. Ignored
   * when it is not of a size class (a buffer moved away is empty), is kept already, or the
   * pool is full.
   */
  give(buffer: ArrayBuffer): void {
    const length = buffer.byteLength;
    if (length !== sizeClass(length) || this.#bytes + length > this.maxBytes) return;
    if (this.#kept.has(buffer)) return;
    this.#kept.add(buffer);
    let spare = this.#spare.get(length);
    if (spare === undefined) {
      spare = [];
      this.#spare.set(length, spare);
    }
    spare.push(buffer);
    this.#bytes += length;
  }

  /**
   * Lets go of every spare buffer: the writer is done (closed, aborted or failed), and a
   * caller may keep the writer object long after.
   */
  clear(): void {
    this.#spare.clear();
    this.#kept = new WeakSet();
    this.#bytes = 0;
  }
}
