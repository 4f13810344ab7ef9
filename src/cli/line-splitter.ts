// NDJSON's lines, found in UTF-8 bytes as they arrive, in linear time (one native search
// per line) and memory bounded by the longest line kept.

const NEWLINE = 0x0a;

/** Receives each line's bytes (`undefined` when longer than the limit), its 1-based number and length. */
export type LineHandler = (bytes: Uint8Array | undefined, line: number, byteLength: number) => void;

/** Splits bytes into lines (without their `\n`), chunk by chunk. */
export class LineSplitter {
  readonly #onLine: LineHandler;
  readonly #maxLineBytes: number;
  #parts: Uint8Array[] = [];
  #partsLength = 0;
  #line: number;

  constructor(onLine: LineHandler, options: { maxLineBytes: number; firstLine?: number }) {
    this.#onLine = onLine;
    this.#maxLineBytes = options.maxLineBytes;
    this.#line = options.firstLine ?? 1;
  }

  /** Scans one more chunk; calls the handler for each line it completes. */
  push(chunk: Uint8Array): void {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) break;
      this.#emit(chunk.subarray(start, end));
      start = end + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.#partsLength += rest.length;
      // A line over the limit is counted, not kept.
      if (this.#partsLength <= this.#maxLineBytes) this.#parts.push(rest);
      else this.#parts = [];
    }
  }

  /** The input is complete: a last line without `\n` is a line too. */
  end(): void {
    if (this.#partsLength > 0) this.#emit(new Uint8Array(0));
  }

  #emit(piece: Uint8Array): void {
    const byteLength = this.#partsLength + piece.length;
    let bytes: Uint8Array | undefined;
    if (byteLength <= this.#maxLineBytes) {
      if (this.#parts.length === 0) bytes = piece;
      else {
        bytes = new Uint8Array(byteLength);
        let offset = 0;
        for (const part of [...this.#parts, piece]) {
          bytes.set(part, offset);
          offset += part.length;
        }
      }
    }
    this.#parts = [];
    this.#partsLength = 0;
    this.#onLine(bytes, this.#line++, byteLength);
  }
}
