// 64-bit columns (OCSF timestamp_t, type_uid) are built from two 32-bit halves instead of a
// BigInt per value: every safe integer, negative ones included, must read back exactly.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toOcsfDeviceDeletion } from "../../src/index.js";
import { writeOcsfLake } from "../../src/lake/index.js";
import { duckdb, literal } from "../helpers/duckdb.js";

const EDGES = [
  0,
  1,
  -1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32 - 1,
  2 ** 32,
  -(2 ** 32),
  -(2 ** 32) - 1,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];

describe("lake int64 columns", () => {
  it("read back exactly for edge and random safe integers (fast-check)", async () => {
    const values = [
      ...EDGES,
      ...fc.sample(fc.maxSafeInteger(), { numRuns: 500, seed: 17 }),
      ...fc.sample(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { numRuns: 500, seed: 18 }),
    ];
    const events = values.map((value, i) => {
      const event = toOcsfDeviceDeletion(
        { id: `dev-${i}`, detectedAt: "2026-01-02T03:04:05.000Z" },
        { profile: "ocsf", ocsfVersion: "1.3.0" },
      );
      event.entity.device.modified_time = value;
      return event;
    });
    const dir = mkdtempSync(join(tmpdir(), "lake-int64-"));
    try {
      const result = await writeOcsfLake(events, { outDir: dir, region: "us-east-1" });
      expect(result.rejected).toBe(0);
      const rows = await duckdb(
        `SELECT entity.uid AS uid, entity.device.modified_time AS modified FROM read_parquet(${literal(`${dir}/ext/**/*.parquet`)})`,
      );
      const read = new Map(rows.map((row) => [row.uid, row.modified]));
      const wrong = values.filter((value, i) => read.get(`dev-${i}`) !== String(value));
      expect(wrong).toStrictEqual([]);
      expect(read.size).toBe(values.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
