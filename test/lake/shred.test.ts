// Shredding reads each value of an event once: a list whose iterator, index getters or Proxy
// disagree with its length, or an event whose reads throw, never writes a row that garbles
// the rows after it (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type OktaDevice, toOcsfDeviceInventory } from "../../src/index.js";
import { lakeSchema } from "../../src/lake/encode-request.js";
import { PartitionBuffer } from "../../src/lake/partition-buffer.js";
import { rowsToColumns } from "../../src/lake/rows-to-columns.js";
import { fieldOf } from "../../src/lake/shred.js";
import type { RawColumn } from "../../src/lake/slot-columns.js";
import { generateOktaDevices } from "../../src/testing/index.js";

type Json = Record<string, unknown>;
const decoder = new TextDecoder();
const utf8 = (text: string) => decoder.decode(new TextEncoder().encode(text));
const schema = lakeSchema(5001, "1.4.0");
const events = generateOktaDevices(4, { seed: 5 }).map(
  (device) =>
    toOcsfDeviceInventory(device as OktaDevice, {
      profile: "ocsf",
      ocsfVersion: "1.4.0",
    }) as unknown as Json,
);
const uidOf = (i: number) => ((events[i % events.length] as Json).device as Json).uid;
const slotOf = (path: string) => schema.nodes.find((node) => node.path === path)?.slot as number;

// Each row's `device.imei_list` and `device.uid` as written.
function readBack(buffer: PartitionBuffer): { imei: unknown; uid: unknown }[] {
  const { rows, columns } = rowsToColumns(schema, buffer.snapshot());
  const list = columns[slotOf("device.imei_list")] as Extract<RawColumn, { kind: "list" }>;
  const uid = columns[slotOf("device.uid")] as Extract<RawColumn, { kind: "utf8" }>;
  const text = (raw: { bytes: Uint8Array; offsets: Int32Array }, i: number) =>
    decoder.decode(raw.bytes.subarray(raw.offsets[i], raw.offsets[i + 1]));
  const out = [];
  for (let row = 0; row < rows; row++) {
    let imei: string[] | null = null;
    if (list.ranges.valid[row] === 1 && "bytes" in list.items) {
      imei = [];
      for (
        let i = list.ranges.offsets[row] as number;
        i < (list.ranges.offsets[row + 1] as number);
        i++
      )
        imei.push(text(list.items, i));
    }
    out.push({ imei, uid: uid.data.valid[row] === 1 ? text(uid.data, row) : null });
  }
  return out;
}

function withList(index: number, list: unknown): Json {
  const event = structuredClone(events[index % events.length] as Json);
  event.device = { ...(event.device as Json), imei_list: list };
  // One time: the rows read back in arrival order.
  event.time = Date.UTC(2025, 9, 1);
  return event;
}

describe("lists are read once, by index", () => {
  it("a list whose iterator yields fewer items than its length (regression: the file failed with RowFormatError)", () => {
    const list = ["a", "b"];
    Object.defineProperty(list, Symbol.iterator, {
      value: function* () {
        yield "a";
      },
    });
    const buffer = new PartitionBuffer(schema, 5001, "s", "20251001", 0);
    buffer.append(withList(0, list));
    buffer.append(withList(1, ["c"]));
    expect(readBack(buffer)).toStrictEqual([
      { imei: ["a", "b"], uid: uidOf(0) },
      { imei: ["c"], uid: uidOf(1) },
    ]);
  });

  it("whatever a list's iterator, Proxy or index getters do, each row holds the items read by index once (fast-check)", () => {
    const strings = fc.array(fc.string({ unit: "binary", maxLength: 60 }), { maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            items: strings,
            iterated: strings,
            how: fc.constantFrom("iterator", "proxy", "getters"),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (plan) => {
          const buffer = new PartitionBuffer(schema, 5001, "s", "20251001", 0);
          const wanted: { imei: unknown; uid: unknown }[] = [];
          plan.forEach((step, i) => {
            let list: unknown[] = [...step.items];
            if (step.how === "iterator") {
              Object.defineProperty(list, Symbol.iterator, {
                value: () => step.iterated[Symbol.iterator](),
              });
            } else if (step.how === "proxy") {
              // Iteration (Symbol.iterator) sees other items than reads by index.
              list = new Proxy(list, {
                get: (target, key, receiver) =>
                  key === Symbol.iterator
                    ? () => step.iterated[Symbol.iterator]()
                    : Reflect.get(target, key, receiver),
              });
            } else {
              // Each index answers its item the first time, a number after: read twice, a
              // string list would get a number it never checked.
              for (let k = 0; k < list.length; k++) {
                let reads = 0;
                const item = step.items[k];
                Object.defineProperty(list, k, { get: () => (reads++ === 0 ? item : 42) });
              }
            }
            buffer.append(withList(i, list));
            wanted.push({
              imei: step.items.map(utf8),
              uid: uidOf(i),
            });
          });
          expect(readBack(buffer)).toStrictEqual(wanted);
        },
      ),
      { numRuns: 100 },
    );
  });
});

// Every leaf path of an event (strings, numbers, booleans, lists), as keys.
function leaves(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) leaves(item, [...path, key], out);
  } else out.push(path);
  return out;
}

describe("each value is read once", () => {
  it("an event whose getters answer otherwise on a second read writes the row its first reads give (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: events.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<unknown>(12345, "other", null, undefined, ["x"], Date.UTC(2030, 0, 1)),
        (index, picks, later) => {
          const plain = withList(index, ["1", "22"]);
          const flaky = structuredClone(plain);
          const paths = leaves(flaky);
          for (const pick of [0, ...picks]) {
            // Pick 0 is always `time` (first in the list only if present): always flaky.
            const path = pick === 0 ? ["time"] : (paths[pick % paths.length] as string[]);
            const parent = path.slice(0, -1).reduce((value, key) => value[key] as Json, flaky);
            const key = path.at(-1) as string;
            const first = parent[key];
            let reads = 0;
            Object.defineProperty(parent, key, {
              enumerable: true,
              configurable: true,
              get: () => (reads++ === 0 ? first : later),
            });
          }
          const want = new PartitionBuffer(schema, 5001, "s", "20251001", 0);
          want.append(plain);
          const got = new PartitionBuffer(schema, 5001, "s", "20251001", 0);
          got.append(flaky);
          const [a, b] = [want.snapshot(), got.snapshot()];
          expect(Array.from(b.times)).toStrictEqual(Array.from(a.times));
          expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("fieldOf", () => {
  it("reads every path right past the bound of its cache of split paths (fast-check)", () => {
    // More distinct paths than the cache keeps (64): each still reads its own value.
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 5 }), {
          minLength: 65,
          maxLength: 120,
          selector: (keys) => keys.join("."),
        }),
        (paths) => {
          for (const keys of paths) {
            const event: Record<string, unknown> = {};
            let at = event;
            for (const key of keys.slice(0, -1)) {
              const inner: Record<string, unknown> = {};
              at[key] = inner;
              at = inner;
            }
            at[keys.at(-1) as string] = keys.join(".");
            expect(fieldOf(event, keys.join("."))).toBe(keys.join("."));
            expect(fieldOf(event, `${keys.join(".")}.x`)).toBeUndefined();
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
