// Issue 12 for the CLI: no secret typed in the wrong place is echoed (§8), a token endpoint
// answering {"error":"constructor"} is a failure with a non-zero exit (§4), one record that
// cannot be mapped or written fails alone (§5), and checkpoints never skip data (§6).
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_UNMAPPED_DEPTH, mappingRevision } from "../../src/index.js";
import { pageManagedDevice, realShapeMacWithUser } from "../fixtures/page-examples.js";
import { PROTOTYPE_NAMES } from "../helpers/prototype-names.js";
import { useCliFixture } from "./cli-fixture.js";
import { type CliRun, lines, runCli } from "./run-cli.js";

const fixture = useCliFixture("okta-device-ocsf-hardening-");
const org = fixture.org;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

const cli = (args: string[], options: Parameters<typeof runCli>[1] = {}) =>
  runCli(args, { cwd: fixture.work, ...options });

// An Okta-like API token: what people paste after the wrong option.
const SECRET = "00Xq7vK2pLm9Rt4Wz8Yb3Nc6Hd1Jf5Gs0Ae-Ui_Oo";

function expectNoSecret(run: CliRun, secret: string): void {
  expect(run.stdout).not.toContain(secret);
  expect(run.stderr).not.toContain(secret);
}

describe("no secret is echoed (issue 12 §8)", () => {
  // A token is set, so that a bad --base-url reaches the check that would quote it.
  const TOKEN_SET = { OKTA_API_TOKEN: "00SetSoThatTheBaseUrlIsChecked" };
  const url = "http://127.0.0.1:9";
  const cases: [string, string[], Record<string, string>?][] = [
    ["the token after --token-env", ["fetch", "--base-url", url, "--token-env", SECRET]],
    ["the token after --token-env (test)", ["test", "--base-url", url, "--token-env", SECRET]],
    ["--token-env=token", ["fetch", "--base-url", url, `--token-env=${SECRET}`]],
    [
      "the key after --private-key-env",
      ["test", "--base-url", url, "--client-id", "0oa1app", "--private-key-env", SECRET],
    ],
    ["a stray positional (fetch)", ["fetch", "--base-url", url, SECRET]],
    ["a stray positional (test)", ["test", "--base-url", url, SECRET]],
    ["a stray positional after --", ["test", "--base-url", url, "--", SECRET]],
    ["the token as the command", [SECRET]],
    ["the token as an option", ["fetch", `--${SECRET}`]],
    ["the token after --profile", ["fetch", "--base-url", url, "--profile", SECRET]],
    ["the token after --expand", ["fetch", "--base-url", url, "--expand", SECRET]],
    ["the token after --since", ["fetch", "--base-url", url, "--since", SECRET]],
    ["the token as map's FILE", ["map", SECRET]],
    ["the token after --base-url (fetch)", ["fetch", "--base-url", SECRET], TOKEN_SET],
    ["the token after --base-url (test)", ["test", "--base-url", SECRET], TOKEN_SET],
    ["--base-url=token", ["test", `--base-url=${SECRET}`], TOKEN_SET],
    [
      "a base URL with a password",
      ["test", "--base-url", `https://admin:${SECRET}@acme.okta.com`],
      TOKEN_SET,
    ],
    [
      "a base URL with a token as user",
      ["fetch", "--base-url", `https://${SECRET}@acme.okta.com`],
      TOKEN_SET,
    ],
    [
      "an http base URL with a password",
      ["test", "--base-url", `http://u:${SECRET}@acme.okta.com`],
      TOKEN_SET,
    ],
    [
      "another scheme with a password",
      ["test", "--base-url", `ftp://u:${SECRET}@acme.okta.com`],
      TOKEN_SET,
    ],
    ["a token with a scheme-like prefix", ["test", "--base-url", `okta:${SECRET}`], TOKEN_SET],
    ["two positionals for map", ["map", "-", SECRET]],
    ["the token after map --profile", ["map", "--profile", SECRET]],
    [
      "a variable named by --token-env that is empty",
      ["fetch", "--base-url", url, "--token-env", "MY_TOKEN_VARIABLE"],
      { MY_TOKEN_VARIABLE: "" },
    ],
  ];
  it.each(cases)("%s: usage error 64, the value not printed", async (_name, args, env) => {
    const run = await cli(args, { input: "[]", ...(env === undefined ? {} : { env }) });
    expect(run.status).toBe(64);
    expect(run.stderr.length).toBeGreaterThan(0);
    expectNoSecret(run, SECRET);
  });

  it("a checkpoint FILE that holds a secret is not quoted", async () => {
    const file = join(fixture.work, "token.txt");
    writeFileSync(file, `${SECRET}\n`);
    const run = await cli(["fetch", "--base-url", url, "--checkpoint", file]);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain("is not valid JSON");
    expectNoSecret(run, SECRET);
  });

  it("map: an input line or array that is not JSON is reported by position, never quoted", async () => {
    // Short lines: V8 (Node 22+) quotes such a line whole in JSON.parse's message.
    const secretLine = `x${SECRET.slice(0, 16)}`;
    const ndjson = await cli(["map"], {
      input: `{"id":"a"}\n${secretLine}\n{"pw":"${SECRET}" x}\n`,
    });
    expect(ndjson.status).toBe(1);
    expect(ndjson.stderr).toMatch(/^record 2 \(line 2\): not valid JSON( at character 1)?$/m);
    expect(ndjson.stderr).toMatch(/^record 3 \(line 3\): not valid JSON at character \d+$/m);
    expectNoSecret(ndjson, secretLine);
    expectNoSecret(ndjson, SECRET);
    const array = await cli(["map"], { input: `[{"pw":"${SECRET}" x}]` });
    // The streamed map reports the array's bad element like any other bad record.
    expect(array.status).toBe(1);
    expect(array.stderr).toMatch(/^record 1: not valid JSON at character \d+$/m);
    expectNoSecret(array, SECRET);
  });

  it("says what was expected instead", async () => {
    const run = await cli(["fetch", "--base-url", url, "--token-env", SECRET]);
    expect(run.stderr).toContain("--token-env takes the NAME of an environment variable");
    const stray = await cli(["fetch", "--base-url", url, SECRET]);
    expect(stray.stderr).toContain('"fetch" takes no positional arguments');
  });

  it("a wrong token from the environment or stdin is not printed by test or fetch", async () => {
    const fake = await org({ count: 3 });
    for (const command of ["test", "fetch"]) {
      const fromEnv = await cli(
        [command, "--base-url", fake.baseUrl, "--allow-insecure-http", "--token-env", "MY_TOKEN"],
        { env: { MY_TOKEN: SECRET } },
      );
      expect(fromEnv.status).toBe(11);
      expectNoSecret(fromEnv, SECRET);
      const fromStdin = await cli(
        [command, "--base-url", fake.baseUrl, "--allow-insecure-http", "--token-stdin"],
        { input: `${SECRET}\n` },
      );
      expect(fromStdin.status).toBe(11);
      expectNoSecret(fromStdin, SECRET);
    }
  });

  it("property: a random secret anywhere on the command line is never printed", async () => {
    const secret = fc.stringMatching(/^00[A-Za-z0-9_-]{30,40}$/);
    await fc.assert(
      fc.asyncProperty(
        secret,
        fc.constantFrom("map", "fetch", "test", "demo"),
        fc.constantFrom(
          "",
          "--token-env",
          "--private-key-env",
          "--profile",
          "--expand",
          "--since",
          "--key-id",
          "--",
        ),
        fc.boolean(),
        async (value, command, option, asOptionName) => {
          const args = [command, "--base-url", url, "--client-id", "0oa1app"];
          if (asOptionName) args.push(`--${value}`);
          else if (option === "") args.push(value);
          else args.push(option, value);
          const run = await cli(args, { input: "[]" });
          expectNoSecret(run, value);
          expect(run.status).not.toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("test: a token endpoint answering an Object.prototype name (issue 12 §4)", () => {
  it('400 {"error":"constructor"} prints FAILED (unexpected_response) and exits 17', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(400, { "Content-Type": "application/json" });
      response.end('{"error":"constructor"}');
    });
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const key = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ format: "pem", type: "pkcs8" })
      .toString();
    const run = await cli(
      ["test", "--base-url", baseUrl, "--allow-insecure-http", "--client-id", "0oa1app"],
      { env: { OKTA_PRIVATE_KEY: key } },
    );
    expect(run.stdout).toContain("FAILED (unexpected_response)");
    expect(run.stdout).not.toMatch(/function|native code/);
    expect(run.status).toBe(17);
  });
});

describe("command names and variable names that are Object.prototype names (issue 12 §4)", () => {
  it.each(PROTOTYPE_NAMES)(
    "%s is an unknown command, an unset variable: usage errors",
    async (name) => {
      const url = "http://127.0.0.1:9";
      const [command, token, key] = await Promise.all([
        cli([name]),
        cli(["fetch", "--base-url", url, "--token-env", name]),
        cli(["test", "--base-url", url, "--client-id", "0oa1app", "--private-key-env", name]),
      ]);
      expect(command.status).toBe(64);
      expect(command.stderr).toContain("unknown command");
      for (const run of [token, key]) {
        expect(run.status).toBe(64);
        expect(run.stderr).not.toMatch(/TypeError|is not a function/);
      }
    },
  );
});

function nested(levels: number): unknown {
  return JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);
}

describe("one record never takes down the others (issue 12 §5)", () => {
  it("map --profile ocsf: a record nested 5,000 deep fails alone, reported with its index and id", async () => {
    // Written as text: JSON.stringify of it would overflow this test's own stack.
    const deepRecord = JSON.stringify({ ...realShapeMacWithUser, id: "guoDEEP" }).replace(
      /}$/,
      `,"deep":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    );
    const input = `[${JSON.stringify(pageManagedDevice)},${deepRecord},${JSON.stringify(realShapeMacWithUser)}]`;
    const run = await cli(["map", "--profile", "ocsf"], { input });
    expect(run.status).toBe(1);
    expect(lines(run.stdout).map((line) => JSON.parse(line).device.uid)).toStrictEqual([
      pageManagedDevice.id,
      realShapeMacWithUser.id,
    ]);
    expect(run.stderr).toContain(`record 2 (id guoDEEP)`);
    expect(run.stderr).toContain(`field "deep" is nested more than ${MAX_UNMAPPED_DEPTH} levels`);
  });

  it("fetch --profile ocsf: a deep record fails alone; a rerun writes the same", async () => {
    const deep = { ...realShapeMacWithUser, id: "guoDEEP", deep: nested(1000) };
    const fake = await org({ devices: [pageManagedDevice, deep, realShapeMacWithUser] as never });
    const args = [
      "fetch",
      "--base-url",
      fake.baseUrl,
      "--allow-insecure-http",
      "--profile",
      "ocsf",
    ];
    for (let run = 0; run < 2; run++) {
      const result = await cli(args, { env: { OKTA_API_TOKEN: fake.token } });
      expect(result.status).toBe(1);
      expect(lines(result.stdout)).toHaveLength(2);
      expect(result.stderr).toMatch(/device 2 \(id guoDEEP\) not mapped: .*"deep"/);
    }
  });

  it("fetch with a checkpoint that has ids goes on past a null element, and reports it", async () => {
    const device = { ...realShapeMacWithUser, lastUpdated: "2025-06-01T00:00:00.000Z" };
    const server = createServer((_request, response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify([null, device]));
    });
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const checkpoint = join(fixture.work, "null.checkpoint.json");
    writeFileSync(
      checkpoint,
      JSON.stringify({ lastUpdated: "2025-05-01T00:00:00.000Z", ids: ["guoOTHER"] }),
    );
    const run = await cli(
      ["fetch", "--base-url", baseUrl, "--allow-insecure-http", "--checkpoint", checkpoint],
      { env: { OKTA_API_TOKEN: SECRET } },
    );
    expect(run.status).toBe(1);
    expect(lines(run.stdout)).toHaveLength(1);
    expect(run.stderr).toMatch(/device 1 \(no id\) not mapped: .*must be an object, got null/);
    expect(JSON.parse(readFileSync(checkpoint, "utf8")).lastUpdated).toBe(device.lastUpdated);
  });
});

describe("checkpoints never skip data (issue 12 §6)", () => {
  it.each([
    ["in the future", { lastUpdated: "2999-01-01T00:00:00.000Z", ids: [] }, /is in the future/],
    ["a date alone", { lastUpdated: "2999-01-01", ids: [] }, /ISO 8601 date-time/],
    ["March 7", { lastUpdated: "March 7", ids: [] }, /ISO 8601 date-time/],
    ["0", { lastUpdated: "0", ids: [] }, /ISO 8601 date-time/],
    ["without a zone", { lastUpdated: "2025-01-01T00:00:00", ids: [] }, /ISO 8601 date-time/],
    ["an impossible date", { lastUpdated: "2025-02-30T00:00:00Z", ids: [] }, /ISO 8601/],
  ])("a checkpoint file %s is refused with exit 64", async (name, content, message) => {
    const fake = await org({ count: 3 });
    const checkpoint = join(fixture.work, `refused-${name.replaceAll(" ", "-")}.json`);
    writeFileSync(checkpoint, JSON.stringify(content));
    const run = await cli(
      ["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http", "--checkpoint", checkpoint],
      { env: { OKTA_API_TOKEN: fake.token } },
    );
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(message);
    expect(fake.requests).toHaveLength(0);
    expect(JSON.parse(readFileSync(checkpoint, "utf8"))).toStrictEqual(content);
  });

  it.each(["2999-01-01T00:00:00Z", "March 7", "2025-02-30T00:00:00Z", "0"])(
    "--since %s is refused with exit 64",
    async (since) => {
      const run = await cli(["fetch", "--base-url", "http://127.0.0.1:9", "--since", since]);
      expect(run.status).toBe(64);
      expect(run.stderr).toMatch(/--since/);
    },
  );

  it("a Date header hours ahead never lets a device from the future move the checkpoint past this machine's clock", async () => {
    // A server (or proxy) whose Date is 20 hours ahead, less than the day serverTime trusts,
    // and a device stamped at that time: the checkpoint written must be one the next run
    // accepts, so it never passes this machine's clock (readCheckpoint's own rule).
    const ahead = Date.now() + 20 * 3_600_000;
    const recent = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toISOString();
    const devices = [
      { ...realShapeMacWithUser, id: "guoRECENT", lastUpdated: recent },
      { ...realShapeMacWithUser, id: "guoAHEAD", lastUpdated: new Date(ahead).toISOString() },
    ];
    const server = createServer((_request, response) => {
      response.writeHead(200, {
        "Content-Type": "application/json",
        Date: new Date(ahead).toUTCString(),
      });
      response.end(JSON.stringify(devices));
    });
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const checkpoint = join(fixture.work, "date-ahead.checkpoint.json");
    const args = [
      "fetch",
      "--base-url",
      baseUrl,
      "--allow-insecure-http",
      "--checkpoint",
      checkpoint,
    ];
    for (let run = 0; run < 2; run++) {
      const result = await cli(args, { env: { OKTA_API_TOKEN: SECRET } });
      expect(result.status).toBe(0);
      // The rerun drops the device the checkpoint saw at its second, and lists the other again.
      expect(lines(result.stdout).map((line) => JSON.parse(line).device.uid)).toStrictEqual(
        run === 0 ? ["guoRECENT", "guoAHEAD"] : ["guoAHEAD"],
      );
      expect(result.stderr).toContain('Device "guoAHEAD": field "lastUpdated"');
      expect(JSON.parse(readFileSync(checkpoint, "utf8"))).toStrictEqual({
        lastUpdated: recent,
        ids: ["guoRECENT"],
        mappingRevision: mappingRevision(),
      });
    }
  });

  it("a device from the future is written and reported, and does not move the checkpoint", async () => {
    const fake = await org({ count: 5 });
    const future = fake.devices[2]?.id ?? "";
    fake.updateDevice(future, {}, "2999-01-01T00:00:00.000Z");
    const checkpoint = join(fixture.work, "future-device.checkpoint.json");
    const args = [
      "fetch",
      "--base-url",
      fake.baseUrl,
      "--allow-insecure-http",
      "--checkpoint",
      checkpoint,
    ];
    const run = await cli(args, { env: { OKTA_API_TOKEN: fake.token } });
    expect(run.status).toBe(0);
    expect(lines(run.stdout)).toHaveLength(5);
    expect(run.stderr).toContain(`Device "${future}": field "lastUpdated"`);
    expect(run.stderr).toContain("later than the server's clock");
    const saved = JSON.parse(readFileSync(checkpoint, "utf8")) as { lastUpdated: string };
    expect(saved.lastUpdated.startsWith("2999")).toBe(false);
    // The next run still lists what changes, and the future device again.
    const updated = fake.devices[0]?.id ?? "";
    fake.updateDevice(updated, { status: "SUSPENDED" });
    const next = await cli(args, { env: { OKTA_API_TOKEN: fake.token } });
    expect(next.status).toBe(0);
    const uids = lines(next.stdout).map((line) => JSON.parse(line).device.uid);
    expect(uids).toContain(updated);
    expect(uids).toContain(future);
  });
});
