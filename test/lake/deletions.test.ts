// Deleted devices (OCSF Entity Management 3004, from toOcsfDeviceDeletion) in the lake: their
// own source folder beside the inventory's, read back with DuckDB.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DeviceGone,
  type StrictDeviceDeletionEvent,
  toOcsfDeviceDeletion,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import { type OcsfLakeResult, writeOcsfLake } from "../../src/lake/index.js";
import { generateOktaDevices } from "../../src/testing/index.js";
import { duckdb, literal } from "../helpers/duckdb.js";
import { TOO_LONG } from "../helpers/long-strings.js";

const VERSION = "1.3.0" as const;
const DEVICES = 1500;
const PLATFORMS = ["WINDOWS", "MACOS", "IOS", "ANDROID", "CHROMEOS", undefined] as const;

let out = "";
afterAll(() => rmSync(out, { recursive: true, force: true }));

function goneOf(index: number, id: string): DeviceGone {
  const platform = PLATFORMS[index % PLATFORMS.length];
  const gone: DeviceGone = {
    id,
    // Spread over two days, out of order.
    detectedAt: new Date(Date.UTC(2026, 0, 2) + ((index * 7919) % 172_800) * 1000).toISOString(),
  };
  if (index % 5 !== 0) gone.displayName = `HOST-${index}`;
  if (platform !== undefined) gone.platform = platform;
  if (index % 3 === 0) gone.model = "iPad8,11";
  if (index % 4 !== 0) gone.lastUpdated = "2025-08-26T09:30:00.000Z";
  return gone;
}

describe("writeOcsfLake with deletion events (Entity Management 3004)", () => {
  const devices = generateOktaDevices(DEVICES, { expand: "user", seed: 31 });
  const deletions = devices
    .filter((_, i) => i % 3 === 0)
    .map((device, i) =>
      toOcsfDeviceDeletion(goneOf(i, device.id), { profile: "ocsf", ocsfVersion: VERSION }),
    );
  // One deletion whose name OCSF 1.3.0 cannot hold: it goes under `unmapped`, whole.
  const long = toOcsfDeviceDeletion(
    { id: "long-name", displayName: TOO_LONG, detectedAt: "2026-01-02T12:00:00.000Z" },
    { profile: "ocsf", ocsfVersion: VERSION },
  );
  deletions.push(long);
  const inventory = devices.map((device) =>
    toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion: VERSION }),
  );
  let result: OcsfLakeResult;
  const glob = (source: string) => literal(`${out}/ext/${source}/**/*.parquet`);

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "lake-deletions-"));
    // Interleaved, as a sync writes them: inventory first, then deletions, mixed in files.
    const mixed: object[] = [];
    for (let i = 0; i < inventory.length; i++) {
      mixed.push(inventory[i] as object);
      if (i % 3 === 0 && deletions[i / 3] !== undefined) mixed.push(deletions[i / 3] as object);
    }
    mixed.push(long);
    result = await writeOcsfLake(mixed, {
      outDir: out,
      region: "us-east-1",
      sources: { 3004: "okta_deleted" },
      rotation: { maxFileBytes: 32 * 1024 },
    });
  }, 120_000);

  it("writes each class to its own source folder, nothing rejected", () => {
    expect(result.rejected).toBe(0);
    expect(result.rows).toBe(inventory.length + deletions.length);
    expect(readdirSync(join(out, "ext")).sort()).toStrictEqual([
      "okta-device-inventory",
      "okta_deleted",
    ]);
    for (const file of result.files) {
      expect(file.source).toBe(file.classUid === 3004 ? "okta_deleted" : "okta-device-inventory");
    }
    const deletionRows = result.files
      .filter((file) => file.classUid === 3004)
      .reduce((sum, file) => sum + file.rows, 0);
    expect(deletionRows).toBe(deletions.length);
  });

  it("reads back every deletion exactly, nested groups and unmapped included", async () => {
    const rows = await duckdb(
      `SELECT entity.uid AS uid, entity.device.os.name AS os, time, to_json(entity) AS entity, to_json(metadata) AS metadata, to_json(unmapped) AS unmapped, message, type_uid, class_uid, eventDay FROM read_parquet(${glob("okta_deleted")}, hive_partitioning = true)`,
    );
    expect(rows.length).toBe(deletions.length);
    const byUid = new Map(deletions.map((event) => [event.entity.uid, event]));
    expect(new Set(rows.map((row) => row.uid))).toStrictEqual(new Set(byUid.keys()));
    for (const row of rows) {
      const event = byUid.get(row.uid as string) as StrictDeviceDeletionEvent;
      expect(row.os).toBe(event.entity.device.os?.name ?? null);
      expect(row.time).toBe(String(event.time));
      expect(dropNulls(JSON.parse(row.entity as string))).toStrictEqual(event.entity);
      expect(JSON.parse(row.metadata as string)).toStrictEqual(event.metadata);
      expect(JSON.parse(row.unmapped as string)).toStrictEqual(event.unmapped ?? null);
      expect([row.message, row.type_uid, row.class_uid]).toStrictEqual([
        event.message,
        "300404",
        3004,
      ]);
      expect(row.eventDay).toBe(
        new Date(event.time).toISOString().slice(0, 10).replaceAll("-", ""),
      );
    }
    const longRow = rows.find((row) => row.uid === "long-name");
    expect(JSON.parse(longRow?.unmapped as string)).toStrictEqual({ displayName: TOO_LONG });
  });

  it("has the nested structs in its schema, the same in every file", async () => {
    const [entity] = await duckdb(
      `SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(${glob("okta_deleted")})) WHERE column_name = 'entity'`,
    );
    expect(entity?.column_type).toBe(
      'STRUCT(type_id INTEGER, "type" VARCHAR, uid VARCHAR, "name" VARCHAR, device STRUCT(type_id INTEGER, "type" VARCHAR, uid VARCHAR, "name" VARCHAR, os STRUCT("name" VARCHAR, type_id INTEGER, "type" VARCHAR), modified_time BIGINT))',
    );
    // Files with and without `unmapped` values, names, platforms: one schema.
    const schemas = await duckdb(
      `SELECT file_name, string_agg(name || ':' || coalesce(type, '') || ':' || coalesce(converted_type, ''), ',' ORDER BY name) AS columns FROM parquet_schema(${glob("okta_deleted")}) GROUP BY file_name`,
    );
    expect(schemas.length).toBe(result.files.filter((file) => file.classUid === 3004).length);
    expect(schemas.length).toBeGreaterThan(1);
    expect(new Set(schemas.map((row) => row.columns)).size).toBe(1);
  });

  it("sorts the deletions of each file by time", async () => {
    const rows = await duckdb(
      `SELECT filename, file_row_number AS n, time FROM read_parquet(${glob("okta_deleted")}, filename = true, file_row_number = true) ORDER BY filename, n`,
    );
    let unsorted = 0;
    for (let i = 1; i < rows.length; i++) {
      const [previous, row] = [rows[i - 1], rows[i]] as [
        Record<string, unknown>,
        Record<string, unknown>,
      ];
      if (
        previous.filename === row.filename &&
        BigInt(previous.time as string) > BigInt(row.time as string)
      )
        unsorted++;
    }
    expect(unsorted).toBe(0);
  });

  it("rejects a deletion event of another OCSF version, naming it and the field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lake-deletions-version-"));
    try {
      const newer = toOcsfDeviceDeletion(goneOf(1, "dev-1"), {
        profile: "ocsf",
        ocsfVersion: "1.6.0",
      });
      const written = await writeOcsfLake([newer, deletions[0] as object], {
        outDir: dir,
        region: "us-east-1",
      });
      expect(written.rejected).toBe(1);
      expect(written.errors[0]?.message).toBe(
        'event 0 (uid "dev-1"): field "metadata.version" is "1.6.0", not the writer\'s OCSF version "1.3.0" (map with { profile: "ocsf", ocsfVersion: "1.3.0" })',
      );
      expect(written.rows).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) copy[key] = dropNulls(item);
  return copy;
}
