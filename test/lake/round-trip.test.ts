// Hostile values (lone surrogates, NUL, 4-byte UTF-8, long strings with non-ASCII anywhere,
// odd `unmapped` keys and values, int32 bounds, -0, ties and disorder in `time`) read back
// from the Parquet file exactly as written, and the encoder thread writes the same bytes as
// the calling thread (fast-check, read back with DuckDB).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeOcsfLake } from "../../src/lake/index.js";
import { duckdb, literal } from "../helpers/duckdb.js";
import { useScratchFolders } from "../helpers/scratch.js";
import { inventoryEvents, type Json } from "./inventory-events.js";

const scratch = useScratchFolders("lake-round-trip-");
const decoder = new TextDecoder();
// What a string reads back as: lone surrogates become U+FFFD in UTF-8.
const utf8 = (text: string) => decoder.decode(new TextEncoder().encode(text));
const DAY = Date.UTC(2025, 9, 30);
const base = inventoryEvents(8, { expand: "user", seed: 41 });

const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.constantFrom(
    "",
    "\0",
    "a\0b",
    "😀",
    "\uD800",
    "\uDC00x",
    "é".repeat(49),
    `${"a".repeat(47)}é`,
  ),
  // Long: ASCII with one non-ASCII unit anywhere.
  fc
    .tuple(fc.integer({ min: 49, max: 3000 }), fc.nat(), fc.constantFrom("é", "😀", "\uD83D", "\0"))
    .map(([length, at, odd]) => {
      const ascii = "x".repeat(length);
      const cut = at % length;
      return ascii.slice(0, cut) + odd + ascii.slice(cut);
    }),
);
const int32 = fc.oneof(fc.constantFrom(0, -0, 2 ** 31 - 1, -(2 ** 31), 1, -1), fc.integer());
const key = fc.oneof(text, fc.constantFrom("__proto__", "constructor", "0", "10", "a.b", '"', ""));
const unmappedValue = fc.oneof(
  text,
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom([], {}, true, 0, -0, 1e21, [null]),
);

const row = fc.record({
  device: fc.nat({ max: base.length - 1 }),
  second: fc.integer({ min: -3, max: 3 }),
  name: fc.option(text, { nil: undefined }),
  email: fc.option(text, { nil: undefined }),
  typeId: fc.option(int32, { nil: undefined }),
  managed: fc.option(fc.boolean(), { nil: undefined }),
  unmapped: fc.option(fc.array(fc.tuple(key, unmappedValue), { maxLength: 6 }), { nil: undefined }),
});

function eventOf(step: typeof row extends fc.Arbitrary<infer T> ? T : never): Json {
  const event = structuredClone(base[step.device] as Json);
  event.time = DAY + 3_600_000 + step.second * 1000;
  const device = event.device as Json;
  device.name = step.name;
  device.type_id = step.typeId;
  device.is_managed = step.managed;
  device.owner = step.email === undefined ? undefined : { email_addr: step.email };
  if (step.unmapped !== undefined) {
    // Own properties even for "__proto__" (as JSON.parse makes them).
    const unmapped: Json = {};
    for (const [name, value] of step.unmapped) {
      Object.defineProperty(unmapped, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    event.unmapped = unmapped;
  } else event.unmapped = undefined;
  return event;
}

// What DuckDB gives back for an event (BIGINT as strings, maps as key/value lists).
function expected(event: Json): Json {
  const device = event.device as Json;
  const owner = device.owner as Json | undefined;
  const unmapped = event.unmapped as Json | undefined;
  return {
    time: String(event.time),
    name: device.name === undefined ? null : utf8(device.name as string),
    email: owner === undefined ? null : utf8(owner.email_addr as string),
    type_id: device.type_id === undefined ? null : (device.type_id as number) + 0,
    is_managed: device.is_managed ?? null,
    unmapped:
      unmapped === undefined
        ? null
        : Object.keys(unmapped).map((name) => {
            const value = unmapped[name];
            return {
              key: utf8(name),
              value:
                value === null
                  ? null
                  : utf8(typeof value === "string" ? value : (JSON.stringify(value) as string)),
            };
          }),
  };
}

async function write(events: Json[], workerThread: boolean) {
  const outDir = scratch();
  const result = await writeOcsfLake(events, { outDir, region: "us-east-1", workerThread });
  expect(result.rejected).toBe(0);
  expect(result.files).toHaveLength(1);
  return (result.files[0] as { path: string }).path;
}

describe("values read back from the file", () => {
  it("exactly as written, in time order (ties in arrival order), from either thread (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (plan) => {
        const events = plan.map(eventOf);
        const here = await write(events, false);
        const thread = await write(events, true);
        expect(readFileSync(thread).equals(readFileSync(here))).toBe(true);
        const rows = await duckdb(
          `SELECT time, device.name AS name, device.owner.email_addr AS email, device.type_id AS type_id, device.is_managed AS is_managed, unmapped FROM read_parquet(${literal(here)}, file_row_number = true) ORDER BY file_row_number`,
        );
        const order = events
          .map((event, i) => ({ event, i }))
          .sort((a, b) => (a.event.time as number) - (b.event.time as number) || a.i - b.i);
        expect(rows).toStrictEqual(order.map(({ event }) => expected(event)));
      }),
      { numRuns: 15 },
    );
    // 6 s on an idle machine, 26 s under load: a bound that is no race.
  }, 180_000);
});
