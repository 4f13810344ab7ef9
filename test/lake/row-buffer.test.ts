// A row has a bound in bytes (MAX_ROW_BYTES): a larger event is rejected, naming the field
// that crossed it, and leaves the buffer as it was. A file's strings then stay within the
// 2 GiB Arrow's 32-bit offsets can address. Rows at the bound are kept whole (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lakeSchema } from "../../src/lake/encode-request.js";
import { resolveLakeOptions } from "../../src/lake/options.js";
import { PartitionBuffer } from "../../src/lake/partition-buffer.js";
import { MAX_ROW_BYTES } from "../../src/lake/row-buffer.js";
import { rowsToColumns } from "../../src/lake/rows-to-columns.js";
import { ShredError } from "../../src/lake/shred.js";
import type { RawColumn } from "../../src/lake/slot-columns.js";
import { inventoryEvents, type Json } from "./inventory-events.js";

const decoder = new TextDecoder();
const schema = lakeSchema(5001, "1.3.0");
const [base] = inventoryEvents(1, { seed: 9 });
const nameSlot = schema.nodes.find((node) => node.path === "device.name")?.slot as number;

const named = (name: string): Json => ({
  ...(base as Json),
  device: { ...((base as Json).device as Json), name },
});
const buffer = (maxRowBytes?: number) =>
  new PartitionBuffer(schema, 5001, "s", "20251001", 0, maxRowBytes);

function rowBytes(event: Json): number {
  const one = buffer();
  one.append(event);
  return one.snapshot().bytes.byteLength;
}

function names(rows: PartitionBuffer): (string | null)[] {
  const { columns, rows: count } = rowsToColumns(schema, rows.snapshot());
  const { data } = columns[nameSlot] as Extract<RawColumn, { kind: "utf8" }>;
  return Array.from({ length: count }, (_, i) =>
    data.valid[i] === 1
      ? decoder.decode(data.bytes.subarray(data.offsets[i], data.offsets[i + 1]))
      : null,
  );
}

describe("the row bound", () => {
  it("keeps a file's strings addressable by Arrow's 32-bit offsets", () => {
    // A file is closed once its rows reach maxFileBytes (at most 256 MiB); its last row can
    // add up to MAX_ROW_BYTES.
    expect(() =>
      resolveLakeOptions({
        outDir: "x",
        region: "us-east-1",
        rotation: { maxFileBytes: 256 * 2 ** 20 + 1 },
      }),
    ).toThrow(/maxFileBytes/);
    expect(256 * 2 ** 20 + MAX_ROW_BYTES).toBeLessThan(2 ** 31);
  });

  it("takes a row of exactly the bound and rejects one byte more; the next row is whole", () => {
    const event = named("é".repeat(2000));
    const size = rowBytes(event);
    const atBound = buffer(size);
    atBound.append(event);
    expect(names(atBound)).toStrictEqual(["é".repeat(2000)]);

    const over = buffer(size - 1);
    expect(() => over.append(event)).toThrow(
      expect.objectContaining({
        name: "ShredError",
        reason: `makes the event's row larger than the ${size - 1} bytes a row may take`,
      }),
    );
    expect(over.rows).toBe(0);
    over.append(named("ok"));
    expect(names(over)).toStrictEqual(["ok"]);
  });

  it("names the field that crosses the bound", () => {
    // The name's 4,000 bytes cross it; what follows the name in the row is far less.
    const event = named("é".repeat(2000));
    const rows = buffer(rowBytes(event) - 3000);
    expect(() => rows.append(event)).toThrow(expect.objectContaining({ field: "device.name" }));
  });

  it("a row near the bound is kept whole or rejected, never cut short (fast-check)", () => {
    const empty = rowBytes(named(""));
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", minLength: 1, maxLength: 120 }),
        fc.nat({ max: 400 }),
        (name, room) => {
          const size = empty + Buffer.byteLength(name, "utf8");
          const rows = buffer(empty + room);
          rows.append(named(""));
          if (size <= empty + room) {
            rows.append(named(name));
            expect(names(rows)).toStrictEqual(["", decoder.decode(Buffer.from(name, "utf8"))]);
          } else {
            expect(() => rows.append(named(name))).toThrow(ShredError);
            rows.append(named(""));
            expect(names(rows)).toStrictEqual(["", ""]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("a rejected row", () => {
  // Regression: the room a rejected event's row grew stayed, uncounted by any bound check
  // (the writer checks after accepted events): 20 event days each holding one row and one
  // rejected 3 MiB name held 126 MiB with maxBufferedBytes at 4 MiB.
  it("gives back the room it grew", () => {
    const rows = buffer();
    rows.append(named("kept"));
    const before = rows.bytes;
    const huge = { ...named("x".repeat(3 * 2 ** 20)), no_such_attribute: 1 };
    expect(() => rows.append(huge)).toThrow(ShredError);
    expect(rows.bytes).toBeLessThanOrEqual(2 * before);
    rows.append(named("next"));
    expect(names(rows)).toStrictEqual(["kept", "next"]);
  });

  it("never leaves the buffer more than twice what it held before, and the rows kept whole (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ length: fc.nat({ max: 20_000 }), rejected: fc.boolean(), odd: fc.boolean() }),
          { minLength: 1, maxLength: 30 },
        ),
        (plan) => {
          const rows = buffer();
          const kept: string[] = [];
          for (const step of plan) {
            const name = (step.odd ? "é" : "x").repeat(step.length);
            if (step.rejected) {
              const before = rows.bytes;
              expect(() => rows.append({ ...named(name), no_such_attribute: 1 })).toThrow(
                ShredError,
              );
              expect(rows.bytes).toBeLessThanOrEqual(2 * before);
            } else {
              rows.append(named(name));
              kept.push(name);
            }
          }
          expect(names(rows)).toStrictEqual(kept);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("lengths and counts of every size", () => {
  it("a string of more than 2^24 bytes and a map of more than 2^8 entries read back whole", () => {
    // Their lengths and counts are 4-byte fields: every byte of them must be written.
    const long = `${"x".repeat(2 ** 24 + 3)}é`;
    const unmapped = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, `v${i}`]));
    const rows = buffer();
    rows.append({ ...named(long), unmapped });
    rows.append(named("short"));
    expect(names(rows)).toStrictEqual([long, "short"]);
    const unmappedSlot = schema.nodes.find((node) => node.path === "unmapped")?.slot as number;
    const { columns } = rowsToColumns(schema, rows.snapshot());
    const map = columns[unmappedSlot] as Extract<RawColumn, { kind: "map" }>;
    expect(map.ranges.offsets[1]).toBe(300);
    const text = (column: typeof map.keys, i: number) =>
      decoder.decode(column.bytes.subarray(column.offsets[i], column.offsets[i + 1]));
    expect(text(map.keys, 299)).toBe("k299");
    expect(text(map.values, 299)).toBe("v299");
  });
});

describe("the memory a buffer reports", () => {
  // What the writer's bounds count: the row bytes' buffer and the rows' starts and times,
  // whatever grew or shrank (kept as a number, not measured on each read). Read through
  // snapshot(), whose views are of those arrays (nothing is appended to a snapshot's rows).
  const held = (rows: PartitionBuffer): number => {
    const { bytes, starts, times } = rows.snapshot();
    return bytes.buffer.byteLength + starts.buffer.byteLength + times.buffer.byteLength;
  };

  it("is what its arrays hold after any appends and rejections (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 3_000 }).map((name) => ({ name })),
            fc.integer({ min: 1, max: 40_000 }).map((length) => ({ name: "x".repeat(length) })),
          ),
          { maxLength: 300 },
        ),
        (steps) => {
          const rows = buffer(20_000);
          for (const { name } of steps) {
            try {
              rows.append(named(name));
            } catch (error) {
              expect(error).toBeInstanceOf(ShredError);
            }
            expect(rows.bytes).toBe(held(rows));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
