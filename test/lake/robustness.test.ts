// What the lake writer does with odd input, bounds and interruptions.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
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
import { duckdb, literal, parquetFiles } from "../helpers/duckdb.js";
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

// Any value, the odd kinds JSON has no room for included.
const anyValue = () =>
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
  });

async function describeFile(path: string): Promise<string> {
  const rows = await duckdb(
    `SELECT name, type, repetition_type, converted_type, logical_type FROM parquet_schema(${literal(path)})`,
  );
  return JSON.stringify(rows);
}

// Every path to a leaf of an event (a value that is not a plain object).
function leafPaths(
  value: Record<string, unknown>,
  path: string[] = [],
  out: string[][] = [],
): string[][] {
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "object" && item !== null && !Array.isArray(item)) {
      leafPaths(item as Record<string, unknown>, [...path, key], out);
    }
    out.push([...path, key]);
  }
  return out;
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

  // Regression: a getter or Proxy trap that threw while an event was read stopped the whole
  // write (writeOcsfLake rejected, every other event lost); a Map or Date was written as an
  // empty map or group, its data silently dropped.
  it("an event whose reads throw, or that holds a Map or Date for an object, is a rejected record", async () => {
    const good = events(6);
    const throwing = (key: string) => ({
      enumerable: true,
      get() {
        throw new Error(`secret ${key}`);
      },
    });
    const getterDevice = structuredClone(events(1, 20)[0]) as unknown as Record<string, unknown>;
    Object.defineProperty(getterDevice.device, "name", throwing("name"));
    const getterClass = Object.defineProperty({ ...good[0] }, "class_uid", throwing("class"));
    const getterTime = Object.defineProperty({ ...good[0] }, "time", throwing("time"));
    const getterUid = structuredClone(events(1, 21)[0]) as unknown as Record<string, unknown>;
    Object.defineProperty(getterUid.device, "uid", throwing("uid"));
    const proxy = new Proxy(structuredClone(events(1, 22)[0]) as object, {
      ownKeys() {
        throw new TypeError("secret keys");
      },
    });
    const map = { ...events(1, 23)[0], unmapped: new Map([["a", "b"]]) };
    // Describing it (for the reason) reads Symbol.toStringTag through the trap (regression).
    const proxyTime = { ...good[0], time: new Proxy({}, { get: throwing("time").get }) };
    const dated = events(1, 24)[0] as StrictDeviceInventoryEvent<"1.3.0">;
    const date = { ...dated, device: { ...dated.device, os: new Date(0) } };
    const result = await writeOcsfLake(
      [
        good[0],
        getterDevice,
        getterClass,
        getterTime,
        getterUid,
        proxy,
        map,
        date,
        proxyTime,
        ...good.slice(1),
      ],
      { outDir: scratch(), region: "us-east-1", ocsfVersion: VERSION },
    );
    expect(result.rows).toBe(6);
    expect(result.errors.map((error) => [error.index, error.field])).toStrictEqual([
      [1, "device.name"],
      [2, "class_uid"],
      [3, "time"],
      [4, "device.uid"],
      [5, ""],
      [6, "unmapped"],
      [7, "device.os"],
      [8, "time"],
    ]);
    expect(result.errors[0]?.message).toBe(
      `event 1 (uid "${(getterDevice.device as { uid: string }).uid}"): field "device.name" could not be read (reading or writing it threw Error)`,
    );
    expect(result.errors[5]?.reason).toBe("is a Map, not an object");
    expect(result.errors[6]?.reason).toBe("is a Date, not an object");
    expect(result.errors[7]?.reason).toBe(
      "is an object, not a 64-bit integer of epoch milliseconds",
    );
    expect(result.errors.map(String).join("\n")).not.toContain("secret");
  });

  // Regression: `time` was read three times (file, sort, column): an inherited `time` was
  // written as null, and a getter answering another day on a later read put a row of
  // 2025-01-09 in the file of eventDay=20250106. Inherited fields are not the event's (as
  // for JSON.stringify): an inherited `time` or `class_uid` is missing.
  it("writes the `time` that picked the file, read once; inherited fields are missing", async () => {
    const [first, second] = events(2);
    const { time: _first, ...own } = first as StrictDeviceInventoryEvent<"1.3.0">;
    const inherited = Object.assign(Object.create({ time: Date.UTC(2025, 0, 5) }), own);
    const { time: _second, ...rest } = second as StrictDeviceInventoryEvent<"1.3.0">;
    let reads = 0;
    const flipping = Object.defineProperty({ ...rest }, "time", {
      enumerable: true,
      get: () => (reads++ === 0 ? Date.UTC(2025, 0, 6) : Date.UTC(2025, 0, 9)),
    });
    const { class_uid: _class, ...classless } = second as StrictDeviceInventoryEvent<"1.3.0">;
    const inheritedClass = Object.assign(Object.create({ class_uid: 5001 }), classless);
    const out = scratch();
    const result = await writeOcsfLake([inherited, flipping, inheritedClass], {
      outDir: out,
      region: "us-east-1",
      ocsfVersion: VERSION,
    });
    expect(result.errors.map((error) => [error.index, error.field, error.reason])).toStrictEqual([
      [0, "time", "is missing"],
      [2, "class_uid", expect.stringMatching(/^is undefined, a class/)],
    ]);
    expect(
      result.files.map((file) => [file.eventDay, file.firstTime, file.lastTime]),
    ).toStrictEqual([["20250106", Date.UTC(2025, 0, 6), Date.UTC(2025, 0, 6)]]);
    const rows = await duckdb(
      `SELECT eventDay, time, class_uid FROM read_parquet(${literal(`${out}/ext/**/*.parquet`)}, hive_partitioning = true)`,
    );
    expect(rows).toStrictEqual([
      { eventDay: "20250106", time: String(Date.UTC(2025, 0, 6)), class_uid: 5001 },
    ]);
  });

  // Regression: the reason quoted class_uid and metadata.version with JSON.stringify, which
  // threw on a BigInt, a cycle or a throwing toJSON and so stopped the whole write.
  it("any value for class_uid, metadata.version or time is a rejected record, never a failed write (fast-check)", async () => {
    const [good] = events(1);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const odd = fc.oneof(
      anyValue(),
      fc.constantFrom<unknown>(10n, cycle, {
        toJSON: () => {
          throw new Error("secret");
        },
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("class_uid", "metadata.version", "time"),
        odd,
        async (field, value) => {
          const bad = structuredClone(good) as unknown as Record<string, Record<string, unknown>>;
          if (field === "metadata.version")
            (bad.metadata as Record<string, unknown>).version = value;
          else (bad as Record<string, unknown>)[field] = value;
          const result = await writeOcsfLake([bad, good], {
            outDir: scratch(),
            region: "us-east-1",
            ocsfVersion: VERSION,
          });
          // A value that happens to fit (class_uid 5001, a time) is written: no failure either way.
          expect(result.rows + result.rejected).toBe(2);
          expect(result.rows).toBeGreaterThanOrEqual(1);
          for (const error of result.errors) expect(error.message).not.toContain("secret");
        },
      ),
      { numRuns: 40 },
    );
  });

  // The kind: "a bad record never stops or hides the others", for any value anywhere (exotic
  // objects, BigInts, Proxies whose traps throw, getters that throw) at any depth.
  it("any value anywhere in an event never stops the write nor touches the other rows (fast-check)", async () => {
    const good = events(3, 7);
    const trap = () => {
      throw new Error("secret");
    };
    // Proxies and throwing getters are built in the property (fast-check could not print them).
    const traps = [
      () => new Proxy({}, { ownKeys: trap }),
      () => new Proxy({ a: 1 }, { get: trap }),
      () => new Proxy([], { get: trap }),
      () => new Proxy({}, { getPrototypeOf: trap }),
      () => Object.defineProperty({}, "a", { enumerable: true, get: trap }),
    ];
    const hostile = fc.oneof(
      fc.record({
        value: anyValue(),
      }),
      fc.record({ trap: fc.nat({ max: traps.length - 1 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.boolean(), hostile), { minLength: 1, maxLength: 20 }),
        async (plan) => {
          const writer = new OcsfLakeWriter({
            outDir: scratch(),
            region: "us-east-1",
            ocsfVersion: VERSION,
          });
          for (const [pick, replace, value] of plan) {
            const event = structuredClone(good[pick % good.length]) as unknown as Record<
              string,
              unknown
            >;
            const paths = leafPaths(event);
            const path = paths[pick % paths.length] as string[];
            let at = event;
            for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
            // Replace an attribute, or add the value beside it under a new name.
            at[replace ? (path.at(-1) as string) : "extra"] =
              "trap" in value ? (traps[value.trap] as () => unknown)() : value.value;
            await writer.write(event);
            await writer.write(good[pick % good.length]);
          }
          const result = await writer.close();
          expect(result.rows + result.rejected).toBe(2 * plan.length);
          expect(result.rows).toBeGreaterThanOrEqual(plan.length);
          for (const error of result.errors) expect(error.message).not.toContain("secret");
        },
      ),
      { numRuns: 30 },
    );
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
