// Column buffers: values read back exactly whatever the pattern of values, nulls and padded
// runs of nulls (before the first value too, where nothing is allocated), through every
// growth of the buffers, and after a reset (the next file's values in the last file's
// memory: nothing of the last file's shows through).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NumberBuffer, RangeBuffer, Utf8Buffer } from "../../src/lake/column-buffers.js";

const decoder = new TextDecoder();
const encoder = new TextEncoder();
// Lone surrogates become U+FFFD in UTF-8, as Buffer#write writes them.
const utf8 = (value: string) => decoder.decode(encoder.encode(value));

// A step: a value (or null) pushed, or a run of `pad` nulls padded in.
const step = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ value: fc.option(value, { freq: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ pad: fc.nat(40) }) },
  );

type Step<T> = { value: T | null } | { pad: number };

function play<T>(steps: Step<T>[], push: (value: T | null) => void, pad: (to: number) => void) {
  const expected: (T | null)[] = [];
  for (const s of steps) {
    if ("pad" in s) {
      for (let i = 0; i < s.pad; i++) expected.push(null);
      pad(expected.length);
    } else {
      push(s.value);
      expected.push(s.value);
    }
  }
  return expected;
}

const numberSteps = fc.array(step(fc.integer()), { maxLength: 120 });
const rangeSteps = fc.array(step(fc.nat(5)), { maxLength: 120 });

describe("column buffers", () => {
  it("read back every string, null and padded null, across growths (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(step(fc.string({ unit: "binary" })), { maxLength: 120 }),
        fc.boolean(),
        fc.array(step(fc.string({ unit: "binary" })), { maxLength: 120 }),
        (steps, asBytes, earlier) => {
          const buffer = new Utf8Buffer();
          play(
            earlier,
            (value) => buffer.push(value),
            (to) => buffer.pad(to),
          );
          buffer.reset();
          const expected = play(
            steps,
            (value) => {
              if (value === null || !asBytes) buffer.push(value);
              else {
                // pushBytes copies from anywhere in a larger array.
                const bytes = encoder.encode(`..${value}`);
                buffer.pushBytes(bytes, 2, bytes.length);
              }
            },
            (to) => buffer.pad(to),
          );
          const raw = buffer.raw();
          expect(raw.length).toBe(expected.length);
          expect(raw.offsets.length).toBe(expected.length + 1);
          expect(raw.offsets[expected.length]).toBe(raw.bytes.length);
          const back = expected.map((_, i) =>
            raw.valid[i] === 1
              ? decoder.decode(raw.bytes.subarray(raw.offsets[i], raw.offsets[i + 1]))
              : null,
          );
          expect(back).toStrictEqual(expected.map((v) => (v === null ? null : utf8(v))));
          // A null owns no bytes.
          expected.forEach((value, i) => {
            if (value === null) expect(raw.offsets[i + 1]).toBe(raw.offsets[i]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("read back every number, null and padded null (fast-check)", () => {
    fc.assert(
      fc.property(numberSteps, numberSteps, (steps, earlier) => {
        const buffer = new NumberBuffer();
        play(
          earlier,
          (value) => buffer.push(value),
          (to) => buffer.pad(to),
        );
        buffer.reset();
        const expected = play(
          steps,
          (value) => buffer.push(value),
          (to) => buffer.pad(to),
        );
        const raw = buffer.raw();
        expect(raw.length).toBe(expected.length);
        expect(raw.values.length).toBe(expected.length);
        expect(expected.map((_, i) => (raw.valid[i] === 1 ? raw.values[i] : null))).toStrictEqual(
          expected,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("read back every range, null and padded null (fast-check)", () => {
    fc.assert(
      fc.property(rangeSteps, rangeSteps, (steps, earlier) => {
        const buffer = new RangeBuffer();
        play(
          earlier,
          (count) => buffer.push(count),
          (to) => buffer.pad(to),
        );
        buffer.reset();
        const expected = play(
          steps,
          (count) => buffer.push(count),
          (to) => buffer.pad(to),
        );
        const raw = buffer.raw();
        expect(raw.length).toBe(expected.length);
        expect(raw.offsets.length).toBe(expected.length + 1);
        const back = expected.map((_, i) =>
          raw.valid[i] === 1 ? (raw.offsets[i + 1] as number) - (raw.offsets[i] as number) : null,
        );
        expect(back).toStrictEqual(expected);
        // A null row owns no child items.
        expected.forEach((count, i) => {
          if (count === null) expect(raw.offsets[i + 1]).toBe(raw.offsets[i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("a column that never got a value reads back as nulls of the padded length", () => {
    for (const buffer of [new Utf8Buffer(), new NumberBuffer(), new RangeBuffer()]) {
      buffer.pad(1000);
      const raw = buffer.raw();
      expect(raw.length).toBe(1000);
      expect(raw.valid.length).toBe(1000);
      expect(raw.valid.every((flag) => flag === 0)).toBe(true);
    }
  });

  it("after a reset, a column padded to its last length holds nulls only, in the memory it kept", () => {
    const strings = new Utf8Buffer();
    const numbers = new NumberBuffer();
    const ranges = new RangeBuffer();
    for (let i = 0; i < 1000; i++) {
      strings.push("value");
      numbers.push(i + 1);
      ranges.push(2);
    }
    const capacities = [strings.capacity, numbers.capacity, ranges.capacity];
    for (const buffer of [strings, numbers, ranges]) {
      buffer.reset();
      buffer.pad(1000);
    }
    expect([strings.capacity, numbers.capacity, ranges.capacity]).toStrictEqual(capacities);
    for (const raw of [strings.raw(), numbers.raw(), ranges.raw()]) {
      expect(raw.length).toBe(1000);
      expect(raw.valid.every((flag) => flag === 0)).toBe(true);
    }
    expect(strings.raw().offsets.every((offset) => offset === 0)).toBe(true);
    expect(strings.raw().bytes.length).toBe(0);
    expect(numbers.raw().values.every((value) => value === 0)).toBe(true);
    expect(ranges.raw().offsets.every((offset) => offset === 0)).toBe(true);
  });
});
