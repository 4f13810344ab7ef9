// A file's rows, written one event at a time (rejected events among them) and split into
// columns in `time` order, hold exactly what a plain reference reading of the accepted events
// gives, column by column (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RawNumbers, RawRanges, RawUtf8 } from "../../src/lake/column-buffers.js";
import type { CompiledSchema, LakeNode } from "../../src/lake/compiled-schema.js";
import { lakeSchema } from "../../src/lake/encode-request.js";
import { PartitionBuffer } from "../../src/lake/partition-buffer.js";
import { rowsToColumns } from "../../src/lake/rows-to-columns.js";
import type { RawColumn } from "../../src/lake/slot-columns.js";
import { inventoryEvents, type Json } from "./inventory-events.js";

const decoder = new TextDecoder();
// What a string reads back as: lone surrogates become U+FFFD in UTF-8.
const utf8 = (text: string) => decoder.decode(new TextEncoder().encode(text));

function at(event: Json, path: string): unknown {
  let value: unknown = event;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Json)[key];
  }
  return value;
}

// The reference: each node's value in one event, read by its path.
function expected(node: LakeNode, event: Json): unknown {
  const value = node.path === "" ? event : at(event, node.path);
  if (value === undefined || value === null) return null;
  switch (node.kind) {
    case "group":
      return 1;
    case "scalar":
      return typeof value === "string"
        ? utf8(value)
        : value === true
          ? 1
          : value === false
            ? 0
            : value;
    case "list":
      return (value as unknown[]).map((item) => (typeof item === "string" ? utf8(item) : item));
    default:
      return Object.entries(value as Json)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [
          utf8(key),
          item === null ? null : utf8(typeof item === "string" ? item : JSON.stringify(item)),
        ]);
  }
}

const text = (raw: RawUtf8, i: number) =>
  raw.valid[i] === 1
    ? decoder.decode(raw.bytes.subarray(raw.offsets[i], raw.offsets[i + 1]))
    : null;
const number = (raw: RawNumbers, i: number) => (raw.valid[i] === 1 ? raw.values[i] : null);
const range = (ranges: RawRanges, i: number) =>
  ranges.valid[i] === 1 ? [ranges.offsets[i] as number, ranges.offsets[i + 1] as number] : null;

// The decoded columns read back as the reference's values.
function actual(column: RawColumn, row: number): unknown {
  switch (column.kind) {
    case "utf8":
      return text(column.data, row);
    case "numbers":
      return number(column.data, row);
    case "list": {
      const span = range(column.ranges, row);
      if (span === null) return null;
      const items = [];
      for (let i = span[0] as number; i < (span[1] as number); i++) {
        items.push("bytes" in column.items ? text(column.items, i) : number(column.items, i));
      }
      return items;
    }
    default: {
      const span = range(column.ranges, row);
      if (span === null) return null;
      const entries = [];
      for (let i = span[0] as number; i < (span[1] as number); i++) {
        entries.push([text(column.keys, i), text(column.values, i)]);
      }
      return entries;
    }
  }
}

function stringLeaves(value: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (typeof value === "string") out.push(path);
  else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) stringLeaves(item, [...path, key], out);
  }
  return out;
}

function set(event: Json, path: readonly string[], value: unknown): void {
  let target = event;
  for (const key of path.slice(0, -1)) target = target[key] as Json;
  target[path.at(-1) as string] = value;
}

type Bad =
  | "number for a string"
  | "unknown field"
  | "BigInt in unmapped"
  | "not a list"
  | "getter that throws"
  | "Proxy that throws"
  | "Map for an object"
  | "Date for an object";
const BAD: readonly Bad[] = [
  "number for a string",
  "unknown field",
  "BigInt in unmapped",
  "not a list",
  "getter that throws",
  "Proxy that throws",
  "Map for an object",
  "Date for an object",
];

// Hostile reads: what a getter, a Proxy or a non-plain object does to the event's own copy.
function spoilRead(copy: Json, how: Bad, leaf: string[]): void {
  const parentPath = leaf.slice(0, -1);
  const parent = parentPath.reduce((value, key) => value[key] as Json, copy);
  const key = leaf.at(-1) as string;
  if (how === "getter that throws") {
    Object.defineProperty(parent, key, {
      enumerable: true,
      get() {
        throw new Error("secret-value");
      },
    });
  } else if (how === "Proxy that throws") {
    const trap = () => {
      throw new TypeError("secret-value");
    };
    const proxy = new Proxy(parent, { ownKeys: trap, get: trap });
    if (parentPath.length === 0) copy.unmapped = proxy;
    else set(copy, parentPath, proxy);
  } else if (how === "Map for an object") {
    const map = new Map(Object.entries(parent));
    if (parentPath.length === 0) copy.unmapped = map;
    else set(copy, parentPath, map);
  } else set(copy, parentPath.length === 0 ? ["metadata"] : parentPath, new Date(0));
}

function spoil(event: Json, how: Bad, pick: number): Json {
  const copy = structuredClone(event);
  const leaves = stringLeaves(copy).filter((path) => path[0] !== "unmapped");
  const leaf = leaves[pick % leaves.length] as string[];
  if (how === "number for a string") set(copy, leaf, 42);
  else if (how === "unknown field") set(copy, [...leaf.slice(0, -1), "no_such_attribute"], "x");
  else if (how === "BigInt in unmapped")
    copy.unmapped = { ...(copy.unmapped as Json), big: { n: 1n } };
  else if (how !== "not a list") spoilRead(copy, how, leaf);
  else
    copy.device = {
      ...(copy.device as Json),
      os: { ...((copy.device as Json).os as Json), name: ["x"] },
    };
  return copy;
}

const edit = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom("text", "null", "delete", "unmapped"),
  text: fc.string({ unit: "binary", maxLength: 40 }),
  nested: fc.jsonValue({ maxDepth: 2 }),
});

function readBack(schema: CompiledSchema, buffer: PartitionBuffer) {
  const { rows, columns, firstTime, lastTime } = rowsToColumns(schema, buffer.snapshot());
  return { rows, firstTime, lastTime, columns };
}

describe("rows split into columns", () => {
  const schema = lakeSchema(5001, "1.3.0");
  const base = inventoryEvents(30, { expand: "user", seed: 11 });

  it("hold every accepted event's values in time order, and nothing of a rejected one (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            device: fc.nat({ max: base.length - 1 }),
            time: fc.integer({ min: 0, max: 5 }),
            edits: fc.array(edit, { maxLength: 4 }),
            bad: fc.option(fc.record({ how: fc.constantFrom(...BAD), pick: fc.nat() }), {
              freq: 4,
            }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (plan) => {
          const buffer = new PartitionBuffer(schema, 5001, "s", "20251030", 0);
          const accepted: Json[] = [];
          for (const step of plan) {
            const event = structuredClone(base[step.device] as Json);
            event.time = Date.UTC(2025, 9, 30) + step.time * 1000;
            for (const change of step.edits) {
              const leaves = stringLeaves(event);
              const leaf = leaves[change.pick % leaves.length] as string[];
              if (change.kind === "text") set(event, leaf, change.text);
              else if (change.kind === "null") set(event, leaf, null);
              else if (change.kind === "delete") set(event, leaf, undefined);
              else event.unmapped = { ...(event.unmapped as Json), [change.text]: change.nested };
            }
            const bad = step.bad;
            if (bad !== null) {
              const before = buffer.rows;
              expect(() => buffer.append(spoil(event, bad.how, bad.pick))).toThrow(
                expect.objectContaining({
                  name: "ShredError",
                  message: expect.not.stringContaining("secret-value"),
                }),
              );
              expect(buffer.rows).toBe(before);
            }
            buffer.append(event);
            accepted.push(event);
          }
          // Stable: events of one time keep their arrival order.
          const ordered = accepted
            .map((event, i) => ({ event, i }))
            .sort((a, b) => (a.event.time as number) - (b.event.time as number) || a.i - b.i)
            .map(({ event }) => event);
          const back = readBack(schema, buffer);
          expect(back.rows).toBe(accepted.length);
          expect(back.firstTime).toBe(ordered[0]?.time);
          expect(back.lastTime).toBe(ordered.at(-1)?.time);
          for (const node of schema.nodes) {
            const column = back.columns[node.slot] as RawColumn;
            const got = ordered.map((_, row) => actual(column, row));
            expect(got, node.path).toStrictEqual(ordered.map((event) => expected(node, event)));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a rejected event names its field; JSON.stringify's own error is not repeated (regression)", () => {
    const buffer = new PartitionBuffer(schema, 5001, "s", "20251030", 0);
    const event = { ...(base[0] as Json), unmapped: { big: { n: 10n } } };
    expect(() => buffer.append(event)).toThrow(
      expect.objectContaining({
        field: "unmapped.big",
        reason: "is an object that JSON.stringify cannot encode",
      }),
    );
    const cycle: Json = {};
    cycle.self = cycle;
    expect(() => buffer.append({ ...(base[0] as Json), unmapped: { cycle } })).toThrow(
      expect.objectContaining({ field: "unmapped.cycle" }),
    );
    expect(buffer.rows).toBe(0);
  });
});

describe("files of few rows, most columns never set", () => {
  // Regression: never-set columns once shared one buffer of zeros; Arrow's IPC writer joined
  // the overlapping views and parquet-wasm read a short or corrupt buffer for odd row counts.
  it("encode for every row count from 1 to 12 and read back every row", async () => {
    const { toOcsfDeviceDeletion } = await import("../../src/index.js");
    const { encodeRequest } = await import("../../src/lake/encode-request.js");
    const { readParquet } = await import("parquet-wasm");
    const schema = lakeSchema(3004, "1.3.0");
    for (let rows = 1; rows <= 12; rows++) {
      const buffer = new PartitionBuffer(schema, 3004, "s", "20260102", 0);
      for (let i = 0; i < rows; i++) {
        buffer.append(
          toOcsfDeviceDeletion(
            { id: `dev-${i}`, detectedAt: "2026-01-02T03:04:05.000Z" },
            { profile: "ocsf", ocsfVersion: "1.3.0" },
          ),
        );
      }
      const { bytes } = await encodeRequest({
        classUid: 3004,
        ocsfVersion: "1.3.0",
        snapshot: buffer.snapshot(),
      });
      const table = readParquet(bytes);
      expect(table.numBatches).toBeGreaterThan(0);
      const ipc = table.intoIPCStream();
      const { tableFromIPC } = await import("apache-arrow");
      expect(tableFromIPC(ipc).numRows, `${rows} rows`).toBe(rows);
    }
  });
});
