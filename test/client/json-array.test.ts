import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBody, parseJsonArrayChunks } from "../../src/client/json-array.js";
import { generateOktaDevices } from "../../src/testing/index.js";

const encoder = new TextEncoder();

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

const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe("parseJsonArrayChunks", () => {
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

describe("decodeBody", () => {
  it("decodes chunks as one text, replacing invalid UTF-8 as Response.text() does", async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9, 0xff, 0x62]);
    const expected = await new Response(bytes).text();
    expect(decodeBody(splitAt(bytes, [4, 5]))).toBe(expected);
    expect(decodeBody([])).toBe("");
  });
});
