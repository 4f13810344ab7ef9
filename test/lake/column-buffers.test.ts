// Column buffers: values read back exactly whatever the pattern of nulls, through every
// growth of the buffers, and what they hold is counted.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Allocation,
  NumberBuffer,
  RangeBuffer,
  Utf8Buffer,
} from "../../src/lake/column-buffers.js";

const decoder = new TextDecoder();

describe("column buffers", () => {
  it("read back every string and null, leading nulls included, across growths (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ unit: "binary" }), { freq: 2 }), { maxLength: 200 }),
        (values) => {
          const memory: Allocation = { bytes: 0 };
          const buffer = new Utf8Buffer(memory);
          for (const value of values) buffer.push(value);
          const raw = buffer.raw();
          expect(raw.length).toBe(values.length);
          const back = values.map((_, i) =>
            raw.valid[i] === 1
              ? decoder.decode(raw.bytes.subarray(raw.offsets[i], raw.offsets[i + 1]))
              : null,
          );
          // Lone surrogates become U+FFFD in UTF-8, as Buffer#write writes them.
          expect(back).toStrictEqual(
            values.map((v) => (v === null ? null : decoder.decode(new TextEncoder().encode(v)))),
          );
          expect(memory.bytes).toBeGreaterThanOrEqual(
            raw.bytes.byteLength + raw.offsets.byteLength,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("read back every number and null (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer(), { freq: 2 }), { maxLength: 200 }), (values) => {
        const memory: Allocation = { bytes: 0 };
        const buffer = new NumberBuffer(memory);
        for (const value of values) buffer.push(value);
        const raw = buffer.raw();
        expect(raw.length).toBe(values.length);
        expect(values.map((_, i) => (raw.valid[i] === 1 ? raw.values[i] : null))).toStrictEqual(
          values,
        );
        expect(memory.bytes).toBeGreaterThanOrEqual(raw.values.byteLength + raw.valid.byteLength);
      }),
      { numRuns: 300 },
    );
  });

  it("read back every range and null (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(5), { freq: 2 }), { maxLength: 200 }), (counts) => {
        const memory: Allocation = { bytes: 0 };
        const buffer = new RangeBuffer(memory);
        for (const count of counts) buffer.push(count);
        const raw = buffer.raw();
        expect(raw.length).toBe(counts.length);
        const back = counts.map((_, i) =>
          raw.valid[i] === 1 ? (raw.offsets[i + 1] as number) - (raw.offsets[i] as number) : null,
        );
        expect(back).toStrictEqual(counts);
        // A null row owns no child items.
        counts.forEach((count, i) => {
          if (count === null) expect(raw.offsets[i + 1]).toBe(raw.offsets[i]);
        });
        expect(memory.bytes).toBeGreaterThanOrEqual(raw.offsets.byteLength + raw.valid.byteLength);
      }),
      { numRuns: 300 },
    );
  });
});
