// The elements of a JSON array, found in its UTF-8 bytes as they arrive (push-based), in
// time linear in the input and memory bounded by the largest element. Used by the command
// line's `map` (src/cli/input-records.ts); the client parses a page whole, which measured
// faster (see src/client/response-body.ts).
//
// Exactness does not rest on this scanner: each element's bytes go through JSON.parse,
// and the scanner only accepts `[`, `,`, `]` and whitespace between elements. A JSON
// array's decomposition into elements is unique, so when every piece parses, the result
// is the one JSON.parse gives for the whole text.
//
// Linear time: inside a string the next quote and the next backslash are each found with
// a native search and remembered until the scan passes them. Searching again for the quote
// after every escape (as an earlier version did) is quadratic on a long run of `\\`.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf] as const;

const BEFORE_ARRAY = 0;
const BEFORE_FIRST_ELEMENT = 1;
const BEFORE_ELEMENT = 2;
const IN_ELEMENT = 3;
const AFTER_ARRAY = 4;

function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The input is not a JSON array (or ends inside one); `offset` is the 0-based byte. */
export class JsonArraySyntaxError extends Error {
  override readonly name = "JsonArraySyntaxError";
  constructor(
    message: string,
    /** 0-based offset of the offending byte in the whole input. */
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Receives each element: its bytes (without the separators around it; `undefined` when it
 * is larger than `maxElementBytes`, so that it was not kept), the 0-based offset of its
 * first byte in the whole input, and its length in bytes.
 */
export type ElementHandler = (
  bytes: Uint8Array | undefined,
  offset: number,
  byteLength: number,
) => void;

/** Options of {@link JsonArraySplitter}. */
export interface JsonArraySplitterOptions {
  /** Largest element kept, in bytes; a larger one is reported without its bytes. Default: no limit. */
  maxElementBytes?: number;
  /** Offset in the whole input of the first byte pushed (bytes skipped before). Default `0`. */
  startOffset?: number;
}

/** Splits a JSON array's bytes into its elements' bytes, chunk by chunk. */
export class JsonArraySplitter {
  readonly #onElement: ElementHandler;
  readonly #maxElementBytes: number;
  #phase = BEFORE_ARRAY;
  #depth = 0;
  #inString = false;
  // Bytes of the next chunk that belong to an escape begun at the end of this one.
  #carry = 0;
  // The current element's bytes in earlier chunks (dropped once it is over the limit).
  #parts: Uint8Array[] = [];
  #partsLength = 0;
  #elementOffset = 0;
  // Bytes of earlier chunks: offsets in messages are in the whole input.
  #consumed = 0;
  // Bytes of a leading byte-order mark seen so far.
  #mark = 0;

  constructor(onElement: ElementHandler, options: JsonArraySplitterOptions = {}) {
    this.#onElement = onElement;
    this.#maxElementBytes = options.maxElementBytes ?? Number.POSITIVE_INFINITY;
    this.#consumed = options.startOffset ?? 0;
    // Skipped bytes were not a byte-order mark.
    if (this.#consumed > 0) this.#mark = 3;
  }

  /** Scans one more chunk; calls the handler for each element it completes. */
  push(chunk: Uint8Array): void {
    const length = chunk.length;
    let index = Math.min(this.#carry, length);
    this.#carry -= index;
    let elementStart = 0;
    let nextQuote = -1;
    let nextBackslash = -1;
    let phase = this.#phase;
    let depth = this.#depth;
    let inString = this.#inString;
    while (index < length) {
      if (phase === IN_ELEMENT) {
        if (inString) {
          // Most of a page is string content: skip it with native searches.
          if (nextQuote < index) {
            nextQuote = chunk.indexOf(QUOTE, index);
            if (nextQuote === -1) nextQuote = length;
          }
          if (nextBackslash < index) {
            nextBackslash = chunk.indexOf(BACKSLASH, index);
            if (nextBackslash === -1) nextBackslash = length;
          }
          if (nextBackslash < nextQuote) {
            index = nextBackslash + 2;
            // Escapes often come close together (`\\\\…`, `\"…\"`): the next few bytes are
            // looked at here, which is cheaper than a native search per escape.
            let stop = Math.min(length, index + 16);
            while (index < stop) {
              const byte = chunk[index] as number;
              if (byte === QUOTE) break;
              if (byte === BACKSLASH) {
                index += 2;
                stop = Math.min(length, index + 16);
              } else {
                index++;
              }
            }
            continue;
          }
          if (nextQuote === length) {
            index = length;
            break;
          }
          inString = false;
          index = nextQuote + 1;
          continue;
        }
        const byte = chunk[index] as number;
        if (byte === QUOTE) {
          inString = true;
        } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
          depth++;
        } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === COMMA) {
          if (depth > 0) {
            if (byte !== COMMA) depth--;
          } else {
            if (byte === CLOSE_BRACE) {
              throw this.#error("a `}` closes nothing", index);
            }
            phase = byte === COMMA ? BEFORE_ELEMENT : AFTER_ARRAY;
            this.#phase = phase;
            this.#emit(chunk.subarray(elementStart, index));
          }
        }
        index++;
        continue;
      }
      const byte = chunk[index] as number;
      if (phase === BEFORE_ARRAY && this.#consumed + index === this.#mark && this.#mark < 3) {
        // A UTF-8 byte-order mark at the very start is not part of the text.
        if (byte === BYTE_ORDER_MARK[this.#mark]) {
          this.#mark++;
          index++;
          continue;
        }
        if (this.#mark > 0)
          throw this.#error("the input starts with a broken byte-order mark", index);
      }
      if (isJsonWhitespace(byte)) {
        index++;
      } else if (phase === BEFORE_ARRAY) {
        if (byte !== OPEN_BRACKET) {
          throw this.#error("the input is not a JSON array (it must start with `[`)", index);
        }
        phase = BEFORE_FIRST_ELEMENT;
        index++;
      } else if (phase === BEFORE_FIRST_ELEMENT && byte === CLOSE_BRACKET) {
        phase = AFTER_ARRAY;
        index++;
      } else if (phase === AFTER_ARRAY) {
        throw this.#error("there is more after the array's closing `]`", index);
      } else if (byte === COMMA || byte === CLOSE_BRACKET) {
        throw this.#error(
          `an element is missing before this \`${String.fromCharCode(byte)}\``,
          index,
        );
      } else {
        // The element's first byte is read again in the element phase.
        phase = IN_ELEMENT;
        depth = 0;
        elementStart = index;
        this.#elementOffset = this.#consumed + index;
        this.#parts = [];
        this.#partsLength = 0;
      }
    }
    if (index > length) this.#carry = index - length;
    this.#phase = phase;
    this.#depth = depth;
    this.#inString = inString;
    if (phase === IN_ELEMENT) this.#keep(elementStart === 0 ? chunk : chunk.subarray(elementStart));
    this.#consumed += length;
  }

  /** Says that the input is complete: throws unless it was one whole array. */
  end(): void {
    if (this.#phase === AFTER_ARRAY) return;
    const at = this.#consumed;
    if (this.#phase === BEFORE_ARRAY) {
      throw new JsonArraySyntaxError("the input is empty (no JSON array)", at);
    }
    throw new JsonArraySyntaxError(
      `the input ends inside the array (after ${at} bytes): it was cut short, or its closing \`]\` is missing`,
      at,
    );
  }

  #keep(piece: Uint8Array): void {
    this.#partsLength += piece.length;
    if (this.#partsLength <= this.#maxElementBytes) this.#parts.push(piece);
    else this.#parts = [];
  }

  #emit(piece: Uint8Array): void {
    const byteLength = this.#partsLength + piece.length;
    let bytes: Uint8Array | undefined;
    if (byteLength <= this.#maxElementBytes) {
      bytes = this.#parts.length === 0 ? piece : joinBytes([...this.#parts, piece], byteLength);
    }
    this.#parts = [];
    this.#partsLength = 0;
    this.#onElement(bytes, this.#elementOffset, byteLength);
  }

  #error(what: string, index: number): JsonArraySyntaxError {
    const at = this.#consumed + index;
    return new JsonArraySyntaxError(`${what} at byte ${at + 1}`, at);
  }
}

function joinBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
