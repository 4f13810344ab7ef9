// The command line's reading of HTTPS_PROXY / HTTP_PROXY / NO_PROXY (issue 13's attack):
// as curl reads them, a bad one refused by name, and a value (which may hold a password)
// never printed, whatever it is.

import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/args.js";
import { closeProxies, inCliTerms, proxyFetch, proxySettings } from "../../src/cli/proxy.js";

const PASSWORD = "s3cretPW-9f8e7d";

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    proxySettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("proxySettings", () => {
  it("refuses a value that is not a proxy URL by the variable's name, never its value", () => {
    // Was: "okta-device-ocsf: Invalid URL", exit 1 (the code for records not mapped).
    for (const value of [
      `http://user:${PASSWORD}@bad host:8080`,
      `http://user:${PASSWORD}@[::1`,
      `ftp://user:${PASSWORD}@proxy.example:21`,
      "http://",
    ]) {
      const message = refusal({ https_proxy: value });
      expect(message).toMatch(/^https_proxy is not a proxy URL: use http:\/\/HOST:PORT/);
      expect(message).not.toContain(PASSWORD);
    }
    expect(refusal({ HTTP_PROXY: "http://[" })).toMatch(/^HTTP_PROXY is not/);
  });

  it("reads a value without a scheme as http://, as curl, Go and Python do", () => {
    // Was refused by undici: "Invalid URL protocol: the URL must start with `http:` …".
    expect(proxySettings({ HTTPS_PROXY: `user:${PASSWORD}@proxy.corp:3128` })).toStrictEqual({
      httpsProxy: `http://user:${PASSWORD}@proxy.corp:3128`,
      noProxy: "",
    });
  });

  it("takes the lower-case form first, and an empty value as unset", () => {
    expect(
      proxySettings({
        https_proxy: "http://lower:1",
        HTTPS_PROXY: "http://upper:2",
        no_proxy: ".corp",
        NO_PROXY: "x",
      }),
    ).toStrictEqual({ httpsProxy: "http://lower:1", noProxy: ".corp" });
    // Was: undici's `??` let an empty https_proxy hide HTTPS_PROXY (a direct connection).
    expect(proxySettings({ https_proxy: "", HTTPS_PROXY: "http://upper:2" })).toStrictEqual({
      httpsProxy: "http://upper:2",
      noProxy: "",
    });
    // HTTPS requests fall back on HTTP_PROXY, as undici and curl do.
    expect(proxySettings({ http_proxy: "http://p:3" })).toStrictEqual({
      httpProxy: "http://p:3",
      httpsProxy: "http://p:3",
      noProxy: "",
    });
    expect(proxySettings({})).toStrictEqual({ noProxy: "" });
  });

  it("never prints any value, whatever it is", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }),
        fc.constantFrom("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"),
        (secret, name) => {
          fc.pre(!/^\s*$/.test(secret));
          for (const value of [secret, `http://u:${secret}@h:1`, `http://u:${secret}@[`]) {
            let message = "";
            try {
              proxySettings({ [name]: value });
            } catch (error) {
              expect(error).toBeInstanceOf(UsageError);
              message = (error as Error).message;
            }
            if (message !== "") expect(message).not.toContain(secret.trim());
          }
        },
      ),
    );
  });
});

describe("inCliTerms behind a proxy", () => {
  const env = { HTTPS_PROXY: `http://user:${PASSWORD}@127.0.0.1:1` };

  it("names the proxy's variable as a suspect of a failure to reach Okta, not its value", () => {
    const refused =
      "Could not reach Okta for GET https://acme.okta.com/api/v1/devices?limit=1: connect ECONNREFUSED 127.0.0.1:1; nothing accepts connections there: check baseUrl and the port";
    const said = inCliTerms(refused, env);
    expect(said).toContain("requests go through the proxy named by HTTPS_PROXY");
    expect(said).not.toContain(PASSWORD);
    // Without a proxy, the message is the library's.
    expect(inCliTerms(refused, {})).toBe(refused);
  });

  it("says what a proxy's 407 or 403 means", () => {
    const said = inCliTerms(
      "Could not reach Okta for GET https://acme.okta.com/api/v1/devices: UND_ERR_ABORTED: Proxy response (407) !== 200 when HTTP Tunneling",
      env,
    );
    expect(said).toContain(
      "the proxy wants credentials: put them in its URL, http://USER:PASSWORD@HOST:PORT",
    );
    expect(said).not.toContain(PASSWORD);
  });
});

describe("closeProxies", () => {
  it("closes a connection to a proxy that never answers, so the process can exit", async () => {
    // Was: the command printed its failure, then stayed alive for undici's 300 s.
    const closed: Promise<void>[] = [];
    // The request gives up once the proxy has its CONNECT: an AbortSignal.timeout(300) could
    // fire before this server saw the connection (an event loop held up that long on a busy
    // machine), and then there was none to count.
    const giveUp = new AbortController();
    const server = createServer((socket) => {
      socket.on("data", () => giveUp.abort(new Error("the proxy never answers")));
      closed.push(new Promise((done) => socket.on("close", () => done())));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const saved = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const fetch = await proxyFetch();
      expect(fetch).toBeDefined();
      const request = (fetch as typeof globalThis.fetch)("https://acme.okta.com/api/v1/devices", {
        signal: giveUp.signal,
      });
      await expect(request).rejects.toThrow();
      expect(closed).toHaveLength(1);
      await closeProxies();
      await closed[0];
    } finally {
      if (saved === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = saved;
      server.close();
    }
  });
});
