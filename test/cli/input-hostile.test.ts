// map's input under hostile review (issue 13's attack): record numbers in encoding errors,
// records before such an error, blank lines, UTF-16 that is not well formed, offsets after a
// byte-order mark, and JSON error positions, each as an example and as a property over
// random inputs split at random chunk boundaries.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InputError } from "../../src/cli/failures.js";
import { type InputEncoding, utf8Chunks } from "../../src/cli/input-encoding.js";
import { type InputRecord, readRecordBatches } from "../../src/cli/input-records.js";

const encoder = new TextEncoder();

/** Splits bytes at the given fractions of their length (any boundary, any number of pieces). */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * bytes.length)))].sort(
    (a, b) => a - b,
  );
  const pieces: Uint8Array[] = [];
  let previous = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(previous, point));
    previous = point;
  }
  pieces.push(bytes.subarray(previous));
  return pieces;
}

async function* fromChunks(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

/** The records read before the input broke, and what broke it (`undefined` if nothing). */
async function read(
  chunks: readonly Uint8Array[],
  maxRecordBytes = 1 << 20,
): Promise<{ records: InputRecord[]; error: unknown }> {
  const encoding: InputEncoding = { name: "UTF-8", markBytes: 0 };
  const records: InputRecord[] = [];
  try {
    for await (const batch of readRecordBatches(utf8Chunks(fromChunks(chunks), encoding), {
      maxRecordBytes,
      encoding,
    }))
      records.push(...batch);
  } catch (error) {
    return { records, error };
  }
  return { records, error: undefined };
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 });
const device = fc.record({ id: fc.string({ unit: "binary", maxLength: 8 }), n: fc.integer() });
const blank = fc.constantFrom("", " ", "\t", "\r", " \r", "  \t ");

function errorMessage(error: unknown): string {
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message;
}

describe("NDJSON with bytes that are not UTF-8", () => {
  it("names the record being read, from 1, and maps the records before it", async () => {
    const latin1 = Uint8Array.from([
      ...encoder.encode('{"id":"a"}\n\n{"id":"caf'),
      0xe9,
      ...encoder.encode('"}\n{"id":"b"}\n'),
    ]);
    const { records, error } = await read([latin1]);
    // Was "record 1 (line 2)" (0-based), and record 1 was dropped with its chunk.
    expect(errorMessage(error)).toMatch(/^the input is not UTF-8: record 2 \(line 3\) has bytes/);
    expect(records).toStrictEqual([{ ok: true, number: 1, line: 1, value: { id: "a" } }]);
    const first = await read([Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x7d, 0x0a])]);
    expect(errorMessage(first.error)).toMatch(/record 1 \(line 1\) has bytes/);
  });

  it("a pretty-printed object in Latin-1 is read line by line and the bad line named", async () => {
    const bytes = Uint8Array.from([
      ...encoder.encode('{\n  "id": "caf'),
      0xe9,
      ...encoder.encode('"\n}\n'),
    ]);
    const { records, error } = await read([bytes]);
    expect(errorMessage(error)).toMatch(/record 2 \(line 2\) has bytes that are not/);
    expect(records.map((record) => [record.ok, record.number, record.line])).toStrictEqual([
      [false, 1, 1],
    ]);
  });

  it("for any NDJSON, blank lines anywhere, one bad byte on line k, split anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            device.map((value) => JSON.stringify(value)),
            blank,
          ),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.nat(),
        cuts,
        async (lines, pick, at) => {
          const records = lines.filter((line) => line.trim() !== "");
          fc.pre(records.length > 0);
          const target = lines.indexOf(records[pick % records.length] as string, 0);
          const parts = lines.map((line, index) =>
            index === target
              ? Uint8Array.from([...encoder.encode(line.slice(0, -1)), 0xff, 0x7d])
              : encoder.encode(line),
          );
          const bytes = Uint8Array.from(parts.flatMap((part) => [...part, 0x0a]));
          const { records: read_, error } = await read(split(bytes, at));
          const before = lines.slice(0, target).filter((line) => line.trim() !== "");
          expect(errorMessage(error)).toContain(
            `record ${before.length + 1} (line ${target + 1}) has bytes that are not`,
          );
          // Every record before the bad one is read, exactly.
          expect(read_.map((record) => (record.ok ? record.value : record))).toStrictEqual(
            before.map((line) => JSON.parse(line)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("blank lines", () => {
  afterEach(() => vi.restoreAllMocks());

  it("never go through JSON.parse (a throw costs ~40 µs: a minute per million lines)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            device.map((value) => JSON.stringify(value)),
            blank,
          ),
          {
            maxLength: 20,
          },
        ),
        cuts,
        async (lines, at) => {
          const records = lines.filter((line) => line.trim() !== "");
          const parse = vi.spyOn(JSON, "parse");
          const { records: got, error } = await read(split(encoder.encode(lines.join("\n")), at));
          const calls = parse.mock.calls.length;
          parse.mockRestore();
          expect(error).toBeUndefined();
          expect(got.map((record) => (record.ok ? record.value : record))).toStrictEqual(
            records.map((line) => JSON.parse(line)),
          );
          expect(calls).toBe(records.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// What may stand between JSON's quotes unescaped: no quote, backslash or control character.
function rawString(text: string): string {
  return [...text]
    .filter((char) => char !== '"' && char !== "\\" && (char.codePointAt(0) as number) >= 0x20)
    .join("");
}

// encodeURIComponent throws on a lone surrogate (String#isWellFormed is ES2024).
function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

describe("UTF-16 that is not well formed", () => {
  const utf16 = (text: string, order: "le" | "be") => {
    const body = Buffer.from(text, "utf16le");
    return order === "le"
      ? Uint8Array.from([0xff, 0xfe, ...body])
      : Uint8Array.from([0xfe, 0xff, ...body.swap16()]);
  };

  it("a lone surrogate or an odd last byte is an error, never U+FFFD", async () => {
    // Was: the record mapped with "\uFFFD" in place of what the file holds.
    for (const order of ["le", "be"] as const) {
      const lone = await read([utf16('[{"id":"\uD800x"}]', order)]);
      expect(errorMessage(lone.error)).toMatch(
        new RegExp(`not well-formed UTF-16 ${order.toUpperCase()}: .*lone surrogate`),
      );
      const odd = utf16('[{"id":"a"}]', order);
      const cut = await read([Uint8Array.from([...odd, 0x20])]);
      expect(errorMessage(cut.error)).toMatch(/odd byte at the end/);
    }
  });

  it("any UTF-16 text split anywhere: JSON.parse's records when well formed, else an error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({
            // Surrogate halves (lone or paired) often, any other character too.
            unit: fc.oneof(
              fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF", "😀"),
              fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
            ),
            maxLength: 6,
          }),
          { maxLength: 4 },
        ),
        fc.constantFrom("le" as const, "be" as const),
        cuts,
        async (ids, order, at) => {
          // Raw (unescaped) strings: a lone surrogate stays one in the UTF-16 bytes.
          const text = `[${ids.map((id) => `{"id":"${rawString(id)}"}`).join(",")}]`;
          const { records, error } = await read(split(utf16(text, order), at));
          if (isWellFormed(text)) {
            expect(error).toBeUndefined();
            expect(records.map((record) => (record.ok ? record.value : record))).toStrictEqual(
              JSON.parse(text),
            );
          } else {
            expect(errorMessage(error)).toContain("not well-formed UTF-16");
            for (const record of records) expect(JSON.stringify(record)).not.toContain("\uFFFD");
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("encodings that are refused", () => {
  it("name UTF-32 without a mark as UTF-32 (was UTF-16 LE, or 'starts with byte 0x00')", async () => {
    const text = '[{"id":"a"}]';
    const le = Uint8Array.from([...text].flatMap((char) => [char.charCodeAt(0), 0, 0, 0]));
    const be = Uint8Array.from([...text].flatMap((char) => [0, 0, 0, char.charCodeAt(0)]));
    expect(errorMessage((await read([le])).error)).toMatch(
      /^the input is UTF-32 LE without a byte-order mark, not UTF-8/,
    );
    expect(errorMessage((await read([be])).error)).toMatch(
      /^the input is UTF-32 BE without a byte-order mark, not UTF-8/,
    );
  });

  it("any JSON text in UTF-32 or UTF-16 without a mark, split anywhere, is named rightly", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(device, { maxLength: 3 }),
        fc.constantFrom("UTF-32 LE", "UTF-32 BE", "UTF-16 LE", "UTF-16 BE"),
        fc.boolean(),
        cuts,
        async (values, encoding, ndjson, at) => {
          const text = ndjson
            ? values.map((value) => JSON.stringify(value)).join("\n") || "{}"
            : JSON.stringify(values);
          const units = Buffer.from(text, "utf16le");
          let bytes: Uint8Array = units;
          if (encoding === "UTF-16 BE") bytes = Buffer.from(units).swap16();
          if (encoding.startsWith("UTF-32")) {
            // Each UTF-16 unit widened (right for the BMP, enough to be recognised).
            const wide = Buffer.alloc(units.length * 2);
            for (let index = 0; index < units.length; index += 2) {
              wide.writeUInt32LE(units.readUInt16LE(index), index * 2);
            }
            bytes = encoding === "UTF-32 LE" ? wide : wide.swap32();
          }
          expect(errorMessage((await read(split(bytes, at))).error)).toContain(
            `the input is ${encoding} without a byte-order mark`,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("byte offsets in messages", () => {
  it("count a dropped UTF-8 byte-order mark, and name a non-ASCII first byte in hex", async () => {
    const bom = [0xef, 0xbb, 0xbf];
    const array = await read([Uint8Array.from([...bom, ...encoder.encode("[1,]")])]);
    // Was "at byte 4": the file's `]` is its 7th byte.
    expect(errorMessage(array.error)).toMatch(/an element is missing before this `]` at byte 7/);
    const twice = await read([Uint8Array.from([...bom, ...bom, ...encoder.encode("[1]")])]);
    // Was: it starts with "ï" at byte 1.
    expect(errorMessage(twice.error)).toMatch(/it starts with byte 0xEF at byte 4$/);
  });

  it("say when they are of UTF-16 converted to UTF-8", async () => {
    const text = "[1] x";
    const { error } = await read([Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, "utf16le")])]);
    expect(errorMessage(error)).toMatch(
      /more after the array's closing `]` at byte 5 of the input converted from UTF-16 LE to UTF-8/,
    );
  });

  it("name the file's byte of any stray text after an array, mark or not, split anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom(" ", "\n", "\r\n", ""),
        cuts,
        async (values, marked, space, at) => {
          const body = encoder.encode(`${space}${JSON.stringify(values)}${space}x`);
          const bytes = marked ? Uint8Array.from([0xef, 0xbb, 0xbf, ...body]) : body;
          const { error } = await read(split(bytes, at));
          expect(errorMessage(error)).toContain(
            `there is more after the array's closing \`]\` at byte ${bytes.length}`,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("JSON error positions", () => {
  it("count from 1, as line numbers and record numbers do", async () => {
    const { records } = await read([encoder.encode("[1 2]")]);
    // Was "at position 2" (V8's 0-based index of the stray `2`).
    expect(records).toStrictEqual([
      { ok: false, number: 1, line: undefined, reason: "not valid JSON at character 3" },
    ]);
  });

  it("name the character of any stray text after a line's JSON", async () => {
    await fc.assert(
      fc.asyncProperty(device, fc.constantFrom(" ", "  ", "\t"), async (value, space) => {
        const line = `${JSON.stringify(value)}${space}x`;
        const { records } = await read([encoder.encode(`{"id":"first"}\n${line}\n`)]);
        const bad = records[1];
        expect(bad?.ok).toBe(false);
        // Node 20 names the position; later V8 may quote the text instead, then no position.
        const said = (bad as { reason: string }).reason;
        if (said !== "not valid JSON") {
          expect(said).toBe(`not valid JSON at character ${line.length}`);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("a sequence of pretty-printed objects, as jq '.[]' writes", () => {
  it("is read object by object (was: every line a bad record)", async () => {
    const text = '{\n  "id": "a"\n}\n{\n  "id": "b"\n}\n';
    const { records, error } = await read([encoder.encode(text)]);
    expect(error).toBeUndefined();
    expect(records).toStrictEqual([
      { ok: true, number: 1, line: undefined, value: { id: "a" } },
      { ok: true, number: 2, line: undefined, value: { id: "b" } },
    ]);
    const stray = await read([encoder.encode('{\n "id": "a"\n}\n, {"id":"b"}')]);
    expect(errorMessage(stray.error)).toMatch(
      /not a well-formed sequence of JSON values: a `,` between values at byte 16 \(after record 1;/,
    );
  });

  it("any values, pretty or not, any whitespace between, split anywhere: JSON.parse's values", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.dictionary(fc.string({ unit: "binary" }), fc.jsonValue({ maxDepth: 3 })),
            fc.jsonValue({ maxDepth: 3 }),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(fc.constantFrom("\n", " ", "\r\n", "", "\t\n  "), { minLength: 5, maxLength: 5 }),
        cuts,
        async (values, gaps, at) => {
          // The first value an object whose first line is not JSON: pretty-printed, non-empty.
          const all = [{ first: values[0] ?? null }, ...values];
          const texts = all.map((value) => JSON.stringify(value, null, 2));
          // Values that are no object or array need whitespace after them.
          const text = texts
            .map((piece, index) => {
              const gap = gaps[index % gaps.length] as string;
              const scalar = !/^[[{]/.test(piece);
              return `${piece}${scalar && gap === "" ? " " : gap}`;
            })
            .join("");
          const { records, error } = await read(split(encoder.encode(text), at));
          expect(error).toBeUndefined();
          expect(records.map((record) => (record.ok ? record.value : record))).toStrictEqual(
            all.map((value) => JSON.parse(JSON.stringify(value))),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
