// Reading `Link` headers (RFC 8288) in one pass: the header comes from the server, so no
// regular expression that could backtrack on a long, malformed value.

function isSpace(char: string | undefined): boolean {
  return char === " " || char === "\t";
}

interface Param {
  name: string;
  value: string;
  end: number;
}

// One `; name[=value]` parameter starting at `from` (at the `;`). Always moves forward.
function readParam(header: string, from: number): Param {
  let index = from + 1;
  while (isSpace(header[index])) index++;
  const nameStart = index;
  while (index < header.length && !"=;, \t".includes(header[index] as string)) index++;
  const name = header.slice(nameStart, index).toLowerCase();
  while (isSpace(header[index])) index++;
  if (header[index] !== "=") return { name, value: "", end: index };
  index++;
  while (isSpace(header[index])) index++;
  if (header[index] === '"') {
    // A quoted string: pieces between escapes, joined once (no per-character strings).
    const pieces: string[] = [];
    let pieceStart = index + 1;
    index++;
    while (index < header.length && header[index] !== '"') {
      if (header[index] === "\\") {
        pieces.push(header.slice(pieceStart, index));
        pieceStart = index + 1;
        index++;
      }
      index++;
    }
    pieces.push(header.slice(pieceStart, Math.min(index, header.length)));
    return { name, value: pieces.join(""), end: index + 1 };
  }
  const valueStart = index;
  while (index < header.length && header[index] !== ";" && header[index] !== ",") index++;
  return { name, value: header.slice(valueStart, index).trim(), end: index };
}

/**
 * Finds the `rel="next"` target in `Link` header values. Okta sends `self` and `next` as
 * two `Link` headers, which `Headers.get` joins with ", ". Linear in the header's length.
 */
export function findNextLink(linkHeader: string | null): string | undefined {
  if (linkHeader === null) return undefined;
  const header = linkHeader;
  let index = 0;
  while (index < header.length) {
    const open = header.indexOf("<", index);
    if (open === -1) return undefined;
    const close = header.indexOf(">", open + 1);
    if (close === -1) return undefined;
    const target = header.slice(open + 1, close);
    let relations: string[] = [];
    index = close + 1;
    // The link's parameters, up to the comma that starts the next link.
    while (index < header.length) {
      const char = header[index];
      if (char === ",") {
        index++;
        break;
      }
      if (char !== ";") {
        index++;
        continue;
      }
      const param = readParam(header, index);
      if (param.name === "rel") relations = param.value.toLowerCase().split(/[ \t]+/);
      index = Math.max(param.end, index + 1);
    }
    if (relations.includes("next")) return target;
  }
  return undefined;
}
