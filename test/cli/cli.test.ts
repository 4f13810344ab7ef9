// Runs the built bin as a subprocess (npm test builds first), against fake orgs served by
// this test process over 127.0.0.1. Spawned asynchronously: a synchronous spawn would
// block the event loop that serves the fake org.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  SekoiaDeviceInventoryEventSchema,
  StrictDeviceInventoryEventSchema,
} from "../../src/schemas/index.js";
import { pageManagedDevice, realShapeMacWithUser } from "../fixtures/page-examples.js";
import { useCliFixture } from "./cli-fixture.js";
import { lines } from "./subprocess.js";

const fixture = useCliFixture("okta-device-ocsf-cli-");
const { org } = fixture;

function cli(
  args: string[],
  options: {
    env?: Record<string, string>;
    input?: string;
    killWhen?: (stdout: string) => boolean;
  } = {},
) {
  const { killWhen, ...rest } = options;
  return fixture.run(
    args,
    killWhen === undefined ? rest : { ...rest, signal: { name: "SIGKILL", when: killWhen } },
  );
}

describe("okta-device-ocsf map", () => {
  it("writes the good records and reports each bad one with index, id and reason; exit 1", async () => {
    const input = JSON.stringify([
      pageManagedDevice,
      { id: "guoBAD", created: "nope" },
      42,
      realShapeMacWithUser,
    ]);
    const run = await cli(["map"], { input });
    expect(run.status).toBe(1);
    const events = lines(run.stdout).map((line) =>
      SekoiaDeviceInventoryEventSchema.parse(JSON.parse(line)),
    );
    expect(events.map((event) => event.device.uid)).toStrictEqual([
      "gooabc123defGHIJKL",
      "guo1mac0000000000001",
    ]);
    expect(run.stderr).toContain('record 2 (id guoBAD): Okta device "guoBAD": field "created"');
    expect(run.stderr).toContain("record 3 (no id): Okta device: must be an object");
    expect(run.stderr).toContain("map: 2 event(s) written, 2 record(s) failed");
  });

  it("reads a file, NDJSON included, and writes the strict profile; exit 0 when all map", async () => {
    const file = join(fixture.work, "devices.ndjson");
    writeFileSync(
      file,
      `${JSON.stringify(pageManagedDevice)}\n\n${JSON.stringify(realShapeMacWithUser)}\n`,
    );
    const run = await cli(["map", file, "--profile", "ocsf"]);
    expect(run.status).toBe(0);
    expect(
      lines(run.stdout).map(
        (line) => StrictDeviceInventoryEventSchema.parse(JSON.parse(line)).time,
      ),
    ).toHaveLength(2);
  });

  it("reports an NDJSON line that is not JSON and goes on", async () => {
    const input = `${JSON.stringify(pageManagedDevice)}\n{broken\n${JSON.stringify(realShapeMacWithUser)}\n`;
    const run = await cli(["map", "-"], { input });
    expect(run.status).toBe(1);
    expect(lines(run.stdout)).toHaveLength(2);
    expect(run.stderr).toMatch(/record 2 \(line 2\): not valid JSON at character 2$/m);
  });

  it("rejects an unknown flag with a hint, and has --help", async () => {
    const wrong = await cli(["map", "--profil", "ocsf"]);
    expect(wrong.status).toBe(64);
    expect(wrong.stderr).toContain("unknown option --profil");
    expect(wrong.stderr).toContain("Did you mean --profile?");
    const help = await cli(["map", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: okta-device-ocsf map/);
    expect((await cli(["map", "--profile", "splunk"], { input: "[]" })).status).toBe(64);
  });
});

describe("okta-device-ocsf fetch", () => {
  it("fetches with a checkpoint, and the second run fetches only what changed", async () => {
    const fake = await org({ count: 600 });
    const checkpoint = join(fixture.work, "checkpoint.json");
    const env = { OKTA_API_TOKEN: fake.token };
    const base = [
      "fetch",
      "--base-url",
      fake.baseUrl,
      "--allow-insecure-http",
      "--checkpoint",
      checkpoint,
    ];
    const first = await cli(base, { env });
    expect(first.status).toBe(0);
    expect(lines(first.stdout)).toHaveLength(600);
    expect(first.stderr).toMatch(
      /fetch: 600 devices in 3 page\(s\), 600 event\(s\) written, 0 not mapped/,
    );
    const saved = JSON.parse(readFileSync(checkpoint, "utf8")) as {
      lastUpdated: string;
      ids: string[];
    };
    expect(saved.ids.length).toBeGreaterThan(0);

    const changed = [fake.devices[5]?.id ?? "", fake.devices[300]?.id ?? ""];
    // Now, not a date in the future: a checkpoint never moves past the server's clock.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    for (const id of changed) fake.updateDevice(id, { status: "SUSPENDED" }, now);
    const second = await cli(base, { env });
    expect(second.status).toBe(0);
    const uids = lines(second.stdout).map(
      (line) => (JSON.parse(line) as { device: { uid: string } }).device.uid,
    );
    expect(uids.sort()).toStrictEqual([...changed].sort());
    expect(JSON.parse(readFileSync(checkpoint, "utf8"))).toMatchObject({ lastUpdated: now });
    expect(second.stderr).not.toContain(fake.token);
  });

  it("an interrupted run moves no checkpoint, so the rerun loses nothing", async () => {
    const devices = (await org({ count: 1000 })).devices;
    const hanging = await org({ devices, faults: [{ kind: "hang", at: 3 }] });
    const checkpoint = join(fixture.work, "interrupted.json");
    const out = join(fixture.work, "interrupted.ndjson");
    const killed = await cli(
      ["fetch", "--base-url", hanging.baseUrl, "--allow-insecure-http", "--checkpoint", checkpoint],
      { env: { OKTA_API_TOKEN: hanging.token }, killWhen: (stdout) => lines(stdout).length >= 400 },
    );
    expect(killed.status).toBeNull();
    expect(existsSync(checkpoint)).toBe(false);
    const healthy = await org({ devices });
    const rerun = await cli(
      [
        "fetch",
        "--base-url",
        healthy.baseUrl,
        "--allow-insecure-http",
        "--checkpoint",
        checkpoint,
        "--out",
        out,
      ],
      { env: { OKTA_API_TOKEN: healthy.token } },
    );
    expect(rerun.status).toBe(0);
    expect(lines(readFileSync(out, "utf8"))).toHaveLength(1000);
    expect(existsSync(checkpoint)).toBe(true);
  });

  it("a failed run says why, keeps its checkpoint where it was, and exits with the reason", async () => {
    const fake = await org({ count: 1000, faults: [{ kind: "403", at: 3 }] });
    const checkpoint = join(fixture.work, "failed.json");
    const run = await cli(
      [
        "fetch",
        "--base-url",
        fake.baseUrl,
        "--allow-insecure-http",
        "--checkpoint",
        checkpoint,
        "--token-env",
        "MY_TOKEN",
      ],
      { env: { MY_TOKEN: fake.token } },
    );
    expect(run.status).toBe(12);
    expect(run.stderr).toMatch(/fetch failed after \d+ devices \(forbidden\)/);
    expect(run.stderr).toContain("The checkpoint was not moved");
    expect(existsSync(checkpoint)).toBe(false);
  });

  it("takes the token from stdin, never from an argument", async () => {
    const fake = await org({ count: 10 });
    const run = await cli(
      ["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http", "--token-stdin"],
      {
        input: `${fake.token}\n`,
      },
    );
    expect(run.status).toBe(0);
    expect(lines(run.stdout)).toHaveLength(10);
    const argument = await cli(["fetch", "--base-url", fake.baseUrl, "--token", fake.token]);
    expect(argument.status).toBe(64);
    expect(argument.stderr).not.toContain(fake.token);
    const missing = await cli(["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http"]);
    expect(missing.status).toBe(64);
    expect(missing.stderr).toContain("no API token: set $OKTA_API_TOKEN");
  });
});

describe("okta-device-ocsf test", () => {
  // Port 2: nothing listens there without privileges, listen(0) never hands it out, and
  // fetch tries it (it refuses 1 and 9). A port bound then closed could be given to a server
  // of another test file between the close and the connection.
  const closedPort = "http://127.0.0.1:2";

  it("passes with a working token", async () => {
    const fake = await org({ count: 3 });
    const run = await cli(["test", "--base-url", fake.baseUrl, "--allow-insecure-http"], {
      env: { OKTA_API_TOKEN: fake.token },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^OK: these credentials can read devices/);
  });

  it.each([
    ["401", "invalid_token", 11],
    ["403", "forbidden", 12],
    ["404", "not_found", 13],
    ["concurrency-429", "rate_limited", 14],
    ["500", "server_error", 16],
    ["html", "unexpected_response", 17],
  ] as const)("names fault %s as %s with exit code %i", async (kind, reason, code) => {
    const fake = await org({ count: 3, faults: [{ kind }] });
    const run = await cli(["test", "--base-url", fake.baseUrl, "--allow-insecure-http"], {
      env: { OKTA_API_TOKEN: fake.token },
    });
    expect(run.status).toBe(code);
    expect(run.stdout).toContain(`FAILED (${reason})`);
    expect(run.stdout).toContain("What to do:");
  });

  it("names a bad base URL and an unreachable org", async () => {
    const admin = await cli(["test", "--base-url", "https://acme-admin.okta.com"], {
      env: { OKTA_API_TOKEN: "x" },
    });
    expect(admin.status).toBe(10);
    expect(admin.stdout).toContain("FAILED (invalid_base_url)");
    const unreachable = await cli(["test", "--base-url", closedPort, "--allow-insecure-http"], {
      env: { OKTA_API_TOKEN: "x" },
    });
    expect(unreachable.status).toBe(15);
    expect(unreachable.stdout).toContain("FAILED (network)");
  });
});

describe("okta-device-ocsf demo", () => {
  it("lists a fake org in-process and prints events", async () => {
    const run = await cli(["demo"]);
    expect(run.status).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1004);
    expect(run.stderr).toMatch(
      /demo: 1005 devices from a fake org in 6 page\(s\), 1004 events \(profile sekoia\), 1 not mapped/,
    );
  });

  it("has a general help and refuses unknown commands", async () => {
    expect((await cli(["--help"])).stdout).toMatch(/Commands:/);
    const unknown = await cli(["export"]);
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toContain("unknown command. Commands: map, fetch, sync, test, demo");
  });
});
