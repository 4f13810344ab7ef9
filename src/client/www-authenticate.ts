// Reading a `WWW-Authenticate` challenge's `error` parameter (RFC 6750 §3, RFC 9449 §8), in
// one pass: the header comes from the server, so no regular expression that could backtrack.

function isSpace(char: string | undefined): boolean {
  return char === " " || char === "\t";
}

/**
 * Whether a challenge carries `error="<code>"` (or `error=<code>`), case-insensitively.
 * Linear in the header's length: each `error` occurrence is examined once, and the spaces
 * after distinct occurrences do not overlap.
 */
export function hasChallengeError(header: string, code: string): boolean {
  const text = header.toLowerCase();
  const wanted = code.toLowerCase();
  let from = 0;
  for (;;) {
    const at = text.indexOf("error", from);
    if (at === -1) return false;
    from = at + 5;
    const before = text[at - 1];
    // A parameter name starts the header, or follows a space or a comma.
    if (at > 0 && !isSpace(before) && before !== ",") continue;
    let index = at + 5;
    while (isSpace(text[index])) index++;
    if (text[index] !== "=") continue;
    index++;
    while (isSpace(text[index])) index++;
    if (text[index] === '"') index++;
    if (!text.startsWith(wanted, index)) continue;
    const after = text[index + wanted.length];
    if (after === undefined || after === '"' || after === "," || isSpace(after)) return true;
  }
}
