// `--ocsf-version`, through the built bin (npm test builds first), as a user runs it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { mappingRevision } from "../../src/index.js";
import { strictDeviceInventoryEventSchema } from "../../src/schemas/index.js";
import { startFakeOktaOrg } from "../../src/testing/index.js";
import { pageNonCompliantDevice } from "../fixtures/page-examples.js";
import { lines, runCli } from "./run-cli.js";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/cli.js");

beforeAll(() => {
  if (!existsSync(bin)) throw new Error("dist/cli.js is missing: run `npm run build` first");
});

function map(args: string[], input: unknown) {
  return spawnSync(process.execPath, [bin, "map", ...args], {
    input: JSON.stringify(input),
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("okta-device-ocsf map --ocsf-version", () => {
  it("writes events of the chosen version", () => {
    const run = map(["--profile", "ocsf", "--ocsf-version", "1.3.0"], [pageNonCompliantDevice]);
    expect(run.status).toBe(0);
    const event = strictDeviceInventoryEventSchema("1.3.0").parse(JSON.parse(run.stdout));
    expect(event.metadata.version).toBe("1.3.0");
    expect(event.device.imei).toBe("356938035643809");
  });

  it("refuses it with the sekoia profile (usage error, exit 64), saying why", () => {
    const run = map(["--ocsf-version", "1.3.0"], [pageNonCompliantDevice]);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain("--ocsf-version applies to --profile ocsf only");
    expect(run.stdout).toBe("");
  });

  it("refuses an unknown version, listing the supported ones", () => {
    const run = map(["--profile", "ocsf", "--ocsf-version", "1.2"], [pageNonCompliantDevice]);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain(
      "--ocsf-version must be one of 1.3.0, 1.4.0, 1.5.0, 1.6.0, 1.7.0, 1.8.0",
    );
  });
});

// `demo` and `fetch` list an org: run asynchronously, so that an in-process fake org serves.
describe("okta-device-ocsf demo --ocsf-version", () => {
  it("writes every demo event in the chosen version, and says which in the summary", async () => {
    const run = await runCli(["demo", "--profile", "ocsf", "--ocsf-version", "1.3.0"]);
    expect(run.status).toBe(0);
    const events = lines(run.stdout).map((line) => JSON.parse(line) as unknown);
    expect(events).toHaveLength(1004);
    const schema = strictDeviceInventoryEventSchema("1.3.0");
    for (const event of events) expect(schema.parse(event).metadata.version).toBe("1.3.0");
    expect(run.stderr).toContain("1004 events (profile ocsf, OCSF 1.3.0), 1 not mapped");
  });

  it("refuses it with the sekoia profile and an unknown version, before starting an org", async () => {
    const sekoia = await runCli(["demo", "--ocsf-version", "1.3.0"]);
    expect(sekoia.status).toBe(64);
    expect(sekoia.stderr).toContain("--ocsf-version applies to --profile ocsf only");
    expect(sekoia.stdout).toBe("");
    for (const version of ["1.9.0", "1.6", ""]) {
      const unknown = await runCli(["demo", "--profile", "ocsf", `--ocsf-version=${version}`]);
      expect(unknown.status).toBe(64);
      expect(unknown.stderr).toContain(
        `--ocsf-version must be one of 1.3.0, 1.4.0, 1.5.0, 1.6.0, 1.7.0, 1.8.0, got ${JSON.stringify(version)}`,
      );
      expect(unknown.stdout).toBe("");
    }
  });

  it("is in the demo's help", async () => {
    const help = await runCli(["demo", "--help"]);
    expect(help.stdout).toMatch(
      /--ocsf-version V\s+with --profile ocsf: the OCSF version, 1\.3\.0/,
    );
  });
});

describe("okta-device-ocsf fetch --ocsf-version", () => {
  it("writes events of the chosen version, and refuses it with the sekoia profile", async () => {
    const fake = await startFakeOktaOrg({ count: 30, seed: 15 });
    try {
      const base = ["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http"];
      const env = { OKTA_API_TOKEN: fake.token };
      const run = await runCli([...base, "--profile", "ocsf", "--ocsf-version", "1.4.0"], { env });
      expect(run.status).toBe(0);
      const events = lines(run.stdout).map((line) => JSON.parse(line) as unknown);
      expect(events).toHaveLength(30);
      const schema = strictDeviceInventoryEventSchema("1.4.0");
      for (const event of events) expect(schema.parse(event).metadata.version).toBe("1.4.0");
      const sekoia = await runCli([...base, "--ocsf-version", "1.4.0"], { env });
      expect(sekoia.status).toBe(64);
      expect(sekoia.stderr).toContain("--ocsf-version applies to --profile ocsf only");
      expect(sekoia.stdout).toBe("");
    } finally {
      await fake.close();
    }
  });
});

describe("okta-device-ocsf fetch --checkpoint records the mapping revision", () => {
  it("refuses a checkpoint written in another version: only changes would leave a mix", async () => {
    const fake = await startFakeOktaOrg({ count: 8, seed: 16 });
    const dir = mkdtempSync(join(tmpdir(), "okta-device-ocsf-revision-"));
    try {
      const checkpoint = join(dir, "checkpoint.json");
      const base = ["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http"];
      const run = (version: string) =>
        runCli(
          [...base, "--checkpoint", checkpoint, "--profile", "ocsf", "--ocsf-version", version],
          {
            env: { OKTA_API_TOKEN: fake.token },
          },
        );
      const first = await run("1.4.0");
      expect(first.status).toBe(0);
      expect(lines(first.stdout)).toHaveLength(8);
      const saved = JSON.parse(readFileSync(checkpoint, "utf8")) as Record<string, unknown>;
      expect(saved.mappingRevision).toBe(
        mappingRevision({ profile: "ocsf", ocsfVersion: "1.4.0" }),
      );
      const other = await run("1.3.0");
      expect(other.status).toBe(64);
      expect(other.stdout).toBe("");
      expect(other.stderr).toContain(
        `follows events of another mapping revision ${String(saved.mappingRevision)}, this run writes ${mappingRevision({ profile: "ocsf", ocsfVersion: "1.3.0" })}`,
      );
      expect(other.stderr).toContain("Delete the checkpoint to fetch every device again");
      const same = await run("1.4.0");
      expect(same.status).toBe(0);
      // A checkpoint of an earlier release records no revision: taken as it is.
      delete saved.mappingRevision;
      writeFileSync(checkpoint, JSON.stringify(saved));
      expect((await run("1.3.0")).status).toBe(0);
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
