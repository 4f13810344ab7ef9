// A useful subset of the SCIM filter syntax Okta's `search` parameter takes:
// `attr op "value"` with eq, ne, sw, co, gt, ge, lt, le and pr, joined by `and` / `or`,
// grouped by parentheses, over the attributes the devices API can search.

type Predicate = (device: Record<string, unknown>) => boolean;

/** Thrown for a search the fake (like Okta) refuses: it answers 400 E0000031. */
export class InvalidSearchError extends Error {
  override readonly name = "InvalidSearchError";
}

const SEARCHABLE = /^(id|status|lastUpdated|profile\.[A-Za-z]+)$/;
// Parentheses nest at most this deep: the parser recurses per level, and a request must not
// be able to overflow the stack of the process hosting the fake org.
const MAX_NESTING = 32;
const TIME_FIELDS = new Set(["lastUpdated"]);

interface Token {
  kind: "word" | "string" | "open" | "close";
  text: string;
}

const UTF16 = new TextDecoder("utf-16le");

// Drops the backslash of each escape. Written into one buffer: growing a string a character
// at a time (or splitting at every escape) costs an allocation per escape, which turns a
// long run of backslashes into seconds of garbage collection.
function unescapeString(text: string): string {
  if (!text.includes("\\")) return text;
  const units = new Uint16Array(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code === 92 /* \ */ && i + 1 < text.length) code = text.charCodeAt(++i);
    units[length++] = code;
  }
  return UTF16.decode(units.subarray(0, length));
}

function tokenize(search: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < search.length) {
    const char = search[index] as string;
    if (char === " ") {
      index++;
    } else if (char === "(" || char === ")") {
      tokens.push({ kind: char === "(" ? "open" : "close", text: char });
      index++;
    } else if (char === '"') {
      let end = index + 1;
      while (end < search.length && search[end] !== '"') end += search[end] === "\\" ? 2 : 1;
      if (end >= search.length) throw new InvalidSearchError("unterminated string");
      tokens.push({ kind: "string", text: unescapeString(search.slice(index + 1, end)) });
      index = end + 1;
    } else {
      let end = index;
      while (end < search.length && !' ()"'.includes(search[end] as string)) end++;
      tokens.push({ kind: "word", text: search.slice(index, end) });
      index = end;
    }
  }
  return tokens;
}

function valueAt(device: Record<string, unknown>, path: string): unknown {
  let value: unknown = device;
  for (const key of path.split(".")) {
    // Own properties only: `profile.constructor pr` must not find Object.prototype's.
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function comparison(path: string, op: string, literal: string | boolean | number): Predicate {
  const isTime = TIME_FIELDS.has(path);
  const normalise = (value: unknown): unknown => {
    if (isTime && typeof value === "string") return Date.parse(value);
    return value;
  };
  const right = normalise(literal);
  if (isTime && Number.isNaN(right))
    throw new InvalidSearchError(`invalid date ${String(literal)}`);
  const ordered = (test: (a: number | string, b: number | string) => boolean): Predicate => {
    return (device) => {
      const left = normalise(valueAt(device, path));
      if (typeof left !== typeof right || (typeof left !== "number" && typeof left !== "string")) {
        return false;
      }
      return test(left as number | string, right as number | string);
    };
  };
  switch (op) {
    case "eq":
      return (device) => normalise(valueAt(device, path)) === right;
    case "ne":
      return (device) => normalise(valueAt(device, path)) !== right;
    case "sw":
      return (device) => {
        const left = valueAt(device, path);
        return typeof left === "string" && left.startsWith(String(literal));
      };
    case "co":
      return (device) => {
        const left = valueAt(device, path);
        return typeof left === "string" && left.includes(String(literal));
      };
    case "gt":
      return ordered((a, b) => a > b);
    case "ge":
      return ordered((a, b) => a >= b);
    case "lt":
      return ordered((a, b) => a < b);
    case "le":
      return ordered((a, b) => a <= b);
    default:
      throw new InvalidSearchError(`unknown operator ${op}`);
  }
}

/** Compiles a search expression to a predicate; throws {@link InvalidSearchError}. */
export function compileSearch(search: string): Predicate {
  const tokens = tokenize(search);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => {
    const token = tokens[position++];
    if (token === undefined) throw new InvalidSearchError("unexpected end of search");
    return token;
  };

  let depth = 0;
  function factor(): Predicate {
    const token = next();
    if (token.kind === "open") {
      if (++depth > MAX_NESTING) {
        throw new InvalidSearchError(`parentheses nested more than ${MAX_NESTING} deep`);
      }
      const inner = expression();
      if (next().kind !== "close") throw new InvalidSearchError("missing )");
      depth--;
      return inner;
    }
    if (token.kind !== "word") throw new InvalidSearchError(`unexpected ${token.text}`);
    const path = token.text;
    if (!SEARCHABLE.test(path)) throw new InvalidSearchError(`${path} is not searchable`);
    const op = next();
    if (op.kind !== "word") throw new InvalidSearchError(`expected an operator after ${path}`);
    const operator = op.text.toLowerCase();
    if (operator === "pr") {
      return (device) => {
        const value = valueAt(device, path);
        return value !== undefined && value !== null;
      };
    }
    const value = next();
    let literal: string | boolean | number;
    if (value.kind === "string") literal = value.text;
    else if (value.text === "true" || value.text === "false") literal = value.text === "true";
    else if (value.kind === "word" && /^-?\d+(\.\d+)?$/.test(value.text))
      literal = Number(value.text);
    else throw new InvalidSearchError(`invalid value ${value.text}`);
    return comparison(path, operator, literal);
  }

  // Operands are kept in arrays, not chained closures: a chain of thousands of `and`s
  // would recurse once per clause when evaluated.
  function term(): Predicate {
    const factors = [factor()];
    while (peek()?.kind === "word" && peek()?.text.toLowerCase() === "and") {
      position++;
      factors.push(factor());
    }
    if (factors.length === 1) return factors[0] as Predicate;
    return (device) => factors.every((predicate) => predicate(device));
  }

  function expression(): Predicate {
    const terms = [term()];
    while (peek()?.kind === "word" && peek()?.text.toLowerCase() === "or") {
      position++;
      terms.push(term());
    }
    if (terms.length === 1) return terms[0] as Predicate;
    return (device) => terms.some((predicate) => predicate(device));
  }

  const predicate = expression();
  if (position !== tokens.length) throw new InvalidSearchError("unexpected trailing input");
  return predicate;
}
