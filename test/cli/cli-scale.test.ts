// The command line at production scale (issue 13), as a subprocess: streamed input with
// bounded memory, encodings, interruption, I/O errors and their exit codes, proxies.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProxy } from "proxy";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODE_HELP } from "../../src/cli/exit-codes.js";
import {
  type FakeOktaOrg,
  type FakeOktaOrgOptions,
  generateOktaDevices,
  startFakeOktaOrg,
} from "../../src/testing/index.js";
import { assertBuilt, bin, cli, lines, root } from "./subprocess.js";

let work = "";
const orgs: FakeOktaOrg[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "okta-device-ocsf-cli-scale-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(orgs.splice(0).map((org) => org.close()));
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function org(options: FakeOktaOrgOptions): Promise<FakeOktaOrg> {
  const started = await startFakeOktaOrg(options);
  orgs.push(started);
  return started;
}

// Same code path as the 600 MB files of `npm run bench` (cli-map), at a size CI can afford:
// about 45 MB in each format, written once for the tests that need them.
const COUNT = 16_000;
let deviceFiles: { ndjson: string; array: string } | undefined;
function bigFiles(): { ndjson: string; array: string } {
  if (deviceFiles !== undefined) return deviceFiles;
  const ndjson = join(work, "devices.ndjson");
  const array = join(work, "devices.json");
  const lineFile = openSync(ndjson, "w");
  const arrayFile = openSync(array, "w");
  writeSync(arrayFile, "[\n");
  const BATCH = 2_000;
  for (let start = 0; start < COUNT; start += BATCH) {
    const devices = generateOktaDevices(BATCH, { seed: 77 + start, expand: "user" });
    const texts = devices.map((device) => JSON.stringify(device));
    writeSync(lineFile, `${texts.join("\n")}\n`);
    writeSync(arrayFile, `${start === 0 ? "" : ",\n"}${texts.join(",\n")}`);
  }
  writeSync(arrayFile, "\n]\n");
  closeSync(lineFile);
  closeSync(arrayFile);
  deviceFiles = { ndjson, array };
  return deviceFiles;
}

describe("map streams its input with bounded memory", () => {
  it.each([
    ["NDJSON", () => bigFiles().ndjson],
    ["a JSON array", () => bigFiles().array],
  ])("maps %s of tens of megabytes with a peak RSS under 160 MB", async (_format, file) => {
    const size = readFileSync(file()).length;
    expect(size).toBeGreaterThan(40e6);
    const run = await cli(["map", file()], {
      cwd: work,
      rssFile: join(work, "rss"),
      discardStdout: true,
    });
    expect(run.stderr).toContain(`map: ${COUNT} event(s) written, 0 record(s) failed`);
    expect(run.status).toBe(0);
    // Reading the whole input first (as map once did) peaks at about 4 times its size.
    expect(run.maxRss).toBeLessThan(160e6);
  });
});

describe("map's output is back-pressured", () => {
  it("stops reading its input while nobody reads its output, then finishes", async () => {
    const input = readFileSync(bigFiles().ndjson);
    const child = spawn(process.execPath, [bin, "map", "-"], { cwd: work });
    // Nobody reads stdout for now: a map that buffered its output would read all its input.
    child.stdout.pause();
    let accepted = 0;
    let stalled = false;
    for (let start = 0; start < input.length && !stalled; start += 1 << 16) {
      const piece = input.subarray(start, start + (1 << 16));
      // A write that returns false is still queued: it counts as given.
      accepted += piece.length;
      if (!child.stdin.write(piece)) {
        stalled = await Promise.race([
          once(child.stdin, "drain").then(() => false),
          new Promise<boolean>((done) => setTimeout(() => done(true), 2000)),
        ]);
      }
    }
    expect(stalled).toBe(true);
    // A few input chunks and pipe buffers, not the 45 MB file.
    expect(accepted).toBeLessThan(8e6);
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stdout.resume();
    child.stdin.end(input.subarray(accepted));
    const [status] = (await once(child, "close")) as [number | null];
    expect(status).toBe(0);
    expect(lines(output)).toHaveLength(COUNT);
  });
});

describe("map on a terminal", () => {
  it("shows a progress line (records, rate, elapsed) and says when it waits on standard input", async () => {
    // util-linux's script (Debian's essential bsdutils) gives the command a terminal.
    const onTerminal = (command: string) =>
      new Promise<string>((done, fail) => {
        const child = spawn("script", ["-qc", command, "/dev/null"], { cwd: work });
        let output = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          output += chunk;
        });
        child.on("error", fail);
        child.on("close", () => done(output));
        child.stdin.end();
      });
    const file = join(work, "three.json");
    writeFileSync(file, JSON.stringify(generateOktaDevices(3, { seed: 8 })));
    const mapped = await onTerminal(`"${process.execPath}" "${bin}" map "${file}" > /dev/null`);
    expect(mapped).toMatch(/\r3 records, [\d,]+\/s, \d+\.\d s/);
    expect(mapped).toContain("map: 3 event(s) written");
    // Standard input is the terminal (script ends it when its own input ends).
    const waiting = await onTerminal(`"${process.execPath}" "${bin}" map`);
    expect(waiting).toContain("map: reading standard input…");
    const piped = await onTerminal(`"${process.execPath}" "${bin}" map < /dev/null`);
    expect(piped).not.toContain("reading standard input");
    expect(piped).toContain("map: 0 event(s) written");
  });
});

describe("map's encodings and numbering", () => {
  const devices = generateOktaDevices(3, { seed: 5 });
  const text = JSON.stringify(devices);

  it.each([
    ["UTF-16 LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
    [
      "UTF-16 BE",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]),
    ],
  ])("reads %s with a byte-order mark, as PowerShell writes it", async (_name, bytes) => {
    const file = join(work, "utf16.json");
    writeFileSync(file, bytes);
    const run = await cli(["map", file], { cwd: work });
    expect(run.status).toBe(0);
    expect(lines(run.stdout).map((line) => JSON.parse(line).device.uid)).toStrictEqual(
      devices.map((device) => device.id),
    );
  });

  it("refuses a Windows-1252 file once, naming the encoding and how to re-save it (exit 65)", async () => {
    const latin1 = Buffer.from(
      JSON.stringify([{ ...devices[0], profile: { displayName: "Café" } }]),
      "latin1",
    );
    const run = await cli(["map"], { cwd: work, input: latin1 });
    expect(run.status).toBe(65);
    expect(run.stderr).toMatch(
      /the input is not UTF-8: record 1 .*Windows-1252.*re-save it as UTF-8/,
    );
  });

  it("says where an array is cut short, after writing the records before it (exit 65)", async () => {
    const cut = text.slice(0, text.lastIndexOf(",{"));
    const run = await cli(["map"], { cwd: work, input: cut });
    expect(run.status).toBe(65);
    // The second record's end is never seen: only the first is known to be whole.
    expect(lines(run.stdout)).toHaveLength(1);
    expect(run.stderr).toMatch(/the input ends inside the array .* \(after record 1;/);
  });
});

describe("exit codes", () => {
  it("every command's --help ends with the same exit-code table, which lists 74", async () => {
    const helps = await Promise.all(
      [
        ["--help"],
        ["map", "--help"],
        ["fetch", "--help"],
        ["sync", "--help"],
        ["test", "--help"],
        ["demo", "--help"],
      ].map((args) => cli(args, { cwd: work })),
    );
    for (const help of helps) {
      expect(help.status).toBe(0);
      expect(help.stdout.trimEnd().endsWith(EXIT_CODE_HELP)).toBe(true);
    }
    expect(EXIT_CODE_HELP).toMatch(/^ {2}74 {6}an I\/O error on this machine/m);
    expect(EXIT_CODE_HELP).toContain("21 bad_request");
  });

  it("an input FILE that cannot be read exits 74 with the errno; one that does not exist is a usage error", async () => {
    // The FILE argument is not echoed (issue 12 §8: a stray argument may be a secret).
    const folder = await cli(["map", work], { cwd: work });
    expect(folder.status).toBe(74);
    expect(folder.stderr).toContain("cannot read the FILE argument: EISDIR (is a directory)");
    const missing = await cli(["map", join(work, "no-such.json")], { cwd: work });
    expect(missing.status).toBe(64);
    expect(missing.stderr).toContain("cannot read the FILE argument (ENOENT: no such file)");
    expect(missing.stderr).not.toContain("no-such.json");
  });

  it.each([
    ["a folder that does not exist", () => join(work, "missing", "out.ndjson"), "ENOENT"],
    ["a folder", () => work, "EISDIR"],
    ["a full disk", () => "/dev/full", "ENOSPC"],
  ])("fetch --out into %s exits 74 naming the path and the errno", async (_case, out, code) => {
    const fake = await org({ count: 300 });
    const run = await cli(
      ["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http", "--out", out()],
      { cwd: work, env: { OKTA_API_TOKEN: fake.token } },
    );
    expect(run.stderr).toContain(`cannot write ${out()}: ${code}`);
    expect(run.status).toBe(74);
  });

  it("an unreadable checkpoint exits 74", async () => {
    const fake = await org({ count: 3 });
    const folder = join(work, "checkpoint-folder");
    mkdirSync(folder, { recursive: true });
    const run = await cli(
      ["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http", "--checkpoint", folder],
      { cwd: work, env: { OKTA_API_TOKEN: fake.token } },
    );
    expect(run.status).toBe(74);
    expect(run.stderr).toContain(`cannot read the checkpoint ${folder}: EISDIR`);
  });

  it("names the command line's flag for an http:// URL", async () => {
    const run = await cli(["fetch", "--base-url", "http://127.0.0.1:9"], {
      cwd: work,
      env: { OKTA_API_TOKEN: "x" },
    });
    expect(run.stderr).toContain("pass --allow-insecure-http");
    expect(run.stderr).not.toContain("allowInsecureHttp");
  });
});

describe("demo takes fetch's connection options", () => {
  it("reads the org given by --base-url, with --allow-insecure-http and the token", async () => {
    const fake = await org({ count: 250, expand: "user" });
    const run = await cli(["demo", "--base-url", fake.baseUrl, "--allow-insecure-http"], {
      cwd: work,
      env: { OKTA_API_TOKEN: fake.token },
    });
    expect(run.status).toBe(0);
    expect(lines(run.stdout)).toHaveLength(250);
    expect(run.stderr).toContain(`demo: 250 devices from ${fake.baseUrl} in 2 page(s)`);
    const insecure = await cli(["demo", "--base-url", fake.baseUrl], {
      cwd: work,
      env: { OKTA_API_TOKEN: fake.token },
    });
    expect(insecure.status).toBe(10);
    expect(insecure.stderr).toContain("pass --allow-insecure-http");
  });
});

describe("fetch interrupted by a signal", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s: complete lines only, a message, the checkpoint untouched, exit %i",
    async (signal, code) => {
      const fake = await org({ count: 1000, faults: [{ kind: "hang", at: 3 }] });
      const checkpoint = join(work, `${signal}.checkpoint.json`);
      const out = join(work, `${signal}.ndjson`);
      // The third request hangs: the signal comes while the listing waits for it.
      const run = await cli(
        ["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http", "--checkpoint", checkpoint],
        {
          cwd: work,
          env: { OKTA_API_TOKEN: fake.token },
          signal: { name: signal, when: (stdout) => lines(stdout).length >= 400 },
        },
      );
      expect(run.signal).toBeNull();
      expect(run.status).toBe(code);
      expect(run.stderr).toContain(
        `fetch: interrupted (${signal}) after 400 devices (2 pages), 400 event(s) written; checkpoint not advanced: rerun to fetch again`,
      );
      expect(run.stdout.endsWith("\n")).toBe(true);
      expect(lines(run.stdout).map((line) => JSON.parse(line).device.uid)).toHaveLength(400);
      expect(existsSync(checkpoint)).toBe(false);

      const before = fake.requests.length;
      const toFile = await cli(
        ["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http", "--out", out],
        {
          cwd: work,
          env: { OKTA_API_TOKEN: fake.token },
          // Once the third request (which hangs) has arrived: two pages are written.
          signal: { name: signal, when: () => fake.requests.length >= before + 3 },
        },
      );
      expect(toFile.status).toBe(code);
      expect(toFile.stderr).toMatch(
        /interrupted .*the output is partial: rerun to fetch everything/,
      );
      const written = readFileSync(out, "utf8");
      expect(written === "" || written.endsWith("\n")).toBe(true);
      for (const line of lines(written)) expect(() => JSON.parse(line)).not.toThrow();
    },
  );
});

describe("fetch and test behind an HTTPS proxy", () => {
  it("undici is loaded by the command line only, and only on demand", () => {
    const built = (path: string) => readFileSync(join(root, "dist", path), "utf8");
    const command = built("cli.js");
    expect(command).toMatch(/await import\(["']undici["']\)/);
    expect(command).not.toMatch(/^import .* from ["']undici["']/m);
    for (const entry of ["index.js", "index.cjs", "client/index.js", "client/index.cjs"]) {
      expect(built(entry)).not.toContain("undici");
    }
  });

  let ca = "";
  let tls: { key: string; cert: string };
  beforeAll(() => {
    // node:crypto cannot make X.509 certificates: openssl (Debian's, installed by .ci/run
    // when missing) makes a CA and a certificate for 127.0.0.1 signed by it.
    const dir = join(work, "tls");
    mkdirSync(dir, { recursive: true });
    const openssl = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    openssl([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=okta-device-ocsf test CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign",
    ]);
    openssl([
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "org.key",
      "-out",
      "org.csr",
      "-subj",
      "/CN=127.0.0.1",
    ]);
    writeFileSync(
      join(dir, "ext.cnf"),
      "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    );
    openssl([
      "x509",
      "-req",
      "-in",
      "org.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "org.pem",
      "-days",
      "2",
      "-extfile",
      "ext.cnf",
    ]);
    ca = join(dir, "ca.pem");
    tls = {
      key: readFileSync(join(dir, "org.key"), "utf8"),
      cert: readFileSync(join(dir, "org.pem"), "utf8"),
    };
  });

  async function proxy(): Promise<{ url: string; tunnels: string[] }> {
    const server = createProxy(createServer());
    const tunnels: string[] = [];
    server.on("connect", (request: { url?: string }) => tunnels.push(request.url ?? ""));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    closers.push(
      () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
    );
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels };
  }

  it.each(["HTTPS_PROXY", "https_proxy"])(
    "lists through the CONNECT proxy named by %s",
    async (variable) => {
      const fake = await org({ count: 450, tls });
      const { url, tunnels } = await proxy();
      const run = await cli(["fetch", "--base-url", fake.baseUrl], {
        cwd: work,
        env: { OKTA_API_TOKEN: fake.token, [variable]: url, NODE_EXTRA_CA_CERTS: ca },
      });
      expect(run.stderr).toMatch(/fetch: 450 devices in 3 page\(s\)/);
      expect(run.status).toBe(0);
      expect(lines(run.stdout)).toHaveLength(450);
      const host = new URL(fake.baseUrl).host;
      expect(tunnels.length).toBeGreaterThan(0);
      expect(tunnels.every((target) => target === host)).toBe(true);
      expect(fake.requests.length).toBe(3);
    },
  );

  it("test goes through the proxy too; NO_PROXY bypasses it; without the CA, TLS fails", async () => {
    const fake = await org({ count: 3, tls });
    const { url, tunnels } = await proxy();
    const env = { OKTA_API_TOKEN: fake.token, HTTPS_PROXY: url, NODE_EXTRA_CA_CERTS: ca };
    const tested = await cli(["test", "--base-url", fake.baseUrl], { cwd: work, env });
    expect(tested.stdout).toMatch(/^OK: these credentials can read devices/);
    expect(tunnels).toHaveLength(1);

    const bypassed = await cli(["fetch", "--base-url", fake.baseUrl], {
      cwd: work,
      env: { ...env, NO_PROXY: "127.0.0.1" },
    });
    expect(bypassed.status).toBe(0);
    expect(lines(bypassed.stdout)).toHaveLength(3);
    expect(tunnels).toHaveLength(1);

    const untrusted = await cli(["test", "--base-url", fake.baseUrl], {
      cwd: work,
      env: { OKTA_API_TOKEN: fake.token, HTTPS_PROXY: url },
    });
    expect(untrusted.status).toBe(15);
    expect(untrusted.stdout).toContain("FAILED (network)");
  });
});
