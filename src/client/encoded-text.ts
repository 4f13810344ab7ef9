// What a run of text may stand for once decoded, for the redaction of secrets a server
// echoes encoded (secrets.ts). A server (or a gateway, or a log line it quotes) may send a
// credential percent-encoded, in base64 or base64url, or both (a base64 blob in a URL): the
// readings below undo those encodings, so that a JWT (a DPoP proof signed for one request,
// never registered) or a registered secret is recognised inside them.

// base64 and base64url at once: `+`/`-` are 62, `/`/`_` 63; -1 for anything else.
const SEXTETS = new Int8Array(128).fill(-1);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
for (let index = 0; index < ALPHABET.length; index++) SEXTETS[ALPHABET.charCodeAt(index)] = index;
SEXTETS[0x2b] = 62; // +
SEXTETS[0x2d] = 62; // -
SEXTETS[0x2f] = 63; // /
SEXTETS[0x5f] = 63; // _

// Replaces what is not UTF-8 with U+FFFD, as a reader of the echoed bytes would.
const utf8 = new TextDecoder("utf-8");

// Shorter runs cannot hold the base64 of a secret (8 characters at least) or of a JWT.
const MIN_BASE64_RUN = 10;

// The bytes of base64 (either alphabet) from `from` on; `text` holds alphabet characters only.
function decodeBase64(text: string, from: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(((text.length - from) * 3) / 4));
  let count = 0;
  let bits = 0;
  let value = 0;
  for (let index = from; index < text.length; index++) {
    value = (value << 6) | (SEXTETS[text.charCodeAt(index)] ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[count++] = (value >> bits) & 0xff;
      value &= (1 << bits) - 1;
    }
  }
  return bytes.subarray(0, count);
}

/** `text` with every run of `%XX` escapes decoded as UTF-8; other characters kept. */
export function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let index = 0; index < bytes.length; index++) {
      bytes[index] = Number.parseInt(run.slice(3 * index + 1, 3 * index + 3), 16);
    }
    return utf8.decode(bytes);
  });
}

// Each maximal run of base64 characters, decoded at each of the four alignments: whatever
// precedes a blob in the run (a key, other base64), one of them reads it from its start.
function base64Readings(text: string, readings: string[]): void {
  let start = 0;
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : -1;
    if (code >= 0 && code < 128 && (SEXTETS[code] ?? -1) >= 0) continue;
    if (index - start >= MIN_BASE64_RUN) {
      const run = text.slice(start, index);
      for (let offset = 0; offset < 4; offset++) {
        readings.push(utf8.decode(decodeBase64(run, offset)));
      }
    }
    start = index + 1;
  }
}

// Base64 in a URL: only the escapes of base64's own characters (`%2B`, `%2F`, `%3D`, either
// case) are decoded; any other `%` stays, a separator that consumes nothing. Decoding every
// escape would let text just before a blob ("…%7" + "eyJ…") swallow the blob's first
// character; left in place, that character still starts a base64 run.
const BASE64_ESCAPES = /%(2[BbFf]|3[Dd])/g;
function base64Escape(sequence: string): string {
  const code = sequence.slice(1).toUpperCase();
  return code === "2B" ? "+" : code === "2F" ? "/" : "=";
}

/**
 * The texts `segment` may stand for once decoded: percent-decoded (when it has `%XX`), and
 * its base64 / base64url runs decoded, as given and with base64's own escapes decoded.
 * Empty when there is nothing to decode. Linear in the segment's length: the readings
 * together are at most about seven times as long.
 */
export function encodedReadings(segment: string): string[] {
  const readings: string[] = [];
  base64Readings(segment, readings);
  if (segment.includes("%")) {
    const decoded = percentDecode(segment);
    if (decoded !== segment) readings.push(decoded);
    const unescaped = segment.replace(BASE64_ESCAPES, base64Escape);
    if (unescaped !== segment) base64Readings(unescaped, readings);
  }
  return readings;
}
