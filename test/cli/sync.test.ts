// `okta-device-ocsf sync`, run as the built bin against fake orgs served by this process.
import { existsSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mappingRevision } from "../../src/index.js";
import {
  SekoiaDeviceDeletionEventSchema,
  SekoiaDeviceInventoryEventSchema,
  StrictDeviceDeletionEventSchema,
  strictDeviceInventoryEventSchema,
} from "../../src/schemas/index.js";
import { useCliFixture } from "./cli-fixture.js";
import { lines } from "./subprocess.js";

const fixture = useCliFixture("okta-device-ocsf-sync-");
const { org } = fixture;
const cli = (args: string[], token: string) =>
  fixture.run(args, { env: { OKTA_API_TOKEN: token } });

const events = (text: string) =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { class_uid: number; entity?: { uid: string } });

describe("okta-device-ocsf sync", () => {
  it("writes the inventory, then only changes and deletions, and saves the state after the output", async () => {
    const fake = await org({ count: 25, pageSize: 10 });
    const state = join(fixture.work, "inventory.state.json");
    const out = join(fixture.work, "events.ndjson");
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
    const state = join(fixture.work, "revision.state.json");
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
    const state = join(fixture.work, "sekoia.state.json");
    const base = ["sync", "--base-url", fake.baseUrl, "--allow-insecure-http", "--state", state];
    expect((await cli(base, fake.token)).status).toBe(0);
    fake.deleteDevice(fake.devices[0]!.id);
    const run = await cli([...base, "--full-every", "0s"], fake.token);
    const [deletion] = events(run.stdout);
    expect(SekoiaDeviceDeletionEventSchema.parse(deletion).entity.uid).toBeDefined();
  });

  it("a failed run writes no deletion and leaves the state file as it was", async () => {
    const fake = await org({ count: 40, pageSize: 10 });
    const state = join(fixture.work, "failing.state.json");
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

  it("a full listing that silently lost devices (no next link on page 2) writes no deletion", async () => {
    const fake = await org({ count: 40, pageSize: 10 });
    const state = join(fixture.work, "lossy.state.json");
    const base = ["sync", "--base-url", fake.baseUrl, "--allow-insecure-http", "--state", state];
    expect((await cli(base, fake.token)).status).toBe(0);
    const saved = readFileSync(state, "utf8");
    await fake.close();
    const lossy = await org({
      devices: fake.devices,
      pageSize: 10,
      faults: [{ kind: "end-early", at: 2 }],
    });
    const run = await cli(
      ["sync", "--base-url", lossy.baseUrl, "--allow-insecure-http", "--state", state, "--full"],
      lossy.token,
    );
    expect(run.status).toBe(17);
    expect(run.stderr).toMatch(/full listing of devices was incomplete/);
    expect(run.stderr).toMatch(/No deletion was written and the state was not moved/);
    expect(events(run.stdout).filter((event) => event.class_uid === 3004)).toStrictEqual([]);
    expect(readFileSync(state, "utf8")).toBe(saved);
  });

  it("refuses an unusable state file, naming the field, and bad options", async () => {
    const fake = await org({ count: 1 });
    const state = join(fixture.work, "broken.state.json");
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
    // A state path that names a file of secrets by mistake: its text is never printed.
    const secrets = join(fixture.work, "secrets.env");
    writeFileSync(secrets, "OKTA_API_TOKEN=00hunter2hunter2\n");
    const notJson = await cli([...base.slice(0, -1), secrets], fake.token);
    expect(notJson.status).toBe(64);
    expect(notJson.stderr).toContain(`state ${secrets} is not valid JSON: fix it, or delete it`);
    expect(notJson.stderr).not.toContain("hunter2");
    const missing = await cli(["sync", "--base-url", fake.baseUrl], fake.token);
    expect(missing.stderr).toMatch(/sync needs --state FILE/);
    const repeated = join(fixture.work, "repeated.state.json");
    writeFileSync(
      repeated,
      JSON.stringify({
        version: 1,
        search: null,
        lastFullSync: null,
        checkpoint: null,
        devices: [
          ["guo1", 1, null, null, null],
          ["guo1", 1, null, null, null],
        ],
      }),
    );
    const twice = await cli([...base.slice(0, -1), repeated], fake.token);
    expect(twice.status).toBe(64);
    expect(twice.stderr).toMatch(
      /repeated\.state\.json: Device sync state: devices\[1\]\[0\] repeats the id guo1/,
    );
    // A file no state can be (sparse: no disk used) is refused before it is read.
    const huge = join(fixture.work, "huge.state.json");
    writeFileSync(huge, "");
    truncateSync(huge, 512 * 1024 * 1024 + 1);
    const tooBig = await cli([...base.slice(0, -1), huge], fake.token);
    expect(tooBig.status).toBe(64);
    expect(tooBig.stderr).toMatch(
      /huge\.state\.json is 536870913 bytes; a state file holds at most 536870912/,
    );
    expect(tooBig.stdout).toBe("");
  });
});

describe("sync interrupted by a signal", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s: complete lines only, no deletion, a message, the state file untouched, exit %i",
    async (signal, code) => {
      const fake = await org({ count: 300, pageSize: 100 });
      const state = join(fixture.work, `${signal}.state.json`);
      const base = ["sync", "--allow-insecure-http", "--state", state, "--full"];
      expect((await cli([...base, "--base-url", fake.baseUrl], fake.token)).status).toBe(0);
      const saved = readFileSync(state, "utf8");
      // Every device changes and one is deleted: a full run would write 299 changes and a deletion.
      for (const device of fake.devices.slice(0, 300)) {
        fake.updateDevice(device.id, { displayName: `${device.id} renamed` });
      }
      fake.deleteDevice(fake.devices[0]!.id);
      await fake.close();
      // The third request of each run hangs: the signal comes while the listing waits for it.
      const hanging = await org({
        devices: fake.devices,
        pageSize: 100,
        faults: [{ kind: "hang", at: [3, 6] }],
      });
      const run = await fixture.run([...base, "--base-url", hanging.baseUrl], {
        env: { OKTA_API_TOKEN: hanging.token },
        // Once two pages are printed and the third request (which hangs) has arrived: the
        // command may print the 200th line before its prefetch of page 3 reaches the server,
        // and a signal then could stop it before that request is counted below.
        signal: {
          name: signal,
          when: (stdout) => lines(stdout).length >= 200 && hanging.requests.length >= 3,
        },
      });
      expect(run.signal).toBeNull();
      expect(run.status).toBe(code);
      expect(run.stderr).toContain(
        `sync: interrupted (${signal}) after 200 devices (2 pages), 200 event(s) written; state not saved: rerun to sync again`,
      );
      expect(run.stdout.endsWith("\n")).toBe(true);
      expect(hanging.requests).toHaveLength(3);
      const written = events(run.stdout);
      expect(written).toHaveLength(200);
      expect(written.every((event) => event.class_uid === 5001)).toBe(true);
      expect(readFileSync(state, "utf8")).toBe(saved);

      // To a file: the signal once the hanging request (the 6th) has arrived.
      const out = join(fixture.work, `${signal}.ndjson`);
      const before = hanging.requests.length;
      const toFile = await fixture.run([...base, "--base-url", hanging.baseUrl, "--out", out], {
        env: { OKTA_API_TOKEN: hanging.token },
        signal: { name: signal, when: () => hanging.requests.length >= before + 3 },
      });
      expect(toFile.status).toBe(code);
      expect(toFile.stderr).toMatch(/sync: interrupted .*; state not saved: rerun to sync again/);
      const text = readFileSync(out, "utf8");
      expect(text === "" || text.endsWith("\n")).toBe(true);
      expect(events(text).every((event) => event.class_uid === 5001)).toBe(true);
      expect(readFileSync(state, "utf8")).toBe(saved);
    },
  );

  it("a first run interrupted creates no state file", async () => {
    const fake = await org({ count: 300, pageSize: 100, faults: [{ kind: "hang", at: 2 }] });
    const state = join(fixture.work, "never.state.json");
    const run = await fixture.run(
      ["sync", "--base-url", fake.baseUrl, "--allow-insecure-http", "--state", state],
      {
        env: { OKTA_API_TOKEN: fake.token },
        signal: { name: "SIGINT", when: () => fake.requests.length >= 2 },
      },
    );
    expect(run.status).toBe(130);
    expect(run.stderr).toContain("state not saved");
    expect(existsSync(state)).toBe(false);
  });
});
