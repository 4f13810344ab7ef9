import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/cli/failures.js";
import { utf8Chunks } from "../../src/cli/input-encoding.js";
import { type InputRecord, readRecordBatches } from "../../src/cli/input-records.js";

const encoder = new TextEncoder();

async function* fromChunks(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size)
    chunks.push(bytes.subarray(start, start + size));
  return chunks;
}

async function read(
  bytes: Uint8Array,
  size = 1 << 16,
  maxRecordBytes = 1 << 20,
): Promise<InputRecord[]> {
  const records: InputRecord[] = [];
  for await (const batch of readRecordBatches(utf8Chunks(fromChunks(chunked(bytes, size))), {
    maxRecordBytes,
  })) {
    records.push(...batch);
  }
  return records;
}

const values = (records: InputRecord[]) =>
  records.map((record) => (record.ok ? record.value : record.reason));

describe("map's input records", () => {
  it("gives JSON.parse's elements for any array, and each line for NDJSON, split anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 6 }),
        fc.integer({ min: 1, max: 64 }),
        async (generated, size) => {
          const objects = JSON.parse(JSON.stringify(generated)) as unknown[];
          const array = encoder.encode(JSON.stringify(objects, null, 1));
          expect(values(await read(array, size))).toStrictEqual(objects);
          const ndjson = encoder.encode(
            objects.map((object) => JSON.stringify(object)).join("\r\n"),
          );
          const records = await read(ndjson, size);
          expect(values(records)).toStrictEqual(objects);
          expect(records.map((record) => record.line)).toStrictEqual(
            objects.map((_, index) => index + 1),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it("numbers records from 1 and NDJSON lines as in the file, blank lines skipped", async () => {
    const records = await read(encoder.encode('\n{"id":"a"}\n\n{broken\n{"id":"b"}'));
    expect(records).toStrictEqual([
      { ok: true, number: 1, line: 2, value: { id: "a" } },
      expect.objectContaining({ ok: false, number: 2, line: 4 }),
      { ok: true, number: 3, line: 5, value: { id: "b" } },
    ]);
    expect((records[1] as { reason: string }).reason).toMatch(
      /^not valid JSON( at character \d+)?$/,
    );
  });

  it("reads one pretty-printed object as one record, and an NDJSON file whose first line is bad", async () => {
    const pretty = JSON.stringify({ id: "guo1", profile: { displayName: "a" } }, null, 2);
    for (const size of [1, 5, 1000]) {
      expect(values(await read(encoder.encode(pretty), size))).toStrictEqual([JSON.parse(pretty)]);
      const records = await read(encoder.encode('{bad\n{"id":"x"}\n'), size);
      expect(records.map((record) => [record.ok, record.line])).toStrictEqual([
        [false, 1],
        [true, 2],
      ]);
    }
    // Over the record limit it cannot be one object: NDJSON from the first line on.
    const long = `{bad\n${Array.from({ length: 50 }, (_, index) => JSON.stringify({ id: `d${index}` })).join("\n")}\n`;
    const records = await read(encoder.encode(long), 7, 100);
    expect(records).toHaveLength(51);
    expect(records.filter((record) => record.ok)).toHaveLength(50);
  });

  it("reports a record over the limit (array or line) without reading it, and goes on", async () => {
    const big = { id: "big", pad: "x".repeat(500) };
    const array = encoder.encode(JSON.stringify([{ id: "a" }, big, { id: "b" }]));
    const fromArray = await read(array, 16, 200);
    expect(values(fromArray)).toStrictEqual([
      { id: "a" },
      expect.stringMatching(
        /^larger than the 200 bytes a record may have \(5\d\d bytes\): not read$/,
      ),
      { id: "b" },
    ]);
    const first = encoder.encode(
      [big, { id: "b" }].map((value) => JSON.stringify(value)).join("\n"),
    );
    expect((await read(first, 7, 200)).map((record) => [record.ok, record.line])).toStrictEqual([
      [false, 1],
      [true, 2],
    ]);
    const lines = encoder.encode(
      [{ id: "a" }, big, { id: "b" }].map((value) => JSON.stringify(value)).join("\n"),
    );
    expect(
      (await read(lines, 16, 200)).map((record) => [record.ok, record.number, record.line]),
    ).toStrictEqual([
      [true, 1, 1],
      [false, 2, 2],
      [true, 3, 3],
    ]);
  });

  it("decodes UTF-16 LE and BE with a byte-order mark, split anywhere", async () => {
    const text = JSON.stringify([{ id: "guo1", profile: { displayName: "Zoë's 🙂 laptop" } }]);
    const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    const be = Uint8Array.from([0xfe, 0xff, ...Buffer.from(text, "utf16le").swap16()]);
    for (const size of [1, 3, 4096]) {
      expect(values(await read(le, size))).toStrictEqual(JSON.parse(text));
      expect(values(await read(be, size))).toStrictEqual(JSON.parse(text));
    }
  });

  it("refuses other encodings once, naming them and how to re-save", async () => {
    const cases: [Uint8Array, RegExp][] = [
      [
        Uint8Array.from([0xff, 0xfe, 0, 0, 0x5b, 0, 0, 0]),
        /the input is UTF-32 LE.*re-save it as UTF-8/,
      ],
      [Uint8Array.from(Buffer.from("[1]", "utf16le")), /UTF-16 LE without a byte-order mark/],
      [
        Uint8Array.from(Buffer.from("[1]", "utf16le").swap16()),
        /UTF-16 BE without a byte-order mark/,
      ],
      [
        Uint8Array.from([
          ...encoder.encode('[{"id":"a"},{"id":"caf'),
          0xe9,
          ...encoder.encode('"}]'),
        ]),
        /not UTF-8: record 2 has bytes that are not \(the file may be Windows-1252 or Latin-1\): re-save it as UTF-8/,
      ],
      [
        encoder.encode("id,name\n1,a\n"),
        /neither a JSON array, a JSON object, nor NDJSON: it starts with "i" at byte 1/,
      ],
    ];
    for (const [bytes, message] of cases) {
      await expect(read(bytes)).rejects.toThrow(message);
      await expect(read(bytes)).rejects.toBeInstanceOf(InputError);
    }
  });

  it("says where an array breaks, after the records before it", async () => {
    const batches: InputRecord[] = [];
    const bytes = encoder.encode('  \n [{"id":"a"},{"id":"b"}} ');
    await expect(
      (async () => {
        for await (const batch of readRecordBatches(utf8Chunks(fromChunks([bytes])), {
          maxRecordBytes: 100,
        }))
          batches.push(...batch);
      })(),
    ).rejects.toThrow(
      /not a well-formed JSON array: a `}` closes nothing at byte 27 \(after record 1;/,
    );
    expect(values(batches)).toStrictEqual([{ id: "a" }]);
    expect(await read(encoder.encode(" \n "))).toStrictEqual([]);
  });
});
