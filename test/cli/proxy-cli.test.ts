// The command's proxy variables as a subprocess (issue 13's attack): `sync` goes through the
// proxy as `fetch` and `test` do (it ignored HTTPS_PROXY), a value without a scheme works, and
// a bad value exits 64 naming the variable, never its value. The fake org is served over
// plain HTTP here (cli-scale.test.ts covers TLS through a CONNECT tunnel).
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProxy } from "proxy";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { assertBuilt, cli, lines } from "./subprocess.js";

const PASSWORD = "pr0xyPassw0rd-c4f2";
let work = "";
const closers: (() => Promise<void>)[] = [];

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "okta-device-ocsf-proxy-cli-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function org(count: number): Promise<FakeOktaOrg> {
  const fake = await startFakeOktaOrg({ count });
  closers.push(() => fake.close());
  return fake;
}

/** A proxy on 127.0.0.1 that logs what it forwards: tunnels (CONNECT host:port) and requests. */
async function proxy(): Promise<{ hostPort: string; forwarded: string[] }> {
  const server = createProxy(createServer());
  const forwarded: string[] = [];
  for (const event of ["connect", "request"]) {
    server.prependListener(event, (request: { url?: string }) => {
      forwarded.push(request.url ?? "");
    });
  }
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  closers.push(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  return { hostPort: `127.0.0.1:${(server.address() as AddressInfo).port}`, forwarded };
}

describe("proxy variables on the command line", () => {
  it("sync lists through the proxy (it went direct), and NO_PROXY bypasses it", async () => {
    const fake = await org(5);
    const { hostPort, forwarded } = await proxy();
    const args = (state: string) => [
      "sync",
      "--base-url",
      fake.baseUrl,
      "--allow-insecure-http",
      "--state",
      join(work, state),
    ];
    const through = await cli(args("through.json"), {
      cwd: work,
      env: { OKTA_API_TOKEN: fake.token, http_proxy: `http://${hostPort}` },
    });
    expect(through.status).toBe(0);
    expect(lines(through.stdout)).toHaveLength(5);
    expect(forwarded.length).toBeGreaterThan(0);
    const host = new URL(fake.baseUrl).host;
    expect(forwarded.every((url) => url === host || url.startsWith(fake.baseUrl))).toBe(true);

    const before = forwarded.length;
    const direct = await cli(args("direct.json"), {
      cwd: work,
      env: { OKTA_API_TOKEN: fake.token, HTTP_PROXY: `http://${hostPort}`, NO_PROXY: "127.0.0.1" },
    });
    expect(direct.status).toBe(0);
    expect(lines(direct.stdout)).toHaveLength(5);
    expect(forwarded).toHaveLength(before);
  });

  it.each([
    ["NO_PROXY=127.0.0.1", "NO_PROXY", () => "127.0.0.1", false],
    ["no_proxy=*", "no_proxy", () => "*", false],
    [
      "NO_PROXY=host, 127.0.0.1:PORT",
      "NO_PROXY",
      (port: string) => `other.example, 127.0.0.1:${port}`,
      false,
    ],
    ["NO_PROXY=127.0.0.1:OTHER-PORT", "NO_PROXY", () => "127.0.0.1:1", true],
  ])(
    "%s: the proxy is bypassed unless the port differs, as docs/cli.md says",
    async (_, name, value, proxied) => {
      const fake = await org(2);
      const { hostPort, forwarded } = await proxy();
      const port = new URL(fake.baseUrl).port;
      const run = await cli(["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http"], {
        cwd: work,
        env: { OKTA_API_TOKEN: fake.token, HTTP_PROXY: `http://${hostPort}`, [name]: value(port) },
      });
      expect(run.status).toBe(0);
      expect(lines(run.stdout)).toHaveLength(2);
      expect(forwarded.length > 0).toBe(proxied);
    },
  );

  it("fetch takes a proxy without a scheme, as curl does", async () => {
    const fake = await org(3);
    const { hostPort, forwarded } = await proxy();
    const run = await cli(["fetch", "--base-url", fake.baseUrl, "--allow-insecure-http"], {
      cwd: work,
      env: { OKTA_API_TOKEN: fake.token, HTTP_PROXY: hostPort },
    });
    expect(run.stderr).toMatch(/fetch: 3 devices in 1 page\(s\)/);
    // undici 6 warns that EnvHttpProxyAgent is experimental: not a message for an operator.
    expect(run.stderr).not.toMatch(/UNDICI-EHPA|experimental|Warning/);
    expect(run.status).toBe(0);
    expect(forwarded.length).toBeGreaterThan(0);
  });

  it.each(["fetch", "test", "sync"])(
    "%s with a proxy variable that is not a URL exits 64 naming it, never its value",
    async (command) => {
      const fake = await org(1);
      const run = await cli(
        [
          command,
          "--base-url",
          fake.baseUrl,
          "--allow-insecure-http",
          ...(command === "sync" ? ["--state", join(work, "bad.json")] : []),
        ],
        {
          cwd: work,
          env: { OKTA_API_TOKEN: fake.token, HTTPS_PROXY: `http://user:${PASSWORD}@bad host:1` },
        },
      );
      // Was: "okta-device-ocsf: Invalid URL", exit 1 (the code of records not mapped).
      expect(run.stderr).toContain("HTTPS_PROXY is not a proxy URL");
      expect(run.stderr).not.toContain(PASSWORD);
      expect(run.stdout).not.toContain(PASSWORD);
      expect(run.status).toBe(64);
    },
  );

  it("a proxy that refuses connections is named as the suspect, by variable", async () => {
    const fake = await org(1);
    const run = await cli(["test", "--base-url", fake.baseUrl, "--allow-insecure-http"], {
      cwd: work,
      env: { OKTA_API_TOKEN: fake.token, HTTP_PROXY: `http://user:${PASSWORD}@127.0.0.1:1` },
    });
    expect(run.status).toBe(15);
    expect(run.stdout).toContain("requests go through the proxy named by HTTP_PROXY");
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
  });
});
