// Byte-level helpers of map's input reader (input-records.ts): whitespace, newlines, and a
// byte named for a message.

function isWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Index of the first byte that is not JSON whitespace, or -1. */
export function firstNonWhitespace(chunk: Uint8Array): number {
  for (let index = 0; index < chunk.length; index++) {
    if (!isWhitespace(chunk[index])) return index;
  }
  return -1;
}

// A plain loop: a native search per newline costs ~100 ns each, 100 s for a gigabyte of them.
/** Newlines in a chunk. */
export function countNewlines(chunk: Uint8Array): number {
  let count = 0;
  for (let index = 0; index < chunk.length; index++) if (chunk[index] === 0x0a) count++;
  return count;
}

// A blank line is skipped before JSON.parse: a parse that throws costs ~40 µs, a minute for
// a million blank lines (double-spaced or CRLF-doubled NDJSON).
/** Whether a line is only JSON whitespace. */
export function isBlank(bytes: Uint8Array): boolean {
  return firstNonWhitespace(bytes) === -1;
}

/** The first byte for a message: ASCII as itself, any other byte in hex (never half a character). */
export function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f
    ? JSON.stringify(String.fromCharCode(byte))
    : `byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}
