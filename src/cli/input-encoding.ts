// The input's text encoding, from its first bytes: UTF-8 passes through (a byte-order mark
// dropped), UTF-16 with a byte-order mark (what Windows PowerShell's `>` writes) is
// transcoded to UTF-8, and anything else recognisable is refused with how to re-save it.
// Bytes that are not UTF-8 further on are found when each record is decoded (input-records.ts).
import { InputError } from "./failures.js";

/** How to re-save a file as UTF-8, for messages. */
export const RESAVE_AS_UTF8 =
  "re-save it as UTF-8 (PowerShell: Get-Content IN | Set-Content -Encoding utf8 OUT; " +
  "elsewhere: iconv -f ENCODING -t UTF-8 IN > OUT)";

function refuse(encoding: string): never {
  throw new InputError(
    `the input is ${encoding}, not UTF-8 or UTF-16 with a byte-order mark: ${RESAVE_AS_UTF8}`,
  );
}

/** What the first bytes say: the encoding and how many bytes of byte-order mark to drop. */
function sniff(head: Uint8Array): { encoding: "utf-8" | "utf-16le" | "utf-16be"; mark: number } {
  const [a, b, c, d] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: "utf-8", mark: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) refuse("UTF-32 LE");
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) refuse("UTF-32 BE");
  if (a === 0xff && b === 0xfe) return { encoding: "utf-16le", mark: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: "utf-16be", mark: 2 };
  // JSON starts with ASCII: a zero byte beside it is UTF-16 (or 32) without a mark.
  if (a !== undefined && b !== undefined) {
    if (a === 0 && b !== 0) refuse("UTF-16 BE without a byte-order mark");
    if (a !== 0 && b === 0) refuse("UTF-16 LE without a byte-order mark");
  }
  return { encoding: "utf-8", mark: 0 };
}

/** The input as UTF-8 bytes, chunk by chunk, whatever supported encoding it came in. */
export async function* utf8Chunks(
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array, void, undefined> {
  let head = new Uint8Array(0);
  let decoder: TextDecoder | undefined;
  const encoder = new TextEncoder();
  let sniffed = false;
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
      const { encoding, mark } = sniff(joined);
      sniffed = true;
      if (encoding !== "utf-8") decoder = new TextDecoder(encoding, { ignoreBOM: true });
      bytes = joined.subarray(mark);
    }
    if (decoder === undefined) yield bytes;
    else yield encoder.encode(decoder.decode(bytes, { stream: true }));
  }
  if (!sniffed) {
    if (head.length === 0) return;
    const { encoding, mark } = sniff(head);
    if (encoding === "utf-8") yield head.subarray(mark);
    else
      yield encoder.encode(
        new TextDecoder(encoding, { ignoreBOM: true }).decode(head.subarray(mark)),
      );
    return;
  }
  if (decoder !== undefined) {
    const rest = decoder.decode();
    if (rest !== "") yield encoder.encode(rest);
  }
}
