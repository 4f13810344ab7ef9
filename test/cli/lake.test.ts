// `map`, `fetch` and `sync` with --format parquet: the built bin as a subprocess, its files read
// back with DuckDB.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateOktaDevices } from "../../src/testing/index.js";
import { duckdb, literal } from "../helpers/duckdb.js";
import { useCliFixture } from "./cli-fixture.js";
import { runCli } from "./run-cli.js";
import { cli as spawnCli } from "./subprocess.js";

const fixture = useCliFixture("okta-device-ocsf-cli-lake-");
const org = fixture.org;

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: fixture.work, env, input: "" });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((file) =>
    file.split("\\").join("/"),
  );
}

const parquet = (dir: string, source = "*") => literal(`${dir}/ext/${source}/**/*.parquet`);
const lake = (outDir: string) => ["--format", "parquet", "--out-dir", outDir];

describe("okta-device-ocsf map --format parquet", () => {
  it("writes Security Lake's layout in OCSF 1.3.0, read back by DuckDB; nothing on stdout", async () => {
    const devices = generateOktaDevices(2000, { seed: 21, expand: "user" });
    const input = join(fixture.work, "devices.json");
    writeFileSync(input, JSON.stringify(devices));
    const out = join(fixture.work, "map-lake");
    const run = await cli([
      "map",
      input,
      ...lake(out),
      "--lake-region",
      "eu-central-1",
      "--lake-source",
      "okta_inventory",
    ]);
    expect(run.stderr).toMatch(
      /map: 2000 event\(s\) written, 0 record\(s\) failed \(profile ocsf\); 2000 event\(s\) in \d+ Parquet file\(s\) under .*\/ext\/okta_inventory, 0 not written to Parquet/,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    const files = filesUnder(out).filter((file) => file.endsWith(".parquet"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file).toMatch(
        /^ext\/okta_inventory\/region=eu-central-1\/accountId=external\/eventDay=\d{8}\/[\w-]+\.zstd\.parquet$/,
      );
    }
    // No temporary folder or file left behind.
    expect(readdirSync(out)).toStrictEqual(["ext"]);
    const rows = await duckdb(
      `SELECT device.uid AS uid, device.os.name AS os, time, metadata.version AS version, region, accountId FROM read_parquet(${parquet(out)}, hive_partitioning = true) ORDER BY uid`,
    );
    const ndjson = await cli(["map", input, "--profile", "ocsf", "--ocsf-version", "1.3.0"]);
    const expected = ndjson.stdout
      .trim()
      .split("\n")
      .map(
        (line) =>
          JSON.parse(line) as { device: { uid: string; os?: { name: string } }; time: number },
      )
      .map((event) => ({
        uid: event.device.uid,
        os: event.device.os?.name ?? null,
        time: String(event.time),
        version: "1.3.0",
        region: "eu-central-1",
        accountId: "external",
      }))
      .sort((a, b) => (a.uid < b.uid ? -1 : 1));
    expect(rows).toStrictEqual(expected);
  });

  it("writes another OCSF version when asked, with a note that Security Lake takes 1.3.0", async () => {
    const input = join(fixture.work, "few.json");
    writeFileSync(input, JSON.stringify(generateOktaDevices(20, { seed: 5 })));
    const out = join(fixture.work, "map-lake-1.6");
    const run = await cli([
      "map",
      input,
      ...lake(out),
      "--lake-region",
      "us-east-1",
      "--ocsf-version",
      "1.6.0",
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      "note: Parquet of OCSF 1.6.0: Amazon Security Lake takes OCSF 1.3.0 or earlier",
    );
    const rows = await duckdb(
      `SELECT DISTINCT metadata.version AS version FROM read_parquet(${parquet(out)})`,
    );
    expect(rows).toStrictEqual([{ version: "1.6.0" }]);
  });

  it("refuses wrong combinations as usage errors (exit 64), naming the flag, echoing no value", async () => {
    const cases: [string[], string][] = [
      [["--format", "parquet", "--out-dir", "x"], "--format parquet needs --lake-region REGION"],
      [
        ["--format", "parquet", "--lake-region", "us-east-1"],
        "--format parquet needs --out-dir DIR",
      ],
      [["--out-dir", "x"], "--out-dir needs --format parquet"],
      [["--lake-region", "us-east-1"], "--lake-region needs --format parquet"],
      [["--format", "csv-secret"], "--format must be ndjson or parquet"],
      [
        [...lake("x"), "--lake-region", "Mars-secret"],
        '--lake-region must be an AWS region such as "us-east-1"',
      ],
      [
        [...lake("x"), "--lake-region", "us-east-1", "--lake-account", "12-secret"],
        '--lake-account must be a 12-digit AWS account id or "external"',
      ],
      [
        [...lake("x"), "--lake-region", "us-east-1", "--lake-source", "a/b-secret"],
        '--lake-source must be 1 to 64 letters, digits, "-" or "_"',
      ],
      [
        [...lake("x"), "--lake-region", "us-east-1", "--profile", "sekoia"],
        "--format parquet writes the strict OCSF profile: use --profile ocsf or leave --profile out",
      ],
      [
        [...lake("x"), "--lake-region", "us-east-1", "--ocsf-version", "1.2.0"],
        "--ocsf-version must be one of 1.3.0",
      ],
      [
        [
          ...lake("x"),
          "--lake-region",
          "us-east-1",
          "--lake-deletion-source",
          "okta-device-inventory",
        ],
        "--lake-deletion-source must give each class its own source",
      ],
    ];
    for (const [args, message] of cases) {
      const run = await cli(["map", "-", ...args]);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain("secret");
      expect(run.status).toBe(64);
      expect(existsSync(join(fixture.work, "x"))).toBe(false);
    }
  });
});

describe("okta-device-ocsf fetch --format parquet", () => {
  it("writes the org's devices; with a checkpoint the second run writes only what changed", async () => {
    const fake = await org({ count: 450 });
    const out = join(fixture.work, "fetch-lake");
    const checkpoint = join(fixture.work, "lake.checkpoint.json");
    const args = [
      "fetch",
      "--base-url",
      fake.baseUrl,
      "--allow-insecure-http",
      "--checkpoint",
      checkpoint,
      ...lake(out),
      "--lake-region",
      "us-west-2",
      "--lake-account",
      "123456789012",
    ];
    const first = await cli(args, { OKTA_API_TOKEN: fake.token });
    expect(first.stderr).toMatch(
      /450 event\(s\) in \d+ Parquet file\(s\) under .*okta-device-inventory/,
    );
    expect(first.status).toBe(0);
    expect(first.stdout).toBe("");
    expect(existsSync(checkpoint)).toBe(true);
    const count = async () =>
      Number((await duckdb(`SELECT count(*) AS n FROM read_parquet(${parquet(out)})`))[0]?.n);
    expect(await count()).toBe(450);
    const changed = fake.devices[7]?.id ?? "";
    fake.updateDevice(changed, { status: "SUSPENDED" }, "2030-01-01T00:00:00.000Z");
    const second = await cli(args, { OKTA_API_TOKEN: fake.token });
    expect(second.status).toBe(0);
    expect(await count()).toBe(451);
    const [latest] = await duckdb(
      `SELECT device.uid AS uid, unmapped['status'] AS status, eventDay, accountId FROM read_parquet(${parquet(out)}, hive_partitioning = true) ORDER BY time DESC LIMIT 1`,
    );
    expect(latest).toStrictEqual({
      uid: changed,
      status: "SUSPENDED",
      eventDay: "20300101",
      accountId: "123456789012",
    });
    expect(`${first.stderr}${second.stderr}`).not.toContain(fake.token);
  });

  it("moves no checkpoint when the Parquet files cannot be written (exit 74, the path named)", async () => {
    const fake = await org({ count: 30 });
    const out = join(fixture.work, "fetch-lake-broken");
    mkdirSync(out);
    // `ext` is a file: no partition folder can be made under it.
    writeFileSync(join(out, "ext"), "not a folder");
    const checkpoint = join(fixture.work, "broken.checkpoint.json");
    const run = await cli(
      [
        "fetch",
        "--base-url",
        fake.baseUrl,
        "--allow-insecure-http",
        "--checkpoint",
        checkpoint,
        ...lake(out),
        "--lake-region",
        "us-east-1",
      ],
      { OKTA_API_TOKEN: fake.token },
    );
    expect(run.stderr).toMatch(/cannot write Parquet files under .*fetch-lake-broken: E[A-Z]+/);
    expect(run.status).toBe(74);
    expect(existsSync(checkpoint)).toBe(false);
    // Nothing half-written: no temporary file left either.
    expect(filesUnder(out).filter((file) => file.endsWith(".tmp"))).toStrictEqual([]);
  });
});

describe("okta-device-ocsf fetch --format parquet, interrupted", () => {
  it("SIGINT: complete files only, nothing under a temporary name, the checkpoint untouched", async () => {
    const fake = await org({ count: 1000, faults: [{ kind: "hang", at: 3 }] });
    const out = join(fixture.work, "fetch-lake-interrupted");
    const checkpoint = join(fixture.work, "interrupted.checkpoint.json");
    // The third request hangs: the signal comes while the listing waits for it.
    const run = await spawnCli(
      [
        "fetch",
        "--base-url",
        fake.baseUrl,
        "--allow-insecure-http",
        "--checkpoint",
        checkpoint,
        ...lake(out),
        "--lake-region",
        "us-east-1",
      ],
      {
        cwd: fixture.work,
        env: { OKTA_API_TOKEN: fake.token },
        signal: { name: "SIGINT", when: () => fake.requests.length >= 3 },
      },
    );
    // The client may ask for a page before the previous one is mapped: how many devices were
    // listed when the signal came varies; every one listed is written, in complete files.
    const interrupted =
      /fetch: interrupted \(SIGINT\) after (\d+) devices \(\d+ pages\), (\d+) event\(s\) written; checkpoint not advanced/.exec(
        run.stderr,
      );
    expect(interrupted?.[1]).toBe(interrupted?.[2]);
    const written = Number(interrupted?.[2]);
    expect(written).toBeGreaterThanOrEqual(200);
    expect(run.status).toBe(130);
    expect(existsSync(checkpoint)).toBe(false);
    const files = filesUnder(out);
    expect(files.filter((file) => !file.startsWith("ext"))).toStrictEqual([]);
    // The devices listed before the signal are in complete files DuckDB reads.
    const [count] = await duckdb(`SELECT count(*) AS n FROM read_parquet(${parquet(out)})`);
    expect(count).toStrictEqual({ n: String(written) });
  });
});

describe("okta-device-ocsf sync --format parquet", () => {
  it("writes inventory and deletion events, each class to its own source; the state after the files", async () => {
    const fake = await org({ count: 120, pageSize: 50 });
    const out = join(fixture.work, "sync-lake");
    const state = join(fixture.work, "lake.state.json");
    const args = [
      "sync",
      "--base-url",
      fake.baseUrl,
      "--allow-insecure-http",
      "--state",
      state,
      ...lake(out),
      "--lake-region",
      "ap-southeast-2",
      "--lake-deletion-source",
      "okta_deleted",
    ];
    const first = await cli(args, { OKTA_API_TOKEN: fake.token });
    expect(first.stderr).toMatch(
      /120 event\(s\) in \d+ Parquet file\(s\) under .*okta-device-inventory/,
    );
    expect(first.status).toBe(0);
    const gone = [fake.devices[3]?.id, fake.devices[50]?.id, fake.devices[99]?.id] as string[];
    for (const id of gone) expect(fake.deleteDevice(id)).toBe(true);
    const changed = fake.devices[10]?.id ?? "";
    fake.updateDevice(changed, { status: "SUSPENDED" }, new Date().toISOString());
    const second = await cli([...args, "--full"], { OKTA_API_TOKEN: fake.token });
    expect(second.stderr).toMatch(/3 deleted/);
    expect(second.stderr).toMatch(/under .*\/ext\/\{okta-device-inventory,okta_deleted\}/);
    expect(second.status).toBe(0);
    expect(readdirSync(join(out, "ext")).sort()).toStrictEqual([
      "okta-device-inventory",
      "okta_deleted",
    ]);
    const deleted = await duckdb(
      `SELECT entity.uid AS uid, class_uid, type_uid, metadata.version AS version, region FROM read_parquet(${parquet(out, "okta_deleted")}, hive_partitioning = true) ORDER BY uid`,
    );
    expect(deleted).toStrictEqual(
      [...gone].sort().map((uid) => ({
        uid,
        class_uid: 3004,
        type_uid: "300404",
        version: "1.3.0",
        region: "ap-southeast-2",
      })),
    );
    const inventory = await duckdb(
      `SELECT DISTINCT class_uid FROM read_parquet(${parquet(out, "okta-device-inventory")})`,
    );
    expect(inventory).toStrictEqual([{ class_uid: 5001 }]);
    const [suspended] = await duckdb(
      `SELECT count(*) AS n FROM read_parquet(${parquet(out, "okta-device-inventory")}) WHERE device.uid = ${literal(changed)} AND unmapped['status'] = 'SUSPENDED'`,
    );
    expect(suspended).toStrictEqual({ n: "1" });
    const saved = JSON.parse(readFileSync(state, "utf8")) as object;
    expect(JSON.stringify(saved)).not.toContain(gone[0]);
  });

  it("leaves the state as it was when the Parquet files cannot be written", async () => {
    const fake = await org({ count: 10 });
    const out = join(fixture.work, "sync-lake-broken");
    mkdirSync(out);
    writeFileSync(join(out, "ext"), "not a folder");
    const state = join(fixture.work, "broken.state.json");
    const run = await cli(
      [
        "sync",
        "--base-url",
        fake.baseUrl,
        "--allow-insecure-http",
        "--state",
        state,
        ...lake(out),
        "--lake-region",
        "us-east-1",
      ],
      { OKTA_API_TOKEN: fake.token },
    );
    expect(run.stderr).toMatch(/cannot write Parquet files under .*sync-lake-broken: E[A-Z]+/);
    expect(run.status).toBe(74);
    expect(existsSync(state)).toBe(false);
  });
});
