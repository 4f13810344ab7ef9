import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { inspect } from "node:util";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  createOktaDeviceClient,
  OktaClientError,
  OktaConfigError,
  type OktaDeviceClientOptions,
  OktaNetworkError,
  OktaOAuthError,
  type RequestHooks,
} from "../../src/client/index.js";
import { redactSecrets, registerKeyMaterial, registerSecret } from "../../src/client/secrets.js";
import { collect } from "./helpers.js";
import { type ScriptedServer, sendJson, startServer } from "./servers.js";

// Every string reachable from a value: util.inspect with hidden properties, JSON.stringify,
// toJSON, String(), and a walk of every own property (symbols and non-enumerable included)
// and of every cause. A Request, Response or Headers anywhere in it is a failure by itself:
// they carry the credentials.
function everyText(value: unknown): string[] {
  const texts: string[] = [
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
  ];
  try {
    texts.push(JSON.stringify(value) ?? "");
  } catch {
    // A cycle: the walk below still sees everything.
  }
  texts.push(String(value));
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (typeof node === "string") {
      texts.push(node);
      return;
    }
    if (node === null || (typeof node !== "object" && typeof node !== "function") || seen.has(node))
      return;
    seen.add(node);
    expect(node instanceof Request || node instanceof Response || node instanceof Headers).toBe(
      false,
    );
    const toJSON = (node as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function" && typeof node === "object") walk(toJSON.call(node));
    for (const key of Reflect.ownKeys(node)) {
      const descriptor = Object.getOwnPropertyDescriptor(node, key);
      if (descriptor === undefined) continue;
      if ("value" in descriptor) walk(descriptor.value);
      else if (descriptor.get !== undefined) {
        try {
          walk(descriptor.get.call(node));
        } catch {
          // A getter that throws holds nothing.
        }
      }
    }
  };
  walk(value);
  return texts;
}

function expectNoSecrets(value: unknown, secrets: readonly string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  const texts = everyText(value);
  for (const secret of secrets) {
    for (const text of texts) {
      if (text.includes(secret))
        throw new Error(`a secret (${secret.length} chars) leaked into: ${text.slice(0, 300)}`);
    }
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => resolve(body));
  });
}

function keyMaterial() {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const jwk = privateKey.export({ format: "jwk" });
  const lines = pem.split("\n").filter((line) => line !== "" && !line.startsWith("-----"));
  return { pem, jwk, secrets: [pem, ...lines, jwk.d as string] };
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Seen {
  assertions: string[];
  proofs: string[];
  accessTokens: string[];
}

// A token endpoint that records what the client sends, then answers with `answer`.
async function oauthServer(
  answer: (seen: Seen, api: boolean) => { status: number; body: unknown } | "hang",
): Promise<Seen> {
  const seen: Seen = { assertions: [], proofs: [], accessTokens: [] };
  server = await startServer(async (request, response) => {
    const dpop = request.headers.dpop;
    if (typeof dpop === "string") seen.proofs.push(dpop);
    const api = !(request.url ?? "").startsWith("/oauth2/");
    if (!api) {
      const assertion = new URLSearchParams(await readBody(request)).get("client_assertion");
      if (assertion !== null) seen.assertions.push(assertion);
    }
    const reply = answer(seen, api);
    if (reply === "hang") return;
    sendJson(response, reply.status, reply.body);
  });
  return seen;
}

function oauthClient(pem: string, extra: Partial<OktaDeviceClientOptions> = {}) {
  return createOktaDeviceClient({
    baseUrl: server?.baseUrl ?? "",
    allowInsecureHttp: true,
    auth: { oauth: { clientId: "0oa-secrets-test", privateKey: pem, dpop: true } },
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 },
    // Every answer of the scripted server must come within it, most with no retry to spare:
    // 2 s, not the 400 ms a busy machine's event loop can take. The hanging test sets its own.
    timeoutMs: 2000,
    ...extra,
  });
}

describe("no error carries a secret", () => {
  it("regression: a token endpoint timeout keeps no Request (no DPoP proof, no client assertion)", async () => {
    const key = keyMaterial();
    const seen = await oauthServer(() => "hang");
    const error = await oauthClient(key.pem, { timeoutMs: 400 })
      .getDevice("d")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaNetworkError);
    const cause = (error as Error).cause as Error;
    expect(Object.keys(cause).sort()).toEqual(expect.arrayContaining([]));
    expect(cause).not.toHaveProperty("request");
    expect(cause).not.toHaveProperty("options");
    expect(seen.assertions.length).toBeGreaterThan(0);
    expect(seen.proofs.length).toBeGreaterThan(0);
    expectNoSecrets(error, [...seen.assertions, ...seen.proofs, ...key.secrets]);
  });

  it("regression: an error_description quoting the assertion and the proof is redacted", async () => {
    const key = keyMaterial();
    const seen = await oauthServer((recorded) => ({
      status: 400,
      body: {
        error: "invalid_client",
        error_description: `bad assertion ${recorded.assertions.at(-1)} with proof ${recorded.proofs.at(-1)} and key ${key.jwk.d}`,
      },
    }));
    const error = await oauthClient(key.pem)
      .getDevice("d")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaOAuthError);
    expect((error as OktaOAuthError).errorDescription).toContain("[REDACTED]");
    expectNoSecrets(error, [...seen.assertions, ...seen.proofs, ...key.secrets]);
  });

  it("regression: an errorSummary quoting the access token (opaque, not a JWT) is redacted", async () => {
    const key = keyMaterial();
    const accessToken = `opaque-${randomBytes(24).toString("hex")}`;
    const seen = await oauthServer((_recorded, api) =>
      api
        ? {
            status: 403,
            body: {
              errorCode: "E0000006",
              errorSummary: `You do not have permission: DPoP ${accessToken}`,
              errorCauses: [{ errorSummary: accessToken }],
            },
          }
        : {
            status: 200,
            body: { access_token: accessToken, token_type: "DPoP", expires_in: 3600 },
          },
    );
    const error = await oauthClient(key.pem)
      .getDevice("d")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaClientError);
    expect((error as OktaClientError).reason).toBe("forbidden");
    expectNoSecrets(error, [accessToken, ...seen.assertions, ...seen.proofs, ...key.secrets]);
  });

  it("regression: an errorSummary quoting the API token (SSWS header) is redacted, in errors and hook arguments", async () => {
    const token = `00${randomBytes(20).toString("base64url")}`;
    server = await startServer((request, response, count) => {
      const status = count === 1 ? 500 : 401;
      sendJson(response, status, {
        errorCode: status === 500 ? "E0000009" : "E0000011",
        errorSummary: `Invalid token provided: ${request.headers.authorization}`,
        errorCauses: [{ errorSummary: `token=${token}` }],
      });
    });
    const hookArguments: unknown[] = [];
    const record = (info: unknown) => {
      hookArguments.push(info);
    };
    const hooks: RequestHooks = {
      beforeRequest: [record],
      afterResponse: [record],
      onRetry: [record],
      onRateLimitWait: [record],
    };
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      allowInsecureHttp: true,
      auth: { apiToken: token },
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 },
      hooks,
    });
    const error = await collect(client.listDevices()).catch((caught: unknown) => caught);
    expect((error as OktaClientError).reason).toBe("invalid_token");
    expect((error as OktaClientError).errorSummary).toBe("Invalid token provided: SSWS [REDACTED]");
    expect(hookArguments.length).toBeGreaterThan(3);
    expectNoSecrets(error, [token]);
    expectNoSecrets(hookArguments, [token]);
    const result = await client.testConnection();
    expectNoSecrets(result, [token]);
  });

  it.each([
    "https://user:S3cretPassw0rd@acme.okta.com",
    "https://acme.okta.com/?token=S3cretPassw0rd",
    "https://acme.okta.com#S3cretPassw0rd",
    "acme.okta.com?token=S3cretPassw0rd",
    "http://user:S3cretPassw0rd@evil.example",
    "https://user:S3cret/Passw0rd@acme.okta.com",
    "https://us:er:S3cretPassw0rd@{yourOktaDomain}",
    "ftp://user:S3cretPassw0rd@acme.okta.com/path",
  ])("regression: a base URL error redacts userinfo and query (%s)", (baseUrl) => {
    let error: unknown;
    try {
      createOktaDeviceClient({ baseUrl, auth: { apiToken: "00base-url-secret-test" } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OktaConfigError);
    expectNoSecrets(error, ["S3cretPassw0rd", "S3cret/Passw0rd"]);
  });

  it("property: any text a server sends has every registered secret and every JWT redacted", () => {
    const secret = `tok_${randomBytes(16).toString("hex")}`;
    registerSecret(secret);
    const jwt = fc
      .tuple(fc.base64String({ minLength: 4 }), fc.base64String(), fc.base64String())
      .map(
        ([a, b, c]) => `eyJ${a.replace(/=/g, "")}.${b.replace(/=/g, "")}.${c.replace(/=/g, "")}`,
      );
    const piece = fc.oneof(
      fc.string(),
      fc.constant(secret),
      jwt,
      fc.constantFrom(" ", ",", "\n", ":", '"'),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.array(jwt, { maxLength: 2 }),
        (pieces, jwts) => {
          const text = [...pieces, ...jwts].join(" ");
          const redacted = redactSecrets(text);
          expect(redacted).not.toContain(secret);
          for (const token of jwts) expect(redacted).not.toContain(token);
          // Nothing without a secret is changed.
          if (
            !text.includes(secret) &&
            !text.includes("eyJ") &&
            !/\b(ssws|bearer|dpop)\s/i.test(text)
          ) {
            expect(redacted).toBe(text);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: whatever a token endpoint answers, the error holds no assertion, proof or key", async () => {
    const key = keyMaterial();
    let seen: Seen = { assertions: [], proofs: [], accessTokens: [] };
    const quoteAll = () => [...seen.assertions, ...seen.proofs, key.jwk.d, key.pem].join(" | ");
    const answers = fc.record({
      status: fc.constantFrom(400, 401, 403, 500, 200),
      error: fc.constantFrom(
        "invalid_client",
        "invalid_scope",
        "invalid_dpop_proof",
        "use_dpop_nonce",
        "x",
      ),
      where: fc.constantFrom("error", "error_description", "access_token", "both"),
    });
    await fc.assert(
      fc.asyncProperty(answers, async (answer) => {
        await server?.close();
        seen = await oauthServer(() => {
          const quoted = quoteAll();
          if (answer.status === 200) return { status: 200, body: { access_token: quoted } };
          return {
            status: answer.status,
            body: {
              error: answer.where === "error" || answer.where === "both" ? quoted : answer.error,
              error_description: answer.where === "error" ? "x" : quoted,
            },
          };
        });
        const error = await oauthClient(key.pem, { retry: { limit: 0 } })
          .getDevice("d")
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(OktaClientError);
        expectNoSecrets(error, [...seen.assertions, ...seen.proofs, ...key.secrets]);
      }),
      { numRuns: 15 },
    );
  });
});

describe("secrets echoed in another form (attack on issue 12 §8)", () => {
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const b64url = (text: string) => Buffer.from(text).toString("base64url");

  it("regression: an API token echoed in base64 (errorSummary, errorCauses, a header) is redacted", async () => {
    const token = `00${randomBytes(21).toString("base64url")}`;
    server = await startServer((request, response) => {
      const authorization = String(request.headers.authorization);
      sendJson(
        response,
        401,
        {
          errorCode: "E0000011",
          errorSummary: `Invalid token provided: Basic ${b64(`user:${authorization}`)}`,
          errorCauses: [{ errorSummary: `seen=${b64url(`x${token}`)}` }],
        },
        { "X-Okta-Request-Id": b64(`id ${token} `) },
      );
    });
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      allowInsecureHttp: true,
      auth: { apiToken: token },
      retry: { limit: 0 },
    });
    const error = await collect(client.listDevices()).catch((caught: unknown) => caught);
    expect((error as OktaClientError).reason).toBe("invalid_token");
    const encoded = [b64(`user:SSWS ${token}`), b64url(`x${token}`), b64(`id ${token} `)];
    // The cores of those forms: what identifies the token in them.
    expectNoSecrets(
      error,
      encoded.map((form) => form.slice(8, -8)),
    );
  });

  it("regression: a key line echoed percent-encoded (upper or lower case) is redacted", () => {
    const line = `MIGHAgEAMBMGByqGSM49+/=${randomBytes(12).toString("base64")}`;
    registerSecret(line);
    const upper = encodeURIComponent(line);
    const lower = upper.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
    const text = redactSecrets(`error_description=bad+key+${upper}&again=${lower}`);
    // The whole run that decodes to the key line goes ("bad+key+" is part of it).
    expect(text).toBe("error_description=[REDACTED]&again=[REDACTED]");
  });

  it("regression: a secret that contains an earlier, shorter one is redacted whole", () => {
    registerSecret("prefix-secret-A1");
    registerSecret("prefix-secret-A1-and-the-rest-of-it");
    expect(redactSecrets("x prefix-secret-A1-and-the-rest-of-it y")).toBe("x [REDACTED] y");
  });

  it("property: a registered secret in base64 or base64url at any offset of any text is redacted", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }),
        fc.string({ maxLength: 6 }),
        fc.string({ maxLength: 6 }),
        fc.boolean(),
        (secret, before, after, url) => {
          fc.pre(!secret.includes("\uFFFD") && secret.trim().length >= 8);
          registerSecret(secret);
          const encoded = (url ? b64url : b64)(`${before}${secret}${after}`);
          const redacted = redactSecrets(`seen ${encoded} here`);
          expect(redacted).toContain("[REDACTED]");
          // What is left of the encoded text decodes to no more than a few bytes of the secret.
          const left = redacted.replace(/\[REDACTED\]/g, " ").split(/\s+/);
          for (const piece of left) expect(piece.length).toBeLessThan(8 + 12);
        },
      ),
      // Many runs: the secrets of earlier runs stay registered and overlap the new ones.
      { numRuns: 1000 },
    );
  });
});

describe("a client assertion echoed in base64 (attack on issue 12 §8)", () => {
  it("regression: an error_description quoting the assertion in base64 is redacted", async () => {
    const key = keyMaterial();
    const seen = await oauthServer((observed) => ({
      status: 400,
      body: {
        error: "invalid_client",
        error_description: `assertion ${Buffer.from(observed.assertions.at(-1) ?? "").toString("base64")}`,
      },
    }));
    const error = await collect(oauthClient(key.pem).listDevices()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OktaOAuthError);
    expect(seen.assertions.length).toBeGreaterThan(0);
    const encoded = seen.assertions.map((assertion) =>
      Buffer.from(assertion).toString("base64").slice(8, -8),
    );
    expectNoSecrets(error, encoded);
  });
});

describe("secrets echoed encoded: DPoP proofs and every secret the client holds", () => {
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const b64url = (text: string) => Buffer.from(text).toString("base64url");
  const form = (text: string) => new URLSearchParams({ v: text }).toString().slice(2);
  // Every encoded form a server might echo, and the middle of each (what identifies it).
  const encodings: Record<string, (text: string) => string> = {
    plain: (text) => text,
    base64: b64,
    base64url: b64url,
    "percent-encoded": encodeURIComponent,
    "form-encoded": form,
    "base64, percent-encoded": (text) => encodeURIComponent(b64(text)),
    "base64, form-encoded": (text) => form(b64(text)),
    "base64 after a prefix": (text) => b64(`DPoP: ${text}`),
  };
  const formsOf = (secret: string) =>
    Object.values(encodings).flatMap((encode) => {
      const encoded = encode(secret);
      return [encoded, encoded.slice(6, -6)];
    });

  it("regression: DPoP proofs echoed in base64, base64url and URL-encoded forms are redacted (API and token endpoint)", async () => {
    const key = keyMaterial();
    const quote = (proof: string) =>
      Object.entries(encodings)
        .map(([name, encode]) => `${name}=${encode(proof)}`)
        .join("&");
    let tokenErrorSent = false;
    const seen = await oauthServer((recorded, api) => {
      const proof = recorded.proofs.at(-1) ?? "";
      if (api) {
        return {
          status: 403,
          body: {
            errorCode: "E0000006",
            errorSummary: `proof seen: ${quote(proof)}`,
            errorCauses: [{ errorSummary: b64url(proof) }, { errorSummary: `x${b64(proof)}` }],
          },
        };
      }
      if (!tokenErrorSent && recorded.proofs.length > 0) {
        tokenErrorSent = true;
        return {
          status: 400,
          body: { error: "invalid_dpop_proof", error_description: quote(proof) },
        };
      }
      return {
        status: 200,
        body: {
          access_token: `opaque-${randomBytes(16).toString("hex")}`,
          token_type: "DPoP",
          expires_in: 3600,
        },
      };
    });
    const client = oauthClient(key.pem, { retry: { limit: 0 } });
    const tokenError = await client.getDevice("d").catch((caught: unknown) => caught);
    expect(tokenError).toBeInstanceOf(OktaOAuthError);
    const apiError = await client.getDevice("d").catch((caught: unknown) => caught);
    expect((apiError as OktaClientError).reason).toBe("forbidden");
    expect((apiError as OktaClientError).errorSummary).toContain("[REDACTED]");
    expect(seen.proofs.length).toBeGreaterThanOrEqual(2);
    const secrets = seen.proofs.flatMap(formsOf);
    expectNoSecrets(tokenError, secrets);
    expectNoSecrets(apiError, secrets);
    for (const error of [tokenError, apiError]) {
      expectNoSecrets((error as Error).toString(), secrets);
      expectNoSecrets(inspect(error, { showHidden: true, depth: 8 }), secrets);
    }
  });

  it("regression: the API token, an access token and private key fields echoed encoded are redacted", async () => {
    const key = keyMaterial();
    const accessToken = `at~${randomBytes(20).toString("base64url")}`;
    const held = [accessToken, key.jwk.d as string, ...key.secrets.slice(1)];
    const seen = await oauthServer((_recorded, api) =>
      api
        ? {
            status: 401,
            body: {
              errorCode: "E0000011",
              errorSummary: held
                .flatMap((secret) => Object.values(encodings).map((encode) => encode(secret)))
                .join(" , "),
            },
          }
        : {
            status: 200,
            body: { access_token: accessToken, token_type: "DPoP", expires_in: 3600 },
          },
    );
    const error = await oauthClient(key.pem, { retry: { limit: 0 } })
      .getDevice("d")
      .catch((caught: unknown) => caught);
    expect((error as OktaClientError).reason).toBe("invalid_token");
    expectNoSecrets(error, [...held.flatMap(formsOf), ...seen.proofs.flatMap(formsOf)]);
  });

  it("property: an unregistered JWT, encoded any way, anywhere in any text, is redacted", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_-]{2,40}$/);
    const jwt = fc
      .tuple(segment, segment, segment)
      .map(([header, payload, signature]) => `eyJ${header}.${payload}.${signature}`);
    const around = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("", " ", "=", "x", "&a=", "%"),
    );
    fc.assert(
      fc.property(
        jwt,
        fc.constantFrom(...Object.keys(encodings)),
        around,
        around,
        (token, name, before, after) => {
          const encoded = (encodings[name] as (text: string) => string)(token);
          const text = `${before}${encoded}${after}`;
          const redacted = redactSecrets(text);
          expect(redacted).not.toContain(token);
          expect(redacted).not.toContain(encoded);
          // Nothing of the encoded JWT long enough to identify it is left.
          expect(redacted).not.toContain(
            encoded.slice(
              Math.floor(encoded.length / 4),
              -Math.floor(encoded.length / 4) || undefined,
            ),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("property: a registered secret, encoded any way (twice included), anywhere in any text, is redacted", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[\x21-\x7e]{8,40}$/),
        fc.constantFrom(...Object.keys(encodings)),
        fc.string({ maxLength: 8 }),
        fc.string({ maxLength: 8 }),
        (secret, name, before, after) => {
          registerSecret(secret);
          const encoded = (encodings[name] as (text: string) => string)(secret);
          const redacted = redactSecrets(`${before}${encoded}${after}`);
          expect(redacted).toContain("[REDACTED]");
          expect(redacted).not.toContain(secret);
          expect(redacted).not.toContain(encoded);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("regression: text ending in a half escape just before a form-encoded base64 secret does not hide it", () => {
    // Found by the property above: "%7" + "eyEh…" reads as "~yEh…" when every escape is decoded.
    const secret = "{!!!!~!!!!";
    registerSecret(secret);
    const encoded = form(b64(secret));
    expect(encoded).toBe("eyEhISF%2BISEhIQ%3D%3D");
    const redacted = redactSecrets(`*m!"'%7${encoded}^`);
    expect(redacted).toContain("[REDACTED]");
    expect(redacted).not.toContain("ISEhIQ");
  });

  it("regression: a registered secret inside an encoded JWT does not cut the JWT's encoding in two", () => {
    // Found by the JWT property: a secret registered elsewhere matched in the middle of the
    // blob; replaced first, it left two pieces, and the JWT's tail was kept.
    const jwt = "eyJhasOwnPpaaaaaa.0a0_A0.aaA0AAA_0a_a";
    registerSecret("asOwnPpaaaaaa.0a0");
    const encoded = form(b64(jwt));
    const redacted = redactSecrets(`seen ${encoded} end`);
    expect(redacted).toBe("seen [REDACTED] end");
  });

  it("leaves text without secrets as it is (ids, URLs, words, base64 of nothing secret)", () => {
    const texts = [
      "Not found: Resource not found: guo1abc2def3GHI4jkl5 (Device)",
      "GET https://acme.okta.com/api/v1/devices?limit=200&after=guo5w8fG0K6kzsbsI697",
      `data ${b64("an ordinary sentence, nothing secret in it")} end`,
      "REDACTED REDACTED%20x 100% done",
    ];
    for (const text of texts) expect(redactSecrets(text)).toBe(text);
    // "REDACTED" right before a blob does not hide it.
    const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ4In0.c2lnbmF0dXJl";
    expect(redactSecrets(`REDACTED${b64(jwt)}`)).toBe("[REDACTED]");
  });
});

// Attack on the merged 12a redaction: a server may quote a credential inside a JSON string
// (a gateway wrapping an upstream body: `\u002e` for the dots, `\/` for the slashes) or
// wrapped over lines (a log line, MIME base64 every 76 characters). Each piece alone is no
// secret, so the redaction reads the run joined.
describe("secrets echoed JSON-escaped or wrapped over lines (attack on 12a)", () => {
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const mime = (text: string) => b64(text).replace(/.{76}(?!$)/g, "$&\r\n");
  const jsonQuoted = (text: string) => JSON.stringify(JSON.stringify({ v: text }).slice(1, -1));
  const jwt =
    "eyJhbGciOiJFUzI1NiIsInR5cCI6ImRwb3Arand0In0.eyJodG0iOiJHRVQiLCJqdGkiOiIxMjM0NTY3ODkwIn0.MEUCIQDx7y8sdfKJHsdfkjhsdfkjhSDFkjhsdfkjhsd";
  const signature = jwt.slice(jwt.lastIndexOf(".") + 1);

  it("regression: a JWT with \\u002e for its dots, a key line with \\/ and a token as \\u00XX escapes are redacted", () => {
    // A made-up key line (not a key) with the slashes base64 lines have.
    const line = `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC/${randomBytes(24).toString("base64")}/+x`;
    registerKeyMaterial(`-----BEGIN PRIVATE KEY-----\n${line}\n-----END PRIVATE KEY-----\n`);
    const token = `00${randomBytes(20).toString("base64url")}`;
    registerSecret(token);
    const unicode = [...token].map((char) => `\\u00${char.charCodeAt(0).toString(16)}`).join("");
    expect(redactSecrets(`proof ${jwt.replaceAll(".", "\\u002e")} end`)).toBe(
      "proof [REDACTED] end",
    );
    expect(redactSecrets(`proof ${jwt.replaceAll(".", "\\\\u002e")} end`)).toBe(
      "proof [REDACTED] end",
    );
    expect(redactSecrets(`key ${line.replaceAll("/", "\\/")} end`)).toBe("key [REDACTED] end");
    expect(redactSecrets(`token ${unicode} end`)).toBe("token [REDACTED] end");
  });

  it("regression: a JWT, a token and their base64 split over lines (CRLF, LF, escaped \\r\\n, MIME every 76) are redacted", () => {
    const token = `00${randomBytes(20).toString("base64url")}`;
    registerSecret(token);
    expect(redactSecrets(`proof ${jwt.slice(0, 60)}\n${jwt.slice(60)} end`)).toBe(
      "proof [REDACTED] end",
    );
    expect(redactSecrets(`token ${token.slice(0, 20)}\r\n  ${token.slice(20)} end`)).toBe(
      "token [REDACTED] end",
    );
    expect(redactSecrets(`blob ${mime(jwt)} end`)).toBe("blob [REDACTED] end");
    expect(redactSecrets(`blob ${mime(jwt).replaceAll("\r\n", "\\r\\n")} end`)).toBe(
      "blob [REDACTED] end",
    );
    // The tail of an unregistered credential after a scheme, on the next line.
    expect(redactSecrets("SSWS 00abcdefgh\r\nijklmnop more")).toBe("SSWS [REDACTED] more");
    // Without a secret in it, wrapped text stays as it is.
    expect(redactSecrets("a line\r\nnext line\n  indented")).toBe(
      "a line\r\nnext line\n  indented",
    );
  });

  it("regression: a proof quoted JSON-escaped and MIME-wrapped in errorSummary and a network error's cause chain", async () => {
    const token = `00${randomBytes(20).toString("base64url")}`;
    server = await startServer((_request, response) => {
      sendJson(response, 401, {
        errorCode: "E0000011",
        errorSummary: `upstream said ${jsonQuoted(`Authorization: SSWS ${token}`)} proof=${jwt.replaceAll(".", "\\u002e")}`,
        errorCauses: [{ errorSummary: mime(`SSWS ${token}`) }, { errorSummary: mime(jwt) }],
      });
    });
    const client = createOktaDeviceClient({
      baseUrl: server.baseUrl,
      allowInsecureHttp: true,
      auth: { apiToken: token },
      retry: { limit: 0 },
    });
    const error = await client.getDevice("d").catch((caught: unknown) => caught);
    expect((error as OktaClientError).reason).toBe("invalid_token");
    expect((error as OktaClientError).errorCauses).toEqual(["[REDACTED]", "[REDACTED]"]);
    const pieces = (text: string) => [text.slice(0, 16), text.slice(-16), text.slice(20, 36)];
    const forbidden = [
      token,
      signature,
      ...pieces(token),
      ...pieces(b64(jwt)),
      ...pieces(signature),
    ];
    expectNoSecrets(error, forbidden);
    const inner = Object.assign(new Error(`ECONNRESET after ${mime(`SSWS ${token}`)}`), {
      code: "ECONNRESET",
    });
    const networkError = new OktaNetworkError("network", "fetch failed", {
      cause: new TypeError("fetch failed", { cause: new Error("socket", { cause: inner }) }),
    });
    expect(inspect(networkError, { showHidden: true, depth: 8 })).toContain("[REDACTED]");
    expectNoSecrets(networkError, forbidden);
  });

  it("property: a JWT or a registered secret, encoded, then JSON-escaped or wrapped at any points, anywhere in any text, is redacted", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/);
    const unregisteredJwt = fc
      .tuple(segment, segment, segment)
      .map(([header, payload, sig]) => `eyJ${header}.${payload}.${sig}`);
    // Tokens and key lines start with a letter or digit; base64 padding only ends them.
    const registered = fc
      .stringMatching(/^[A-Za-z0-9][A-Za-z0-9_~.+/-]{11,39}={0,2}$/)
      .map((secret) => {
        registerSecret(secret);
        return secret;
      });
    const encodings: Record<string, (text: string) => string> = {
      plain: (text) => text,
      base64: b64,
      "percent-encoded": encodeURIComponent,
    };
    const breaks = fc.constantFrom("\n", "\r\n", "\r\n ", "\\n", "\\r\\n", "\\\\n");
    fc.assert(
      fc.property(
        fc.oneof(unregisteredJwt, registered),
        fc.constantFrom(...Object.keys(encodings)),
        fc.constantFrom("none", "json", "json twice", "unicode"),
        fc.array(fc.tuple(fc.nat(), breaks), { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom("", " ", "x", "blob=", '"', "\n"),
        fc.constantFrom("", " ", ".", '"', "\n", "&"),
        (secret, name, escaping, cuts, wrapMime, before, after) => {
          let encoded = (encodings[name] as (text: string) => string)(secret);
          if (escaping === "json")
            encoded = encoded.replace(/[./]/g, (c) => (c === "/" ? "\\/" : "\\u002e"));
          if (escaping === "json twice") encoded = encoded.replaceAll(".", "\\\\u002e");
          if (escaping === "unicode")
            encoded = encoded.replace(
              /./g,
              (c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
            );
          // Line breaks at any points, never inside an escape (a reader would not cut one).
          const points = [...new Set(cuts.map(([at]) => at % encoded.length))].sort(
            (a, b) => b - a,
          );
          for (const point of points) {
            const safe = !/\\[\s\S]{0,5}$/.test(encoded.slice(0, point));
            if (point > 0 && safe) {
              const brk = cuts.find(([at]) => at % encoded.length === point)?.[1] ?? "\n";
              encoded = `${encoded.slice(0, point)}${brk}${encoded.slice(point)}`;
            }
          }
          // Then wrapped as MIME does, every 76 characters, wherever that falls.
          if (wrapMime) encoded = encoded.replace(/.{76}(?!$)/g, "$&\r\n");
          const redacted = redactSecrets(`${before}${encoded}${after}`);
          expect(redacted).toContain("[REDACTED]");
          expect(redacted).not.toContain(secret);
          // No piece of the encoded text long enough to identify the secret is left.
          for (const piece of encoded.split(/\\[rn]|[\r\n ]+|\\+u00[0-9a-f]{2}|\\\//)) {
            if (piece.length >= 12) expect(redacted).not.toContain(piece);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
