import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineSplitter } from "../../src/cli/line-splitter.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Bytes whose native searches count the bytes they examine: the splitter's work, without a clock.
let examined = 0;
class CountingBytes extends Uint8Array {
  override indexOf(value: number, from = 0): number {
    const found = super.indexOf(value, from);
    examined += (found === -1 ? this.length : found + 1) - from;
    return found;
  }
}

function split(text: string, size: number, maxLineBytes = 1 << 20) {
  const bytes = encoder.encode(text);
  const lines: [string | undefined, number, number][] = [];
  const splitter = new LineSplitter(
    (line, number, byteLength) =>
      lines.push([line === undefined ? undefined : decoder.decode(line), number, byteLength]),
    { maxLineBytes },
  );
  examined = 0;
  for (let start = 0; start < bytes.length; start += size) {
    const chunk = new CountingBytes(Math.min(size, bytes.length - start));
    chunk.set(bytes.subarray(start, start + size));
    splitter.push(chunk);
  }
  splitter.end();
  return lines;
}

describe("LineSplitter", () => {
  it("gives the lines of any text split anywhere, in work linear in its length", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: "grapheme" }).map((line) => line.replaceAll("\n", "")),
          {
            maxLength: 20,
          },
        ),
        fc.integer({ min: 1, max: 40 }),
        (texts, size) => {
          const text = texts.join("\n");
          const lines = split(text, size);
          // A final newline ends the last line; it does not start another.
          const expected = text.split("\n");
          if (expected.at(-1) === "") expected.pop();
          expect(lines.map(([line]) => line)).toStrictEqual(expected);
          expect(lines.map(([, number]) => number)).toStrictEqual(
            expected.map((_, index) => index + 1),
          );
          // Each byte is examined once by the newline search.
          expect(examined).toBeLessThanOrEqual(encoder.encode(text).length);
        },
      ),
    );
  });

  it("counts a line over the limit without keeping it", () => {
    expect(split(`a\n${"x".repeat(50)}\nb`, 7, 10)).toStrictEqual([
      ["a", 1, 1],
      [undefined, 2, 50],
      ["b", 3, 1],
    ]);
  });
});
