// Issue 12 §10: the fake org never crashes its host. Malformed JWTs regress one by one; then
// random methods, paths, query strings, headers and bodies go to every endpoint. Every
// request must get an HTTP answer (JSON bodies parse), and the org must still serve a normal
// listing afterwards. An exception escaping the server would fail the run as unhandled.
import { createSign, generateKeyPairSync, type JsonWebKey, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOktaDeviceClient } from "../../src/client/index.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { PROTOTYPE_NAMES } from "../helpers/prototype-names.js";

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const CLIENT_ID = "0oa1fuzzapp000000001";
let org: FakeOktaOrg;

beforeAll(async () => {
  org = await startFakeOktaOrg({
    count: 30,
    oauth: {
      clientId: CLIENT_ID,
      publicKey: rsa.publicKey.export({ format: "jwk" }) as JsonWebKey,
      dpopNonce: "both",
    },
  });
});
afterAll(() => org.close());

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

// A JWT with any header and payload, signed with the app's key (so the checks go past the
// signature whenever the header says RS256).
function jwt(header: unknown, payload: unknown): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = createSign("sha256").update(input).sign(rsa.privateKey).toString("base64url");
  return `${input}.${signature}`;
}

function validClaims(): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: CLIENT_ID,
    sub: CLIENT_ID,
    aud: `${org.baseUrl}/oauth2/v1/token`,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
  };
}

interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(org.baseUrl);
    const request = httpRequest(
      // A new connection each time: a kept-alive socket the server closed after an unread
      // body would fail the next request on the client side, not the server.
      { host: url.hostname, port: url.port, method, path, headers, agent: false },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers["content-type"],
            body: text,
          }),
        );
      },
    );
    request.on("error", reject);
    request.setTimeout(5000, () => request.destroy(new Error(`no answer to ${method} ${path}`)));
    request.end(body);
  });
}

function tokenRequest(assertion: string, extra: Record<string, string> = {}) {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    scope: "okta.devices.read",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
  });
  return send(
    "POST",
    "/oauth2/v1/token",
    { "Content-Type": "application/x-www-form-urlencoded", ...extra },
    form.toString(),
  );
}

function expectOktaOAuthRefusal(answer: Answer): void {
  expect([400, 401]).toContain(answer.status);
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  expect(typeof body.error).toBe("string");
  expect(typeof body.error_description).toBe("string");
}

async function expectStillServing(): Promise<void> {
  const client = createOktaDeviceClient({
    baseUrl: org.baseUrl,
    auth: { apiToken: org.token },
    allowInsecureHttp: true,
  });
  let count = 0;
  for await (const _device of client.listDevices()) count++;
  expect(count).toBe(30);
}

describe("malformed client assertions (issue 12 §10)", () => {
  it("a JOSE header of null is refused with Okta's error body, and the org stays up", async () => {
    const assertion = `${b64("null")}.${b64(validClaims())}.${b64("signature")}`;
    expectOktaOAuthRefusal(await tokenRequest(assertion));
    await expectStillServing();
  });

  it.each([
    ["header", "null"],
    ["header", "[]"],
    ["header", "1"],
    ["header", '"RS256"'],
    ["payload", "null"],
    ["payload", "[]"],
    ["payload", '"claims"'],
  ])("a JWT whose %s is %s is refused (signed or not)", async (part, json) => {
    const header = part === "header" ? JSON.parse(json) : { alg: "RS256" };
    const payload = part === "payload" ? JSON.parse(json) : validClaims();
    expectOktaOAuthRefusal(await tokenRequest(jwt(header, payload)));
    expectOktaOAuthRefusal(await tokenRequest(`${b64(header)}.${b64(payload)}.${b64("unsigned")}`));
  });

  it.each(["null", "[]", '{"jwk":null}', '{"typ":"dpop+jwt","jwk":"x"}'])(
    "a DPoP proof header of %s is refused",
    async (header) => {
      const proof = `${b64(header)}.${b64({ htm: "POST" })}.${b64("sig")}`;
      expectOktaOAuthRefusal(
        await tokenRequest(jwt({ alg: "RS256" }, validClaims()), { DPoP: proof }),
      );
    },
  );

  it.each(PROTOTYPE_NAMES)("an alg of %s is refused", async (alg) => {
    expectOktaOAuthRefusal(await tokenRequest(jwt({ alg }, validClaims())));
  });
});

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});
const segment = fc.oneof(
  fc.constantFrom(
    "api",
    "v1",
    "devices",
    "users",
    "oauth2",
    "token",
    "..",
    ".",
    "%",
    "%E0%A4%A",
    "%00",
  ),
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const path = fc.oneof(
  fc.constantFrom(
    "/api/v1/devices",
    "/api/v1/devices/guo0000000000000001",
    "/api/v1/devices/guo0000000000000001/users",
    "/oauth2/v1/token",
    "/",
  ),
  fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join("/")}`),
);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom("limit", "after", "search", "expand"), printable),
  fc.oneof(
    printable,
    fc.constantFrom(...PROTOTYPE_NAMES),
    fc.constantFrom("0", "-1", "201", "1e2", "NaN", '((((id eq "x"', 'lastUpdated gt "March 7"'),
  ),
  { maxKeys: 4 },
);
const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, [], {}, "x", 0));
const randomJwt = fc
  .tuple(jsonish, jsonish, fc.boolean())
  .map(([header, payload, signed]) =>
    signed ? jwt(header, payload) : `${b64(header)}.${b64(payload)}.${b64("sig")}`,
  );
const headers = fc.record(
  {
    Authorization: fc.oneof(
      fc.constantFrom("SSWS", "Bearer", "DPoP", "SSWS ", "Bearer x y"),
      printable.map((credential) => `Bearer ${credential}`),
      printable.map((credential) => `DPoP ${credential}`),
      printable,
    ),
    DPoP: fc.oneof(randomJwt, printable),
    "Content-Type": fc.constantFrom(
      "application/x-www-form-urlencoded",
      "application/json",
      "text/plain",
    ),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc
    .record(
      {
        grant_type: fc.oneof(fc.constant("client_credentials"), printable),
        scope: fc.oneof(fc.constant("okta.devices.read"), printable),
        client_assertion_type: fc.constant(
          "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ),
        client_assertion: fc.oneof(
          randomJwt,
          jsonish.map((header) => jwt(header, validClaims())),
          fc.constant("").map(() => jwt({ alg: "RS256" }, validClaims())),
          printable,
        ),
      },
      { requiredKeys: [] },
    )
    .map((form) => new URLSearchParams(form).toString()),
);

describe("fuzzing every endpoint (issue 12 §10)", () => {
  it("answers every request and keeps serving", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"),
        path,
        query,
        headers,
        body,
        async (method, target, parameters, requestHeaders, requestBody) => {
          const search = new URLSearchParams(parameters).toString();
          const answer = await send(
            method,
            `${target}${search === "" ? "" : `?${search}`}`,
            requestHeaders,
            requestBody,
          );
          expect(answer.status).toBeGreaterThanOrEqual(200);
          expect(answer.status).toBeLessThan(600);
          if (method !== "HEAD" && answer.contentType?.includes("json") === true) {
            expect(() => JSON.parse(answer.body)).not.toThrow();
          }
        },
      ),
      { numRuns: 400 },
    );
    await expectStillServing();
  });

  it("answers a request target that is no URL with 400, not a server error", async () => {
    const { connect } = await import("node:net");
    const port = Number(new URL(org.baseUrl).port);
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1");
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        text += chunk;
        if (text.includes("\r\n\r\n")) socket.destroy();
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
      socket.write("GET http://[::1/api/v1/devices HTTP/1.1\r\nHost: x\r\n\r\n");
    });
    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    await expectStillServing();
  });

  it("refuses an oversized token request without buffering it", async () => {
    const answer = await send(
      "POST",
      "/oauth2/v1/token",
      { "Content-Type": "application/x-www-form-urlencoded" },
      `client_assertion=${"a".repeat(200_000)}`,
    );
    expect(answer.status).toBe(413);
    await expectStillServing();
  });
});
