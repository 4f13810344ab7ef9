import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonArraySplitter, JsonArraySyntaxError } from "../../src/json/array-splitter.js";
import { generateOktaDevices } from "../../src/testing/index.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Bytes whose native searches count how many bytes they examine: the scanner's work,
// measured without a clock (a timed test would be at the mercy of the machine's load).
let examined = 0;
class CountingBytes extends Uint8Array {
  override indexOf(value: number, from = 0): number {
    const found = super.indexOf(value, from);
    examined += (found === -1 ? this.length : found + 1) - from;
    return found;
  }
}

function counting(bytes: Uint8Array): CountingBytes {
  const copy = new CountingBytes(bytes.length);
  copy.set(bytes);
  return copy;
}

interface Element {
  text: string | undefined;
  offset: number;
  byteLength: number;
}

function split(chunks: readonly Uint8Array[], options?: { maxElementBytes?: number }): Element[] {
  const elements: Element[] = [];
  const splitter = new JsonArraySplitter(
    (bytes, offset, byteLength) =>
      elements.push({
        text: bytes === undefined ? undefined : decoder.decode(bytes),
        offset,
        byteLength,
      }),
    options,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return elements;
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    chunks.push(bytes.subarray(start, start + size));
  }
  return chunks;
}

/** The work (bytes examined by native searches) to split a page, in one chunk. */
function workFor(text: string): number {
  examined = 0;
  split([counting(encoder.encode(text))]);
  return examined;
}

describe("JsonArraySplitter", () => {
  it("splits a device whose displayName is a long run of escaped backslashes in linear work", () => {
    // Issue 12 §3: an 8 MiB page like this took 45 s (JSON.parse: 75 ms).
    const page = (backslashes: number) =>
      JSON.stringify([{ id: "guo1", profile: { displayName: "\\".repeat(backslashes) } }, 2]);
    const small = workFor(page(64 * 1024));
    const large = workFor(page(8 * 64 * 1024));
    // Linear: 8 times the input, about 8 times the work (quadratic would be 64 times).
    expect(large / small).toBeLessThan(9);
    expect(large).toBeLessThan(3 * page(8 * 64 * 1024).length);
    const [device] = split([encoder.encode(page(1000))]);
    expect(JSON.parse(device?.text ?? "")).toStrictEqual(JSON.parse(page(1000))[0]);
  });

  it("does work linear in the input for any string content (escapes, quotes, unicode)", () => {
    const piece = fc.constantFrom("\\\\", '\\"', "\\n", "\\u00e9", "a", "é", " ", "]", "}", ",");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        (pieces, n) => {
          const text = `[${Array.from({ length: n }, () => `"${pieces.join("")}"`).join(",")}]`;
          // Each byte is examined at most once by each of the two searches (quote, backslash).
          expect(workFor(text)).toBeLessThanOrEqual(2 * encoder.encode(text).length);
        },
      ),
    );
  });

  it("gives each element's bytes, first byte's offset and length, across any chunking", () => {
    const text = ' [ {"a":"x\\"y"} ,\n"\\\\", [1,{"b":"]}"}] , 3 ]\n';
    const expected = [
      { text: '{"a":"x\\"y"} ', offset: 3, byteLength: 13 },
      { text: '"\\\\"', offset: 18, byteLength: 4 },
      { text: '[1,{"b":"]}"}] ', offset: 24, byteLength: 15 },
      { text: "3 ", offset: 41, byteLength: 2 },
    ];
    const bytes = encoder.encode(text);
    for (let size = 1; size <= bytes.length; size++) {
      expect(split(chunked(bytes, size))).toStrictEqual(expected);
    }
  });

  it("skips a leading byte-order mark even when split across chunks, and only at the start", () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode("[1]")]);
    for (let size = 1; size <= bytes.length; size++) {
      expect(split(chunked(bytes, size)).map((element) => element.text)).toStrictEqual(["1"]);
    }
    expect(() => split([Uint8Array.from([0xef, 0xbb, ...encoder.encode("[1]")])])).toThrow(
      /broken byte-order mark at byte 3/,
    );
    expect(() => split([Uint8Array.from([0x20, 0xef, 0xbb, 0xbf, 0x5b, 0x5d])])).toThrow(
      /not a JSON array/,
    );
  });

  it("reports an element over maxElementBytes by offset and size, without keeping it, and goes on", () => {
    const text = `[1,"${"x".repeat(100)}",{"c":"${"y".repeat(50)}"},4]`;
    for (const size of [1, 7, 1000]) {
      const elements = split(chunked(encoder.encode(text), size), { maxElementBytes: 60 });
      expect(elements).toStrictEqual([
        { text: "1", offset: 1, byteLength: 1 },
        { text: undefined, offset: 3, byteLength: 102 },
        { text: `{"c":"${"y".repeat(50)}"}`, offset: 106, byteLength: 58 },
        { text: "4", offset: 165, byteLength: 1 },
      ]);
    }
  });

  it("names what is wrong and the 1-based byte where the array breaks", () => {
    const cases: [string, RegExp, number][] = [
      ["", /the input is empty/, 0],
      ['{"id":1}', /not a JSON array \(it must start with `\[`\) at byte 1$/, 0],
      ["[1,]", /an element is missing before this `\]` at byte 4$/, 3],
      ["[,1]", /an element is missing before this `,` at byte 2$/, 1],
      ["[1] x", /more after the array's closing `\]` at byte 5$/, 4],
      ['[{"a":1}}]', /a `}` closes nothing at byte 9$/, 8],
      ['[{"a":1}', /ends inside the array \(after 8 bytes\)/, 8],
      ['[{"a":"unterminated]', /ends inside the array/, 20],
    ];
    for (const [text, message, offset] of cases) {
      const error = (() => {
        try {
          split([encoder.encode(text)]);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error, text).toBeInstanceOf(JsonArraySyntaxError);
      expect((error as JsonArraySyntaxError).message, text).toMatch(message);
      expect((error as JsonArraySyntaxError).offset, text).toBe(offset);
    }
  });
});

/** Splits bytes at the given offsets (sorted, deduplicated, in range). */
function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    if (point > start) chunks.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  return chunks;
}

/** What `Response.text()` then `JSON.parse` give, or `undefined` when that throws. */
function wholeParse(bytes: Uint8Array): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return undefined;
  }
}

/**
 * Each element the splitter finds, parsed on its own (as `map` does); `undefined` when the
 * splitter or an element's JSON.parse throws, for comparison with a whole-text JSON.parse.
 */
function parseJsonArrayChunks(chunks: readonly Uint8Array[]): unknown[] | undefined {
  const elements: unknown[] = [];
  // `ignoreBOM`: a mark inside the body is U+FEFF to a whole-text decoder, so it must stay.
  const elementDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const splitter = new JsonArraySplitter((bytes) => {
    elements.push(JSON.parse(elementDecoder.decode(bytes)));
  });
  try {
    for (const chunk of chunks) splitter.push(chunk);
    splitter.end();
  } catch {
    return undefined;
  }
  return elements;
}

const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe("JsonArraySplitter against JSON.parse (the exactness claim)", () => {
  it("equals JSON.parse of the whole text for arrays of any JSON, split anywhere", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.boolean(),
        cuts,
        (values, pretty, at) => {
          const text = pretty ? JSON.stringify(values, null, 2) : JSON.stringify(values);
          const bytes = encoder.encode(text);
          expect(parseJsonArrayChunks(splitAt(bytes, at))).toStrictEqual(JSON.parse(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never disagrees with JSON.parse on damaged bodies: same value, or undefined when it throws", () => {
    const damage = fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom("delete", "insert", "replace"),
        // Bytes that matter to the scanner, and bytes that break UTF-8.
        byte: fc.constantFrom(
          0x22,
          0x5c,
          0x2c,
          0x7b,
          0x7d,
          0x5b,
          0x5d,
          0x20,
          0x31,
          0xef,
          0xbb,
          0xbf,
          0x80,
          0xc3,
        ),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
        damage,
        cuts,
        (values, edits, at) => {
          const bytes = [...encoder.encode(JSON.stringify(values))];
          for (const edit of edits) {
            const position = edit.at % (bytes.length + 1);
            if (edit.kind === "delete") bytes.splice(position, 1);
            else if (edit.kind === "insert") bytes.splice(position, 0, edit.byte);
            else bytes[position] = edit.byte;
          }
          const body = Uint8Array.from(bytes);
          const whole = wholeParse(body);
          const parsed = parseJsonArrayChunks(splitAt(body, at));
          if (whole === undefined) expect(parsed).toBeUndefined();
          else if (parsed !== undefined) expect(parsed).toStrictEqual(whole.value);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("parses a real-shape device page in 64 KB chunks exactly as a whole", () => {
    const devices = generateOktaDevices(300, { seed: 3, expand: "user" });
    const bytes = encoder.encode(JSON.stringify(devices));
    const chunks = splitAt(
      bytes,
      Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => i * 65536),
    );
    expect(chunks.length).toBeGreaterThan(5);
    expect(parseJsonArrayChunks(chunks)).toStrictEqual(devices);
  });

  it("keeps an escape and a multi-byte character that straddle chunks", () => {
    const text = '[{"a":"x\\"y","b":"été 🙂"},"\\\\",{"c":[1,{"d":"]}"}]}]';
    const bytes = encoder.encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(parseJsonArrayChunks(splitAt(bytes, [cut]))).toStrictEqual(JSON.parse(text));
      expect(parseJsonArrayChunks(splitAt(bytes, [cut, cut + 1, cut + 2]))).toStrictEqual(
        JSON.parse(text),
      );
    }
  });

  it("drops a leading byte-order mark as Response.text() does, and only there", () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(parseJsonArrayChunks([Uint8Array.from([...bom, ...encoder.encode("[1]")])])).toEqual([
      1,
    ]);
    // A mark before an element is U+FEFF in the whole text, which JSON.parse refuses.
    const inside = Uint8Array.from([...encoder.encode("[1,"), ...bom, ...encoder.encode("2]")]);
    expect(wholeParse(inside)).toBeUndefined();
    expect(parseJsonArrayChunks([inside])).toBeUndefined();
  });

  it("leaves everything but a well-formed array to the whole-text parse", () => {
    for (const text of [
      "",
      "  ",
      '{"id":"guo1"}',
      "[",
      "[1,]",
      "[,1]",
      "[1 2]",
      "[1]]",
      "[1] x",
      "[}]",
      "[1}",
      '[{"a":1}}',
      '[{"a":1},2}',
      '[{"a":1}',
      '[{"a":"unterminated]',
      "<html></html>",
    ]) {
      expect(parseJsonArrayChunks([encoder.encode(text)]), text).toBeUndefined();
    }
    expect(parseJsonArrayChunks([])).toBeUndefined();
    expect(parseJsonArrayChunks([encoder.encode(" [ \n] \r\n")])).toEqual([]);
  });
});
