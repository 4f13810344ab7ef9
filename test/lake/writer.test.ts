// The lake writer's files, read back by a real Parquet reader (DuckDB).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type OktaDevice,
  type StrictDeviceInventoryEvent,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import { type OcsfLakeResult, writeOcsfLake } from "../../src/lake/index.js";
import { generateOktaDevices } from "../../src/testing/index.js";
import { duckdb, literal } from "../helpers/duckdb.js";
import { useScratchFolders } from "../helpers/scratch.js";

// Security Lake's version (the writer's default).
const VERSION = "1.3.0" as const;
const COUNT = 3000;

function strict(device: OktaDevice): StrictDeviceInventoryEvent<"1.3.0"> {
  return toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion: VERSION });
}

const scratch = useScratchFolders("lake-");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((file) => join(dir, file));
}

describe("writeOcsfLake: thousands of generated devices, read back with DuckDB", () => {
  // Generated devices were updated over two years: bring their times into three days, out of
  // order, so that each day fills several files and the per-file sort has work to do.
  const events = generateOktaDevices(COUNT, { expand: "user", seed: 7 }).map((device, i) => {
    const event = strict(device);
    event.time = Date.UTC(2025, 9, 30) + ((i * 7919) % (3 * 86_400)) * 1000;
    return event;
  });
  const ndjson = events.map((event) => JSON.stringify(event));
  let out: string;
  let result: OcsfLakeResult;
  const glob = () => literal(`${out}/ext/**/*.parquet`);

  beforeAll(async () => {
    out = scratch();
    async function* stream() {
      // From the NDJSON text, as a pipeline would get them.
      for (const line of ndjson) yield JSON.parse(line) as unknown;
    }
    // Small files, so that a day's events span several files and the sort is tested per file.
    result = await writeOcsfLake(stream(), {
      outDir: out,
      region: "eu-west-3",
      account: "123456789012",
      source: "okta_devices",
      ocsfVersion: VERSION,
      rotation: { maxFileBytes: 64 * 1024 },
    });
  }, 120_000);

  it("writes every event, in the Security Lake layout", () => {
    expect(result.rows).toBe(COUNT);
    expect(result.rejected).toBe(0);
    expect(result.files.reduce((sum, file) => sum + file.rows, 0)).toBe(COUNT);
    for (const file of result.files) {
      expect(file.key).toMatch(
        /^ext\/okta_devices\/region=eu-west-3\/accountId=123456789012\/eventDay=\d{8}\/[\w-]+\.zstd\.parquet$/,
      );
      expect(file.path).toBe(join(out, file.key));
    }
    // Nothing else in the tree: no temporary files left anywhere under the output directory.
    const all = filesUnder(out).filter((path) => !path.endsWith(".parquet"));
    expect(all.every((path) => !/\.tmp$/.test(path))).toBe(true);
    expect(readdirSync(out)).toStrictEqual(["ext"]);
  });

  it("SELECT device.uid, device.os.name, time returns exactly the NDJSON events' values", async () => {
    const rows = await duckdb(
      `SELECT device.uid AS uid, device.os.name AS os, time FROM read_parquet(${glob()}, hive_partitioning = true) ORDER BY uid`,
    );
    const expected = events
      .map((event) => ({
        uid: event.device.uid,
        os: event.device.os?.name ?? null,
        time: String(event.time),
      }))
      .sort((a, b) => (a.uid < b.uid ? -1 : 1));
    expect(rows).toStrictEqual(expected);
  });

  it("every attribute reads back as the event had it (nested groups, lists, unmapped as JSON strings)", async () => {
    const rows = await duckdb(
      `SELECT to_json(device) AS device, to_json(metadata) AS metadata, to_json(unmapped) AS unmapped, type_uid, activity_name FROM read_parquet(${glob()}) ORDER BY device.uid`,
    );
    const byUid = new Map(events.map((event) => [event.device.uid, event]));
    for (const row of rows) {
      const device = JSON.parse(row.device as string) as Record<string, unknown>;
      const event = byUid.get(device.uid as string) as StrictDeviceInventoryEvent<"1.3.0">;
      expect(dropNulls(device)).toStrictEqual(event.device);
      expect(JSON.parse(row.metadata as string)).toStrictEqual(event.metadata);
      const unmapped = JSON.parse(row.unmapped as string) as Record<string, string | null> | null;
      const expectedUnmapped =
        event.unmapped === undefined
          ? null
          : Object.fromEntries(
              Object.entries(event.unmapped).map(([key, value]) => [
                key,
                value === null ? null : typeof value === "string" ? value : JSON.stringify(value),
              ]),
            );
      expect(unmapped).toStrictEqual(expectedUnmapped);
      expect(row.type_uid).toBe("500102");
      expect(row.activity_name).toBe("Collect");
    }
    expect(rows.length).toBe(COUNT);
  });

  it("has the nested structs in its schema", async () => {
    const [row] = await duckdb(
      `SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(${glob()})) WHERE column_name = 'device'`,
    );
    expect(row?.column_type).toMatch(
      /^STRUCT\(type_id INTEGER, .*os STRUCT\("name" VARCHAR, type_id INTEGER/,
    );
    expect(row?.column_type).toContain('"owner" STRUCT(uid VARCHAR');
    expect(row?.column_type).toContain("imei VARCHAR");
    expect(row?.column_type).not.toContain("imei_list");
    const [unmapped] = await duckdb(
      `SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(${glob()})) WHERE column_name = 'unmapped'`,
    );
    expect(unmapped?.column_type).toBe("MAP(VARCHAR, VARCHAR)");
    const [time] = await duckdb(
      `SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(${glob()})) WHERE column_name = 'time'`,
    );
    expect(time?.column_type).toBe("BIGINT");
  });

  it("has the right partition columns", async () => {
    const rows = await duckdb(
      `SELECT device.uid AS uid, region, accountId, eventDay FROM read_parquet(${glob()}, hive_partitioning = true)`,
    );
    const byUid = new Map(events.map((event) => [event.device.uid, event]));
    for (const row of rows) {
      const event = byUid.get(row.uid as string) as StrictDeviceInventoryEvent<"1.3.0">;
      const day = new Date(event.time).toISOString().slice(0, 10).replaceAll("-", "");
      expect([row.region, String(row.accountId), String(row.eventDay)]).toStrictEqual([
        "eu-west-3",
        "123456789012",
        day,
      ]);
    }
    expect(rows.length).toBe(COUNT);
  });

  it("sorts the rows of each file by time", async () => {
    const rows = await duckdb(
      `SELECT filename, file_row_number AS n, time FROM read_parquet(${glob()}, filename = true, file_row_number = true) ORDER BY filename, n`,
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
    // The input was not in time order, so the check had something to find.
    const inputUnsorted = events.some(
      (event, i) =>
        i > 0 && (events[i - 1] as StrictDeviceInventoryEvent<"1.3.0">).time > event.time,
    );
    expect(inputUnsorted).toBe(true);
    // Several files of one day, to check the sort is per file.
    const perDay = new Map<string, number>();
    for (const file of result.files)
      perDay.set(file.eventDay, (perDay.get(file.eventDay) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeGreaterThan(1);
  });

  it("compresses every column with zstd, within Security Lake's page and row-group limits", async () => {
    const rows = await duckdb(`SELECT DISTINCT compression FROM parquet_metadata(${glob()})`);
    expect(rows).toStrictEqual([{ compression: "ZSTD" }]);
    const [sizes] = await duckdb(
      `SELECT max(total_uncompressed_size) AS chunk FROM parquet_metadata(${glob()})`,
    );
    expect(Number(sizes?.chunk)).toBeLessThan(256 * 1024 * 1024);
  });
});

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) copy[key] = dropNulls(item);
  return copy;
}
