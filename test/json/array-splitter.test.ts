import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonArraySplitter, JsonArraySyntaxError } from "../../src/json/array-splitter.js";

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
