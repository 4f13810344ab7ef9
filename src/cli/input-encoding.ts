// The input's text encoding, from its first bytes: UTF-8 passes through (a byte-order mark
// dropped), UTF-16 with a byte-order mark (what Windows PowerShell's `>` writes) is
// transcoded to UTF-8, and anything else recognisable is refused with how to re-save it.
// Bytes that are not UTF-8 further on are found when each record is decoded (input-records.ts);
// UTF-16 that is not well formed (a lone surrogate, an odd byte at the end) is refused here,
// never replaced by U+FFFD: a record must be what the file says, or an error.
import { InputError } from "./failures.js";

/** How to re-save a file as UTF-8, for messages. */
export const RESAVE_AS_UTF8 =
  "re-save it as UTF-8 (PowerShell: Get-Content IN | Set-Content -Encoding utf8 OUT; " +
  "elsewhere: iconv -f ENCODING -t UTF-8 IN > OUT)";

/** What {@link utf8Chunks} found: the encoding, and the bytes of byte-order mark it dropped. */
export interface InputEncoding {
  /** `"UTF-8"`, `"UTF-16 LE"` or `"UTF-16 BE"`. */
  name: "UTF-8" | "UTF-16 LE" | "UTF-16 BE";
  /** Bytes of byte-order mark dropped from the start (0, 2 or 3): offsets in messages count them. */
  markBytes: number;
}

function refuse(encoding: string): never {
  throw new InputError(
    `the input is ${encoding}, not UTF-8 or UTF-16 with a byte-order mark: ${RESAVE_AS_UTF8}`,
  );
}

/** What the first bytes say: the encoding and how many bytes of byte-order mark to drop. */
function sniff(head: Uint8Array): InputEncoding {
  const [a, b, c, d] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { name: "UTF-8", markBytes: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) refuse("UTF-32 LE");
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) refuse("UTF-32 BE");
  if (a === 0xff && b === 0xfe) return { name: "UTF-16 LE", markBytes: 2 };
  if (a === 0xfe && b === 0xff) return { name: "UTF-16 BE", markBytes: 2 };
  // JSON starts with ASCII: zero bytes beside it are UTF-32 or UTF-16 without a mark.
  if (a !== undefined && b !== undefined) {
    if (a === 0 && b === 0 && c === 0 && d !== undefined && d !== 0)
      refuse("UTF-32 BE without a byte-order mark");
    if (a !== 0 && b === 0 && c === 0 && d === 0) refuse("UTF-32 LE without a byte-order mark");
    if (a === 0 && b !== 0) refuse("UTF-16 BE without a byte-order mark");
    if (a !== 0 && b === 0) refuse("UTF-16 LE without a byte-order mark");
  }
  return { name: "UTF-8", markBytes: 0 };
}

/** Transcodes UTF-16 chunk by chunk (a character split between chunks is kept for the next). */
class Utf16Transcoder {
  readonly #decoder: TextDecoder;
  readonly #encoder = new TextEncoder();
  readonly #name: string;
  // Bytes of the file before the current chunk, for the message.
  #offset: number;

  constructor(encoding: InputEncoding) {
    this.#name = encoding.name;
    this.#offset = encoding.markBytes;
    this.#decoder = new TextDecoder(encoding.name === "UTF-16 LE" ? "utf-16le" : "utf-16be", {
      fatal: true,
      ignoreBOM: true,
    });
  }

  push(bytes: Uint8Array, last: boolean): Uint8Array {
    let text: string;
    try {
      text = this.#decoder.decode(bytes, { stream: !last });
    } catch {
      const end = this.#offset + bytes.length;
      throw new InputError(
        `the input is not well-formed ${this.#name}: around bytes ${Math.max(1, this.#offset - 2)} to ${end} ` +
          `there is a lone surrogate${last ? " or an odd byte at the end (the file was cut short)" : ""}: ${RESAVE_AS_UTF8}`,
      );
    }
    this.#offset += bytes.length;
    return this.#encoder.encode(text);
  }
}

/**
 * The input as UTF-8 bytes, chunk by chunk, whatever supported encoding it came in.
 * `detected`, when given, is filled in before the first chunk is yielded.
 */
export async function* utf8Chunks(
  source: AsyncIterable<Uint8Array>,
  detected?: InputEncoding,
): AsyncGenerator<Uint8Array, void, undefined> {
  let head = new Uint8Array(0);
  let transcoder: Utf16Transcoder | undefined;
  let sniffed = false;
  const decide = (bytes: Uint8Array): InputEncoding => {
    const encoding = sniff(bytes);
    sniffed = true;
    if (detected !== undefined) Object.assign(detected, encoding);
    if (encoding.name !== "UTF-8") transcoder = new Utf16Transcoder(encoding);
    return encoding;
  };
  for await (const chunk of source) {
    let bytes = chunk;
    if (!sniffed) {
      // Four bytes tell every encoding apart; a shorter input is decided at its end.
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      if (joined.length < 4) {
        head = joined;
        continue;
      }
      bytes = joined.subarray(decide(joined).markBytes);
    }
    const out = transcoder === undefined ? bytes : transcoder.push(bytes, false);
    if (out.length > 0) yield out;
  }
  if (!sniffed) {
    if (head.length === 0) return;
    const rest = head.subarray(decide(head).markBytes);
    const out = transcoder === undefined ? rest : transcoder.push(rest, true);
    if (out.length > 0) yield out;
    return;
  }
  if (transcoder !== undefined) {
    const rest = transcoder.push(new Uint8Array(0), true);
    if (rest.length > 0) yield rest;
  }
}
