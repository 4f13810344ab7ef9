// `unmapped`'s nested values are written as JSON: the rows, the buffer's growth (which decides
// where files are cut) and the errors are exactly what writing JSON.stringify's text as the
// value gives, for any value (fast-check), the row's bound included. A guard for any faster
// way of writing them (one that wrote JSON straight into the row buffer was tried: branch
// json-bytes, not merged).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lakeSchema } from "../../src/lake/encode-request.js";
import { PartitionBuffer } from "../../src/lake/partition-buffer.js";
import { describe as describeValue, ShredError } from "../../src/lake/shred.js";
import { inventoryEvents, type Json } from "./inventory-events.js";

const schema = lakeSchema(5001, "1.3.0");
const [base] = inventoryEvents(1, { seed: 3 });
const withUnmapped = (value: unknown): Json => ({
  ...(base as Json),
  unmapped: { first: "text", nested: value, last: { n: 1 } },
});
const buffer = (maxRowBytes?: number) =>
  new PartitionBuffer(schema, 5001, "s", "20251001", 0, maxRowBytes);

function outcome(append: () => void): { field: string; reason: string } | undefined {
  try {
    append();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ShredError);
    const { field, reason } = error as ShredError;
    return { field, reason };
  }
}

// Appends an event per value, and to a reference buffer the same events with the value
// replaced by JSON.stringify's text (written as it is: a string): the same rows, bytes,
// capacity and rejections; where JSON.stringify throws or gives undefined, shred.ts's error
// naming the field and saying which.
const throwing = () => {
  throw new Error("cannot be encoded");
};

function expectAsStringified(values: readonly unknown[], maxRowBytes?: number): void {
  const rows = buffer(maxRowBytes);
  const reference = buffer(maxRowBytes);
  for (const value of values) {
    // A string, null or undefined is written as it is, not as JSON.
    let text: unknown = value;
    let threw = false;
    if (typeof value !== "string" && value !== null && value !== undefined) {
      try {
        text = JSON.stringify(value);
      } catch {
        threw = true;
      }
    }
    const got = outcome(() => rows.append(withUnmapped(value)));
    if (threw || (text === undefined && value !== undefined)) {
      const why = threw ? " that JSON.stringify cannot encode" : ", which JSON cannot hold";
      expect(got).toStrictEqual({
        field: "unmapped.nested",
        reason: `is ${describeValue(value)}${why}`,
      });
      // The reference rejects a row at the same point, with a value JSON.stringify fails on
      // before anything of it is written (a throwing toJSON, a symbol): the buffer is then
      // discarded from the same state.
      const poison = threw ? { toJSON: throwing } : Symbol("undefined in JSON");
      expect(outcome(() => reference.append(withUnmapped(poison)))).toBeDefined();
    } else {
      expect(got).toStrictEqual(outcome(() => reference.append(withUnmapped(text))));
    }
    expect(rows.rows).toBe(reference.rows);
    expect(rows.bytes).toBe(reference.bytes);
  }
  // Buffer#equals, not toStrictEqual: a deep compare of megabytes takes seconds.
  const written = Buffer.from(rows.snapshot().bytes);
  const expected = Buffer.from(reference.snapshot().bytes);
  expect(written.length).toBe(expected.length);
  expect(written.equals(expected)).toBe(true);
}

const everyEscape = Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(i)).join("");
const strings = [
  everyEscape,
  "\ud800",
  "a\udfffb",
  "\udc00\ud800",
  "😀\ud83d",
  "é\u2028\u2029\u007f\u0080\uffff",
  "x".repeat(300),
  `${"y".repeat(300)}"`,
  "é".repeat(70_000),
];

describe("unmapped's nested values in rows", () => {
  it("rows, capacity and errors are JSON.stringify's text's for any value (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.anything({
            stringUnit: "binary",
            withBigInt: true,
            withBoxedValues: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withNullPrototype: true,
            withObjectString: true,
            withSparseArray: true,
            withTypedArray: true,
            withUnicodeString: true,
          }),
          { maxLength: 12 },
        ),
        (values) => expectAsStringified(values),
      ),
      { numRuns: 300 },
    );
  });

  it("and near the row's bound: rejected as the text would be, never cut short (fast-check)", () => {
    const empty = buffer();
    empty.append(withUnmapped(null));
    const emptyRow = empty.snapshot().bytes.byteLength;
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ stringUnit: "binary" }), { minLength: 1, maxLength: 8 }),
        fc.nat({ max: 400 }),
        (values, room) => expectAsStringified(values, emptyRow + room),
      ),
      { numRuns: 300 },
    );
  });

  it("a nested value that makes the row too large is rejected naming it; the buffer is as it was", () => {
    const rows = buffer(64 * 1024);
    rows.append(withUnmapped({ small: true }));
    const before = Buffer.from(rows.snapshot().bytes);
    const error = outcome(() => rows.append(withUnmapped({ big: "x".repeat(70_000) })));
    expect(error).toStrictEqual({
      field: "unmapped.nested",
      reason: `makes the event's row larger than the ${64 * 1024} bytes a row may take`,
    });
    expect(rows.rows).toBe(1);
    expect(Buffer.from(rows.snapshot().bytes)).toStrictEqual(before);
  });

  it("objects with toJSON, toJSON on the prototypes, and BigInt's toJSON, as JSON.stringify", () => {
    const values = [
      { toJSON: () => ({ replaced: true }) },
      { d: new Date(Date.UTC(2025, 0, 1)) },
      {
        toJSON() {
          throw new Error("no");
        },
      },
      { toJSON: () => undefined },
      { n: 10n },
      [1, [2]],
      { a: { b: 1 } },
    ];
    expectAsStringified(values);
    const prototypes = [Object.prototype, Array.prototype, BigInt.prototype] as unknown as Json[];
    for (const prototype of prototypes) {
      prototype.toJSON = () => "patched";
      try {
        expectAsStringified(values);
      } finally {
        delete prototype.toJSON;
      }
    }
  });

  it("an enumerable key on Object.prototype is not an own key: left out as JSON.stringify does", () => {
    (Object.prototype as Json).inherited = 1;
    try {
      expectAsStringified([{ a: 1 }, [{ b: { c: 2 } }]]);
    } finally {
      delete (Object.prototype as Json).inherited;
    }
  });

  it("a getter that deletes a later key shadowing Object.prototype's, as JSON.stringify", () => {
    // An own "__proto__" (as JSON.parse makes); deleted, Object.prototype's accessor answers.
    const own = "__proto__";
    const tricky = () => {
      const value: Json = {
        get a() {
          delete value[own];
          return 1;
        },
      };
      Object.defineProperty(value, own, { value: 2, enumerable: true, configurable: true });
      return value;
    };
    // A fresh object each: its first read changes it.
    const rows = buffer();
    const reference = buffer();
    rows.append(withUnmapped(tricky()));
    reference.append(withUnmapped(JSON.stringify(tricky())));
    expect(Buffer.from(rows.snapshot().bytes)).toStrictEqual(
      Buffer.from(reference.snapshot().bytes),
    );
    expect(JSON.stringify(tricky())).toBe('{"a":1,"__proto__":{}}');
  });

  it("strings with every escape and lone surrogates, deep nesting and cycles, as JSON.stringify", () => {
    const cycle: Json = { a: [] };
    (cycle.a as unknown[]).push(cycle);
    let deep: unknown = "end";
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    const proxy = new Proxy({ a: [1] }, {});
    const boxedAsPlain = Object.setPrototypeOf(new String("ab"), Object.prototype);
    expectAsStringified([...strings.map((text) => ({ text })), cycle, deep, proxy, boxedAsPlain]);
  });

  it("numbers, holes and what JSON leaves out, as JSON.stringify: -0 is 0, NaN and ±Infinity null", () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    const numbers = [-0, NaN, Infinity, -Infinity, 1e21, 5e-324, 2 ** 53 + 2];
    const left = { u: undefined, f: () => 1, s: Symbol("s"), [Symbol("k")]: 1, 2: "b", 1: "a" };
    const values = [numbers, { n: -0, m: NaN }, sparse, [undefined, () => 1, Symbol("s")], left];
    expectAsStringified(values);
    const rows = buffer();
    rows.append(withUnmapped({ n: -0, m: NaN, i: -Infinity }));
    const row = Buffer.from(rows.snapshot().bytes);
    expect(row.includes('{"n":0,"m":null,"i":null}')).toBe(true);
  });

  it("texts longer than 64 Ki units grow the buffer as their string did", () => {
    // Past 64 Ki units a text is measured, not given room for 3 bytes a unit: a way of writing
    // JSON that asked for other room would grow the buffer otherwise, and cut files elsewhere.
    const long = (unit: string) => Array.from({ length: 4 }, () => ({ text: unit.repeat(70_000) }));
    expectAsStringified([...long("é"), ...long("x"), ...long("\ud800")]);
  });
});
