// The columns a file's rows are split into are kept for the next file of the schema: the next
// file must be encoded exactly as with new columns (nothing of the last file's rows shows
// through), and columns too large to keep are let go.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arrowTable } from "../../src/lake/arrow-table.js";
import { ColumnPool, columnBytes, MAX_KEPT_COLUMN_BYTES } from "../../src/lake/column-pool.js";
import { CREATED_BY, encodeFile } from "../../src/lake/encode-file.js";
import { lakeSchema } from "../../src/lake/encode-request.js";
import { parquetBytes } from "../../src/lake/parquet-bytes.js";
import { loadParquetLibraries } from "../../src/lake/parquet-libraries.js";
import { PartitionBuffer } from "../../src/lake/partition-buffer.js";
import { rowsToColumns } from "../../src/lake/rows-to-columns.js";
import type { SlotColumn } from "../../src/lake/slot-columns.js";
import { inventoryEvents, type Json } from "./inventory-events.js";

const schema = lakeSchema(5001, "1.3.0");
// Devices with and without users, of every platform: each file has columns others lack.
const events = inventoryEvents(60, { expand: "user", seed: 23 });

function snapshot(picks: readonly number[]) {
  const buffer = new PartitionBuffer(schema, 5001, "s", "20251001", 0);
  picks.forEach((pick, i) => {
    buffer.append({ ...(events[pick % events.length] as Json), time: 1_000 - i });
  });
  return buffer.snapshot();
}

const lengths = (columns: readonly SlotColumn[]) => columns.map((column) => column.length);

describe("the kept columns", () => {
  it("encode each file of a sequence as new columns would, byte for byte (fast-check)", async () => {
    const libraries = await loadParquetLibraries();
    const file = fc.array(fc.nat(), { minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 2, maxLength: 5 }), async (files) => {
        const pool = new ColumnPool();
        for (const picks of files) {
          const pooled = encodeFile(libraries, schema, snapshot(picks), pool);
          const fresh = rowsToColumns(schema, snapshot(picks));
          const table = arrowTable(libraries.arrow, schema, fresh.columns);
          expect(pooled.bytes).toStrictEqual(parquetBytes(libraries, table, CREATED_BY));
          expect([pooled.firstTime, pooled.lastTime]).toStrictEqual([
            fresh.firstTime,
            fresh.lastTime,
          ]);
        }
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it("are the last file's columns, emptied", () => {
    const pool = new ColumnPool();
    const columns = pool.take(schema);
    rowsToColumns(schema, snapshot([1, 2, 3, 4]), columns);
    expect(lengths(columns).every((length) => length === 4)).toBe(true);
    pool.keep(schema, columns);
    // Another writer's pool has none.
    expect(new ColumnPool().take(schema)).not.toBe(columns);
    const next = pool.take(schema);
    expect(next).toBe(columns);
    expect(lengths(next).every((length) => length === 0)).toBe(true);
    // Taken: a second file meanwhile gets columns of its own.
    expect(pool.take(schema)).not.toBe(next);
  });

  it("are let go when they hold more than the bound", () => {
    const pool = new ColumnPool();
    const columns = pool.take(schema);
    // Rows with a long `unmapped` value, past the bound in all.
    const long = "x".repeat(1024 * 1024);
    const buffer = new PartitionBuffer(schema, 5001, "s", "20251001", 0);
    for (let i = 0; i <= MAX_KEPT_COLUMN_BYTES / long.length; i++) {
      buffer.append({ ...(events[0] as Json), unmapped: { long } });
    }
    rowsToColumns(schema, buffer.snapshot(), columns);
    expect(columnBytes(columns)).toBeGreaterThan(MAX_KEPT_COLUMN_BYTES);
    pool.keep(schema, columns);
    expect(pool.take(schema)).not.toBe(columns);
  });
});
