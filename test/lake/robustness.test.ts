// What the lake writer does with odd input, bounds and interruptions.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type OktaDevice,
  type StrictDeviceInventoryEvent,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import {
  LAKE_TEMP_FOLDER,
  type LakeFile,
  LakeOptionsError,
  LakeRecordError,
  OcsfLakeWriter,
  writeOcsfLake,
} from "../../src/lake/index.js";
import { generateOktaDevices } from "../../src/testing/index.js";
import { duckdb, literal } from "../helpers/duckdb.js";
import { useScratchFolders } from "../helpers/scratch.js";

const VERSION = "1.3.0" as const;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const scratch = useScratchFolders("lake-");

function events(count: number, seed = 1, expand?: "user"): StrictDeviceInventoryEvent<"1.3.0">[] {
  const devices = generateOktaDevices(count, expand === undefined ? { seed } : { seed, expand });
  return devices.map((device) =>
    toOcsfDeviceInventory(device as OktaDevice, { profile: "ocsf", ocsfVersion: VERSION }),
  );
}

function parquetFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".parquet"))
    .map((file) => join(dir, file));
}

async function describeFile(path: string): Promise<string> {
  const rows = await duckdb(
    `SELECT name, type, repetition_type, converted_type, logical_type FROM parquet_schema(${literal(path)})`,
  );
  return JSON.stringify(rows);
}

describe("one schema per class and version", () => {
  it("files of different days and record mixes have identical Parquet schemas", async () => {
    const out = scratch();
    // A bare record (no owner, no os, no unmapped) on one day; full records on other days.
    const bare = toOcsfDeviceInventory(
      {
        id: "guoBARE",
        status: "ACTIVE",
        created: "2020-01-01T00:00:00.000Z",
        lastUpdated: "2020-01-01T00:00:00.000Z",
        profile: { displayName: "bare", registered: true },
      } as unknown as OktaDevice,
      { profile: "ocsf", ocsfVersion: VERSION },
    );
    delete bare.unmapped;
    const full = events(40, 3, "user");
    const result = await writeOcsfLake([bare, ...full], {
      outDir: out,
      region: "us-east-1",
      ocsfVersion: VERSION,
    });
    const files = parquetFiles(out);
    expect(files.length).toBeGreaterThan(2);
    expect(new Set(result.files.map((file) => file.eventDay)).size).toBe(files.length);
    const bareFile = result.files.find((file) => file.eventDay === "20200101") as LakeFile;
    expect(bareFile.rows).toBe(1);
    const schemas = new Set(await Promise.all(files.map(describeFile)));
    expect(schemas.size).toBe(1);
    expect([...schemas][0]).toContain('"name":"owner"');
  });
});

describe("rejected events", () => {
  it("an event that does not fit is named with its field; the others are written", async () => {
    const out = scratch();
    const good = events(20);
    const wrongType = {
      ...events(1, 9)[0],
      device: {
        ...(events(1, 9)[0] as StrictDeviceInventoryEvent<"1.3.0">).device,
        is_managed: "yes",
      },
    };
    const unknownAttribute = {
      ...events(1, 10)[0],
      device: { ...(events(1, 10)[0] as StrictDeviceInventoryEvent<"1.3.0">).device, color: "red" },
    };
    const wrongVersion = {
      ...events(1, 11)[0],
      metadata: { product: { name: "Okta" }, version: "1.1.0" },
    };
    const unknownClass = { class_uid: 4001, time: 1 };
    const noTime = { ...events(1, 12)[0], time: undefined };
    // JSON.stringify throws on a BigInt: a rejected record, not a failed write (regression).
    const bigInt = { ...events(1, 13)[0], unmapped: { counts: { n: 10n } } };
    const seen: LakeRecordError[] = [];
    const result = await writeOcsfLake(
      [
        good[0],
        wrongType,
        ...good.slice(1, 10),
        unknownAttribute,
        wrongVersion,
        "text",
        unknownClass,
        noTime,
        bigInt,
        ...good.slice(10),
      ],
      {
        outDir: out,
        region: "us-east-1",
        ocsfVersion: VERSION,
        onRejected: (error) => seen.push(error),
      },
    );
    expect(result.rows).toBe(20);
    expect(result.rejected).toBe(7);
    expect(seen).toStrictEqual(result.errors);
    expect(result.errors.map((error) => [error.index, error.field])).toStrictEqual([
      [1, "device.is_managed"],
      [11, "device.color"],
      [12, "metadata.version"],
      [13, "class_uid"],
      [14, "class_uid"],
      [15, "time"],
      [16, "unmapped.counts"],
    ]);
    const first = result.errors[0] as LakeRecordError;
    expect(first).toBeInstanceOf(LakeRecordError);
    expect(first.message).toBe(
      `event 1 (uid "${(wrongType.device as { uid: string }).uid}"): field "device.is_managed" is a string, not a boolean`,
    );
    const [count] = await duckdb(
      `SELECT count(*) AS n FROM read_parquet(${literal(`${out}/ext/**/*.parquet`)})`,
    );
    expect(count?.n).toBe("20");
  });

  it("keeps 100 errors and counts them all", async () => {
    const bad = Array.from({ length: 150 }, () => ({
      class_uid: 5001,
      metadata: { version: VERSION },
      time: "x",
    }));
    const result = await writeOcsfLake(bad, {
      outDir: scratch(),
      region: "us-east-1",
      ocsfVersion: VERSION,
    });
    expect([result.rejected, result.errors.length, result.rows]).toStrictEqual([150, 100, 0]);
  });

  // The kind of fault: any attribute of the schema given a value of another type.
  it("property: a wrong-typed value anywhere is rejected naming that field", async () => {
    const base = events(1, 5, "user")[0] as StrictDeviceInventoryEvent<"1.3.0">;
    const paths: string[][] = [
      ["time"],
      ["activity_id"],
      ["type_uid"],
      ["severity"],
      ["device", "uid"],
      ["device", "type_id"],
      ["device", "os", "name"],
      ["device", "os", "type_id"],
      ["device", "hw_info", "serial_number"],
      ["device", "created_time"],
      ["device", "is_managed"],
      ["device", "imei_list"],
      ["metadata", "product", "name"],
      ["unmapped"],
    ];
    const wrong = fc.oneof(
      fc.string().map((text) => `${text}!`),
      fc.double({ noInteger: true }),
      fc.boolean(),
      fc.constant({}),
      fc.constant([1]),
      fc.constant(2 ** 40),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), wrong, async (path, value) => {
        const event = structuredClone(base) as unknown as Record<string, unknown>;
        let at = event;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
        const current = at[path.at(-1) as string];
        // Only a value of another kind than the attribute's is a fault.
        const sameKind =
          typeof value === typeof current &&
          Array.isArray(value) === Array.isArray(current) &&
          !(
            typeof value === "number" &&
            (!Number.isInteger(value) ||
              (value > 2 ** 31 &&
                path.at(-1) !== "time" &&
                path.at(-1) !== "type_uid" &&
                !String(path.at(-1)).endsWith("_time")))
          );
        fc.pre(!sameKind);
        at[path.at(-1) as string] = value;
        const writer = new OcsfLakeWriter({
          outDir: scratch(),
          region: "us-east-1",
          ocsfVersion: VERSION,
        });
        await writer.write(event);
        const result = await writer.close();
        expect(result.rejected).toBe(1);
        expect((result.errors[0] as LakeRecordError).field.startsWith(path.join("."))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("rotation and bounds", () => {
  it("closes a file at maxFileBytes: a smaller bound makes more, smaller files", async () => {
    const list = events(600, 2).map((event) => ({ ...event, time: Date.UTC(2025, 0, 1) }));
    const write = (maxFileBytes: number) =>
      writeOcsfLake(list, {
        outDir: scratch(),
        region: "us-east-1",
        ocsfVersion: VERSION,
        rotation: { maxFileBytes },
      });
    const [small, large] = [await write(32 * 1024), await write(128 * 1024)];
    for (const result of [small, large]) {
      expect(result.files.reduce((sum, file) => sum + file.rows, 0)).toBe(600);
    }
    expect(small.files.length).toBeGreaterThan(3);
    expect(small.files.length).toBeGreaterThanOrEqual(2 * large.files.length);
  });

  it("closes a file maxFileAgeMs after its first row (by the clock given)", async () => {
    let now = 0;
    const written: LakeFile[] = [];
    const writer = new OcsfLakeWriter({
      outDir: scratch(),
      region: "us-east-1",
      ocsfVersion: VERSION,
      rotation: { maxFileAgeMs: 60_000 },
      now: () => now,
      onFile: (file) => written.push(file),
    });
    const list = events(10, 4).map((event) => ({ ...event, time: Date.UTC(2025, 0, 1) }));
    for (const event of list.slice(0, 5)) await writer.write(event);
    expect(written).toStrictEqual([]);
    now = 60_000;
    await writer.write(list[5]);
    // The five older rows and the new one were in the same file, which is now due.
    const result = await writer.close();
    expect(result.files[0]?.rows).toBe(6);
    expect(result.files.map((file) => file.rows)).toStrictEqual([6]);
    expect(written.length).toBe(1);
  });

  it("keeps the rows buffered across open files under maxBufferedBytes by closing the largest", async () => {
    // 200 events on 200 different days: 200 open files unless the bound closes some.
    const list = events(200, 6).map((event, i) => ({ ...event, time: Date.UTC(2024, 0, 1 + i) }));
    const written: LakeFile[] = [];
    const writer = new OcsfLakeWriter({
      outDir: scratch(),
      region: "us-east-1",
      ocsfVersion: VERSION,
      rotation: { maxBufferedBytes: 20 * 1024 },
      onFile: (file) => written.push(file),
    });
    for (const event of list) await writer.write(event);
    const before = written.length;
    const result = await writer.close();
    expect(before).toBeGreaterThan(150);
    expect(result.files.length).toBe(200);
  });

  it("rejects bad options, naming them", () => {
    const base = { outDir: "x", region: "us-east-1" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, region: "US East" }, "region"],
      [{ ...base, account: "12345" }, "account"],
      [{ ...base, source: "a/b" }, "source"],
      [{ ...base, ocsfVersion: "1.2.0" }, "ocsfVersion"],
      [{ ...base, rotation: { maxFileBytes: 0 } }, "rotation.maxFileBytes"],
      [{ ...base, rotation: { maxFileBytes: 1024 ** 3 } }, "rotation.maxFileBytes"],
      [{ ...base, sources: { 3004: "okta-device-inventory" } }, "sources"],
      [{ outDir: "", region: "us-east-1" }, "outDir"],
    ];
    for (const [options, name] of cases) {
      expect(() => new OcsfLakeWriter(options as never)).toThrow(LakeOptionsError);
      try {
        new OcsfLakeWriter(options as never);
      } catch (error) {
        expect((error as LakeOptionsError).option).toBe(name);
      }
    }
  });

  it("takes promises among a plain iterable's events, as `for await` would", async () => {
    const list = events(6, 21);
    const out = scratch();
    const mixed = list.map((event, i) => (i % 2 === 0 ? Promise.resolve(event) : event));
    const result = await writeOcsfLake(mixed, {
      outDir: out,
      region: "us-east-1",
      ocsfVersion: VERSION,
    });
    expect(result.rows).toBe(6);
    expect(result.rejected).toBe(0);
    // A rejected promise stops the write like a failing source: nothing partial is left.
    let closed = false;
    const failing: Iterable<unknown> = {
      [Symbol.iterator]() {
        let i = 0;
        return {
          next: () =>
            i < 3
              ? { done: false, value: i++ === 2 ? Promise.reject(new Error("lost")) : list[i] }
              : { done: true, value: undefined },
          return: () => {
            closed = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    const second = scratch();
    await expect(
      writeOcsfLake(failing, { outDir: second, region: "us-east-1", ocsfVersion: VERSION }),
    ).rejects.toThrow("lost");
    expect(closed).toBe(true);
    expect(parquetFiles(second)).toStrictEqual([]);
  });

  it("refuses a write while the previous one is pending, and after close", async () => {
    const writer = new OcsfLakeWriter({
      outDir: scratch(),
      region: "us-east-1",
      ocsfVersion: VERSION,
    });
    const [a, b] = events(2);
    const pending = writer.write(a);
    await expect(writer.write(b)).rejects.toThrow(/await each write/);
    await pending;
    await writer.close();
    await expect(writer.write(b)).rejects.toThrow(/closed/);
  });
});

describe("interrupted writes leave no partial file", () => {
  it("a source that fails mid-way: complete files only, no temporary file", async () => {
    const out = scratch();
    const list = events(400, 8).map((event) => ({ ...event, time: Date.UTC(2025, 0, 1) }));
    async function* failing() {
      for (const [i, event] of list.entries()) {
        if (i === 300) throw new Error("listing failed");
        yield event;
      }
    }
    const written: LakeFile[] = [];
    await expect(
      writeOcsfLake(failing(), {
        outDir: out,
        region: "us-east-1",
        ocsfVersion: VERSION,
        rotation: { maxFileBytes: 64 * 1024 },
        onFile: (file) => written.push(file),
      }),
    ).rejects.toThrow("listing failed");
    const files = parquetFiles(out);
    expect(files.length).toBe(written.length);
    expect(files.length).toBeGreaterThan(0);
    const [count] = await duckdb(
      `SELECT count(*) AS n FROM read_parquet(${literal(`${out}/ext/**/*.parquet`)})`,
    );
    expect(Number(count?.n)).toBe(written.reduce((sum, file) => sum + file.rows, 0));
    expect(Number(count?.n)).toBeLessThan(300);
    expect(
      readdirSync(out, { recursive: true, encoding: "utf8" }).filter((file) =>
        file.endsWith(".tmp"),
      ),
    ).toStrictEqual([]);
  });

  it("a process killed while writing: every file under ext/ is complete", async () => {
    const out = scratch();
    // A child writes big files in a loop; it is killed once a file has appeared.
    const script = `
      import { writeOcsfLake } from ${JSON.stringify(join(root, "dist/lake/index.js"))};
      import { generateOktaDevices } from ${JSON.stringify(join(root, "dist/testing/index.js"))};
      import { toOcsfDeviceInventory } from ${JSON.stringify(join(root, "dist/index.js"))};
      function* events() {
        for (let round = 0; round < 1000; round++)
          for (const d of generateOktaDevices(2000, { seed: round + 1, expand: "user" })) {
            const e = toOcsfDeviceInventory(d, { profile: "ocsf", ocsfVersion: "1.3.0" });
            e.time = Date.UTC(2025, 0, 1);
            yield e;
          }
      }
      await writeOcsfLake(events(), { outDir: ${JSON.stringify(out)}, region: "us-east-1", ocsfVersion: "1.3.0", rotation: { maxFileBytes: 4 * 1024 * 1024 } });
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: "ignore",
    });
    const deadline = Date.now() + 60_000;
    while (parquetFiles(out).length < 2 && Date.now() < deadline && child.exitCode === null) {
      await new Promise((done) => setTimeout(done, 50));
    }
    child.kill("SIGKILL");
    await new Promise((done) => child.once("exit", done));
    const files = parquetFiles(out);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const [count] = await duckdb(`SELECT count(*) AS n FROM read_parquet(${literal(file)})`);
      expect(Number(count?.n)).toBeGreaterThan(0);
    }
    // Whatever temporary file the kill left is outside ext/, which is what a sync uploads.
    const stray = readdirSync(join(out, "ext"), { recursive: true, encoding: "utf8" }).filter(
      (file) => /\.(parquet|tmp)$/.test(file) && !file.endsWith(".zstd.parquet"),
    );
    expect(stray).toStrictEqual([]);
    expect(LAKE_TEMP_FOLDER.startsWith(".")).toBe(true);
  }, 120_000);
});
