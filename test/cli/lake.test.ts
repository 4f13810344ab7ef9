// `map` and `fetch` with --format parquet: the built bin as a subprocess, its files read back
// with DuckDB.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOktaDevices, startFakeOktaOrg } from "../../src/testing/index.js";
import { duckdb, literal } from "../helpers/duckdb.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = resolve(root, "dist/cli.js");
let work = "";

beforeAll(() => {
  if (!existsSync(bin)) throw new Error("dist/cli.js is missing: run `npm run build` first");
  work = mkdtempSync(join(tmpdir(), "okta-device-ocsf-cli-lake-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: work,
      env: { ...process.env, OKTA_API_TOKEN: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (status) => done({ status, stdout, stderr }));
    child.stdin.end();
  });
}

const parquetFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) =>
    file.endsWith(".parquet"),
  );

describe("okta-device-ocsf map --format parquet", () => {
  it("writes Security Lake's layout, OCSF 1.3.0, read back by DuckDB; nothing on stdout", async () => {
    const devices = generateOktaDevices(500, { seed: 21, expand: "user" });
    const input = join(work, "devices.json");
    writeFileSync(input, JSON.stringify(devices));
    const out = join(work, "map-lake");
    const run = await cli([
      "map",
      input,
      "--format",
      "parquet",
      "--out-dir",
      out,
      "--lake-region",
      "eu-central-1",
      "--lake-source",
      "okta_inventory",
    ]);
    expect(run.stderr).toMatch(
      /map: 500 event\(s\) written, 0 record\(s\) failed \(profile ocsf\); 500 event\(s\) in \d+ Parquet file\(s\)/,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    expect(
      parquetFiles(out).every((file) =>
        file.startsWith("ext/okta_inventory/region=eu-central-1/accountId=external/eventDay="),
      ),
    ).toBe(true);
    const rows = await duckdb(
      `SELECT device.uid AS uid, metadata.version AS version, region, accountId FROM read_parquet(${literal(`${out}/ext/**/*.parquet`)}, hive_partitioning = true) ORDER BY uid`,
    );
    expect(rows.map((row) => row.uid)).toStrictEqual(devices.map((device) => device.id).sort());
    expect(
      new Set(rows.map((row) => `${row.version} ${row.region} ${row.accountId}`)),
    ).toStrictEqual(new Set(["1.3.0 eu-central-1 external"]));
  });

  it("refuses wrong combinations as usage errors (exit 64), naming the flag", async () => {
    const cases: [string[], RegExp][] = [
      [["--format", "parquet", "--out-dir", "x"], /--format parquet needs --lake-region/],
      [["--format", "parquet", "--lake-region", "us-east-1"], /--format parquet needs --out-dir/],
      [["--out-dir", "x"], /--out-dir needs --format parquet/],
      [["--format", "csv"], /--format must be ndjson or parquet/],
      [
        ["--format", "parquet", "--out-dir", "x", "--lake-region", "Mars"],
        /--lake-region must be an AWS region/,
      ],
      [
        [
          "--format",
          "parquet",
          "--out-dir",
          "x",
          "--lake-region",
          "us-east-1",
          "--lake-account",
          "12",
        ],
        /--lake-account must be a 12-digit/,
      ],
      [
        [
          "--format",
          "parquet",
          "--out-dir",
          "x",
          "--lake-region",
          "us-east-1",
          "--profile",
          "sekoia",
        ],
        /use --profile ocsf/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await cli(["map", "-", ...args]);
      expect(run.stderr).toMatch(message);
      expect(run.status).toBe(64);
    }
  });
});

describe("okta-device-ocsf fetch --format parquet", () => {
  it("writes the org's devices as Parquet, and with a checkpoint the second run only what changed", async () => {
    const org = await startFakeOktaOrg({ count: 450 });
    try {
      const out = join(work, "fetch-lake");
      const args = [
        "fetch",
        "--base-url",
        org.baseUrl,
        "--allow-insecure-http",
        "--checkpoint",
        join(work, "lake.checkpoint.json"),
        "--format",
        "parquet",
        "--out-dir",
        out,
        "--lake-region",
        "us-west-2",
        "--lake-account",
        "123456789012",
      ];
      const first = await cli(args, { OKTA_API_TOKEN: org.token });
      expect(first.status).toBe(0);
      expect(first.stderr).toMatch(/450 event\(s\) in \d+ Parquet file\(s\)/);
      const count = async () =>
        Number(
          (
            await duckdb(
              `SELECT count(*) AS n FROM read_parquet(${literal(`${out}/ext/**/*.parquet`)})`,
            )
          )[0]?.n,
        );
      expect(await count()).toBe(450);
      const changed = org.devices[7]?.id ?? "";
      org.updateDevice(changed, { status: "SUSPENDED" }, "2030-01-01T00:00:00.000Z");
      const second = await cli(args, { OKTA_API_TOKEN: org.token });
      expect(second.status).toBe(0);
      expect(await count()).toBe(451);
      const [latest] = await duckdb(
        `SELECT device.uid AS uid, unmapped['status'] AS status, eventDay FROM read_parquet(${literal(`${out}/ext/**/*.parquet`)}, hive_partitioning = true) WHERE time = (SELECT max(time) FROM read_parquet(${literal(`${out}/ext/**/*.parquet`)}))`,
      );
      expect(latest).toStrictEqual({ uid: changed, status: "SUSPENDED", eventDay: "20300101" });
      expect(second.stderr).not.toContain(org.token);
    } finally {
      await org.close();
    }
  });
});
