// `okta-device-ocsf sync`, run as the built bin against fake orgs served by this process.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mappingRevision } from "../../src/index.js";
import {
  SekoiaDeviceDeletionEventSchema,
  SekoiaDeviceInventoryEventSchema,
  StrictDeviceDeletionEventSchema,
  strictDeviceInventoryEventSchema,
} from "../../src/schemas/index.js";
import {
  type FakeOktaOrg,
  type FakeOktaOrgOptions,
  startFakeOktaOrg,
} from "../../src/testing/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = resolve(root, "dist/cli.js");
let work = "";
const orgs: FakeOktaOrg[] = [];

beforeAll(() => {
  if (!existsSync(bin))
    throw new Error("dist/cli.js is missing: run `npm run build` first (npm test does)");
  work = mkdtempSync(join(tmpdir(), "okta-device-ocsf-sync-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(orgs.splice(0).map((org) => org.close()));
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], token: string): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env, OKTA_API_TOKEN: token };
    const child = spawn(process.execPath, [bin, ...args], { cwd: work, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
    child.stdin.end("");
  });
}

async function org(options: FakeOktaOrgOptions): Promise<FakeOktaOrg> {
  const started = await startFakeOktaOrg(options);
  orgs.push(started);
  return started;
}

const events = (text: string) =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { class_uid: number; entity?: { uid: string } });

describe("okta-device-ocsf sync", () => {
  it("writes the inventory, then only changes and deletions, and saves the state after the output", async () => {
    const fake = await org({ count: 25, pageSize: 10 });
    const state = join(work, "inventory.state.json");
    const out = join(work, "events.ndjson");
    const base = ["sync", "--base-url", fake.baseUrl, "--allow-insecure-http", "--state", state];
    const first = await cli([...base, "--out", out], fake.token);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/sync: full run \(no-state\), 25 listed, 25 new/);
    const written = events(readFileSync(out, "utf8"));
    expect(written).toHaveLength(25);
    for (const event of written) SekoiaDeviceInventoryEventSchema.parse(event);
    expect(JSON.parse(readFileSync(state, "utf8"))).toMatchObject({ version: 1 });

    const gone = [fake.devices[2]!.id, fake.devices[20]!.id];
    for (const id of gone) fake.deleteDevice(id);
    fake.updateDevice(fake.devices[5]!.id, { status: "DEACTIVATED" });
    // Incremental by schedule: the change, no deletion.
    const incremental = await cli(base, fake.token);
    expect(incremental.status).toBe(0);
    const changed = events(incremental.stdout);
    expect(changed.map((event) => event.class_uid)).toStrictEqual([5001]);
    SekoiaDeviceInventoryEventSchema.parse(changed[0]);
    // Forced full run, strict profile in OCSF 1.3.0: the state's events are of another
    // mapping revision, so every device is written again in 1.3.0, then the two deletions.
    const full = await cli(
      [...base, "--full", "--profile", "ocsf", "--ocsf-version", "1.3.0"],
      fake.token,
    );
    expect(full.status).toBe(0);
    const rewritten = events(full.stdout);
    const inventory = rewritten.filter((event) => event.class_uid === 5001);
    expect(inventory).toHaveLength(23);
    for (const event of inventory) {
      expect(strictDeviceInventoryEventSchema("1.3.0").parse(event).metadata.version).toBe("1.3.0");
    }
    const deletions = rewritten.filter((event) => event.class_uid === 3004);
    expect(deletions.map((event) => event.entity?.uid).sort()).toStrictEqual(gone.sort());
    for (const event of deletions) {
      expect(StrictDeviceDeletionEventSchema.parse(event).metadata.version).toBe("1.3.0");
    }
    expect(full.stderr).toContain(
      `sync: the state's events were written in mapping revision ${mappingRevision()}, this run writes ${mappingRevision({ profile: "ocsf", ocsfVersion: "1.3.0" })}: a full run writes every device again`,
    );
    expect(full.stderr).toMatch(/full run \(requested\), 23 listed, 0 new, 23 updated, 2 deleted/);
    expect(JSON.parse(readFileSync(state, "utf8"))).toMatchObject({
      mappingRevision: mappingRevision({ profile: "ocsf", ocsfVersion: "1.3.0" }),
    });
    const again = await cli(
      [...base, "--full", "--profile", "ocsf", "--ocsf-version", "1.3.0"],
      fake.token,
    );
    expect(again.stdout).toBe("");
    expect(again.stderr).not.toContain("writes every device again");
  });

  it("a run in another OCSF version, or from a state without a revision, writes every device again", async () => {
    const fake = await org({ count: 12 });
    const state = join(work, "revision.state.json");
    const base = ["sync", "--base-url", fake.baseUrl, "--allow-insecure-http", "--state", state];
    const ocsf = [...base, "--profile", "ocsf"];
    expect(
      events((await cli([...ocsf, "--ocsf-version", "1.8.0"], fake.token)).stdout),
    ).toHaveLength(12);
    expect(
      events((await cli([...ocsf, "--ocsf-version", "1.8.0"], fake.token)).stdout),
    ).toHaveLength(0);
    // Incremental by schedule, but in another version: not the changes only.
    const other = await cli([...ocsf, "--ocsf-version", "1.4.0"], fake.token);
    expect(other.status).toBe(0);
    const written = events(other.stdout) as { metadata?: { version?: string } }[];
    expect(written.map((event) => event.metadata?.version)).toStrictEqual(Array(12).fill("1.4.0"));
    // A state file of an earlier release has no revision: its events are of unknown shape.
    const saved = JSON.parse(readFileSync(state, "utf8")) as Record<string, unknown>;
    expect(saved.mappingRevision).toBe(mappingRevision({ profile: "ocsf", ocsfVersion: "1.4.0" }));
    delete saved.mappingRevision;
    writeFileSync(state, JSON.stringify(saved));
    const unknown = await cli([...ocsf, "--ocsf-version", "1.4.0"], fake.token);
    expect(events(unknown.stdout)).toHaveLength(12);
    expect(unknown.stderr).toContain(
      `sync: the state does not say which mapping revision its events were written in, this run writes ${mappingRevision({ profile: "ocsf", ocsfVersion: "1.4.0" })}`,
    );
  });

  it("the sekoia profile writes the typed deletion result", async () => {
    const fake = await org({ count: 5 });
    const state = join(work, "sekoia.state.json");
    const base = ["sync", "--base-url", fake.baseUrl, "--allow-insecure-http", "--state", state];
    expect((await cli(base, fake.token)).status).toBe(0);
    fake.deleteDevice(fake.devices[0]!.id);
    const run = await cli([...base, "--full-every", "0s"], fake.token);
    const [deletion] = events(run.stdout);
    expect(SekoiaDeviceDeletionEventSchema.parse(deletion).entity.uid).toBeDefined();
  });

  it("a failed run writes no deletion and leaves the state file as it was", async () => {
    const fake = await org({ count: 40, pageSize: 10 });
    const state = join(work, "failing.state.json");
    const base = ["sync", "--base-url", fake.baseUrl, "--allow-insecure-http", "--state", state];
    expect((await cli(base, fake.token)).status).toBe(0);
    const saved = readFileSync(state, "utf8");
    fake.deleteDevice(fake.devices[0]!.id);
    await fake.close();
    const failing = await org({
      devices: fake.devices,
      pageSize: 10,
      faults: [{ kind: "401", at: 3 }],
    });
    const run = await cli(
      ["sync", "--base-url", failing.baseUrl, "--allow-insecure-http", "--state", state, "--full"],
      failing.token,
    );
    expect(run.status).toBe(11);
    expect(run.stderr).toMatch(/No deletion was written and the state was not moved/);
    expect(events(run.stdout).every((event) => event.class_uid === 5001)).toBe(true);
    expect(readFileSync(state, "utf8")).toBe(saved);
  });

  it("refuses an unusable state file, naming the field, and bad options", async () => {
    const fake = await org({ count: 1 });
    const state = join(work, "broken.state.json");
    writeFileSync(state, JSON.stringify({ version: 9 }));
    const base = ["sync", "--base-url", fake.baseUrl, "--allow-insecure-http", "--state", state];
    const broken = await cli(base, fake.token);
    expect(broken.status).toBe(64);
    expect(broken.stderr).toMatch(/state .*broken\.state\.json: Device sync state: version is 9/);
    const duration = await cli([...base, "--full-every", "soon"], fake.token);
    expect(duration.status).toBe(64);
    expect(duration.stderr).toMatch(/--full-every must be a duration/);
    const version = await cli([...base, "--ocsf-version", "1.3.0"], fake.token);
    expect(version.stderr).toMatch(/--ocsf-version applies to --profile ocsf only/);
    const missing = await cli(["sync", "--base-url", fake.baseUrl], fake.token);
    expect(missing.stderr).toMatch(/sync needs --state FILE/);
  });
});
