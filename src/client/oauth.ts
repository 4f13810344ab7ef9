import type { CryptoKey, JWK } from "jose";
import type { AuthStrategy, JsonWebKeyInput, OAuthServiceAppOptions } from "./auth.js";
import {
  OktaClientError,
  OktaConfigError,
  type OktaFailureReason,
  OktaNetworkError,
  OktaOAuthError,
  OktaResponseError,
} from "./errors.js";
import { networkCause } from "./network-cause.js";
import { decodeBody } from "./response-body.js";
import { registerKeyMaterial, registerSecret } from "./secrets.js";
import { loadKy, optionalCode, readBody, releaseLate } from "./transport.js";
import { deadline, untilAborted } from "./until-aborted.js";
import { hasChallengeError } from "./www-authenticate.js";

type Jose = typeof import("jose");
let joseModule: Promise<Jose> | undefined;
// Loaded on first use, like ky: only OAuth clients pay for it, and it is ESM-only.
function loadJose(): Promise<Jose> {
  joseModule ??= import("jose");
  return joseModule;
}

/** What the OAuth module needs from the client. */
export interface OAuthContext {
  origin: string;
  timeoutMs: number;
  maxResponseBytes: number;
  fetch: typeof globalThis.fetch | undefined;
  userAgent: string;
}

// Okta refuses RSA keys shorter than this, and jose will not sign with them.
const MIN_RSA_BITS = 2048;

function checkKeySize(key: CryptoKey, fail: (detail: string) => never): void {
  const algorithm = key.algorithm as { name?: string; modulusLength?: unknown };
  const bits = algorithm.modulusLength;
  if (typeof bits === "number" && bits < MIN_RSA_BITS) {
    fail(
      `is an RSA key of ${bits} bits; Okta requires at least ${MIN_RSA_BITS}: generate a new key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048) and register its public key in the app`,
    );
  }
}

interface AccessToken {
  value: string;
  type: "Bearer" | "DPoP";
  refreshAt: number;
}

interface SigningKey {
  key: CryptoKey;
  alg: string;
  kid: string | undefined;
}

interface DpopKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

// Refresh this long before expiry (or a quarter of a short lifetime), so a token never
// expires in flight.
const EXPIRY_MARGIN_MS = 60_000;
// Maps, not object literals: `error` is whatever the server sends, and an object literal
// would answer "constructor" or "toString" with a function inherited from Object.prototype.
const OAUTH_REASONS: ReadonlyMap<string, OktaFailureReason> = new Map<string, OktaFailureReason>([
  ["invalid_client", "invalid_client"],
  ["unauthorized_client", "invalid_client"],
  ["invalid_grant", "invalid_client"],
  ["invalid_scope", "invalid_scope"],
  ["invalid_dpop_proof", "dpop_error"],
  ["use_dpop_nonce", "dpop_error"],
  ["access_denied", "forbidden"],
]);
const ADVICE: ReadonlyMap<OktaFailureReason, string> = new Map<OktaFailureReason, string>([
  [
    "invalid_client",
    "Check the client id, that the app uses public key / private key authentication, and that the key (and keyId) match the public key registered in Okta.",
  ],
  [
    "invalid_scope",
    "Grant the scopes to the app in Okta (Okta API Scopes tab), e.g. okta.devices.read.",
  ],
  ["dpop_error", "Check the app's DPoP setting (Require DPoP) and the dpop option."],
]);

function algorithmForJwk(jwk: JsonWebKeyInput): string {
  if (jwk.kty === "RSA") return "RS256";
  if (jwk.kty === "EC") {
    if (jwk.crv === "P-256") return "ES256";
    if (jwk.crv === "P-384") return "ES384";
    if (jwk.crv === "P-521") return "ES512";
  }
  throw new OktaConfigError(
    "invalid_client",
    "auth.oauth.privateKey must be an RSA or EC (P-256, P-384, P-521) private key",
  );
}

async function importSigningKey(options: OAuthServiceAppOptions): Promise<SigningKey> {
  const jose = await loadJose();
  const source = options.privateKey;
  const fail = (detail: string): never => {
    // Never include the key, nor jose's message (which could quote parts of it).
    throw new OktaConfigError("invalid_client", `auth.oauth.privateKey ${detail}`);
  };
  if (typeof source === "string") {
    if (/BEGIN (RSA|EC) PRIVATE KEY/.test(source)) {
      fail(
        "is a PKCS#1/SEC1 PEM; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in key.pem)",
      );
    }
    if (!source.includes("BEGIN PRIVATE KEY")) fail("must be a PKCS#8 PEM or a JWK object");
    for (const alg of ["RS256", "ES256", "ES384", "ES512"]) {
      let key: CryptoKey;
      try {
        key = await jose.importPKCS8(source, alg, { extractable: true });
      } catch {
        // Try the next algorithm: a PKCS#8 PEM does not say which one it is for.
        continue;
      }
      checkKeySize(key, fail);
      // The key's private members (d, p, q, …) must be redacted too, not only the PEM text.
      registerKeyMaterial(await jose.exportJWK(key));
      return { key, alg, kid: options.keyId };
    }
    return fail("could not be read as an RSA or EC PKCS#8 private key");
  }
  if (source === null || typeof source !== "object" || typeof source.d !== "string") {
    return fail("must be a private JWK (with `d`) or a PKCS#8 PEM string");
  }
  const alg = algorithmForJwk(source);
  try {
    const key = await jose.importJWK(source as JWK, alg);
    if (key instanceof Uint8Array) return fail("must be an asymmetric key");
    checkKeySize(key, fail);
    return { key, alg, kid: options.keyId ?? source.kid };
  } catch (error) {
    if (error instanceof OktaClientError) throw error;
    return fail("could not be imported as a JWK private key");
  }
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * OAuth 2.0 client credentials with a `private_key_jwt` client assertion, and DPoP.
 * One token request at a time however many requests wait; tokens cached until shortly
 * before expiry; the `use_dpop_nonce` exchange on the token endpoint and on API calls.
 */
export class OAuthStrategy implements AuthStrategy {
  private readonly tokenUrl: string;
  private readonly scopes: string;
  private signingKey: Promise<SigningKey> | undefined;
  private dpopKey: Promise<DpopKey> | undefined;
  private token: AccessToken | undefined;
  private refreshing: Promise<AccessToken> | undefined;
  private dpop: boolean;
  private tokenNonce: string | undefined;
  private apiNonce: string | undefined;

  constructor(
    private readonly options: OAuthServiceAppOptions,
    private readonly context: OAuthContext,
  ) {
    if (typeof options.clientId !== "string" || options.clientId.trim() === "") {
      throw new OktaConfigError("invalid_client", "auth.oauth.clientId is missing or empty");
    }
    if (options.privateKey === undefined || options.privateKey === null) {
      throw new OktaConfigError("invalid_client", "auth.oauth.privateKey is missing");
    }
    const scopes = options.scopes ?? ["okta.devices.read"];
    if (scopes.length === 0) {
      throw new OktaConfigError("invalid_scope", "auth.oauth.scopes must name at least one scope");
    }
    this.scopes = scopes.join(" ");
    registerKeyMaterial(options.privateKey);
    this.tokenUrl = `${context.origin}/oauth2/v1/token`;
    this.dpop = options.dpop === true;
  }

  async headers(method: string, url: string, signal: AbortSignal | undefined) {
    const token = await this.currentToken(signal);
    if (token.type !== "DPoP") return { Authorization: `Bearer ${token.value}` };
    const proof = await this.proof(method, url, this.apiNonce, token.value);
    return { Authorization: `DPoP ${token.value}`, DPoP: proof };
  }

  handleUnauthorized(headers: Headers, sent: Readonly<Record<string, string>>): boolean {
    const challenge = headers.get("www-authenticate") ?? "";
    const nonce = headers.get("dpop-nonce");
    if (hasChallengeError(challenge, "use_dpop_nonce") && nonce !== null) {
      this.apiNonce = nonce;
      return true;
    }
    // Expired or revoked: fetch a new token once. Only if the refused request used the
    // current token: concurrent requests sent with the old one get their 401s after the
    // first of them has already brought a new token, which they must not throw away (each
    // would fetch one more token, one per late 401).
    const token = this.token;
    if (token === undefined || sent.Authorization === `${token.type} ${token.value}`) {
      this.token = undefined;
    }
    return true;
  }

  private currentToken(signal: AbortSignal | undefined): Promise<AccessToken> {
    const token = this.token;
    if (token !== undefined && Date.now() < token.refreshAt) {
      return Promise.resolve(token);
    }
    // Shared by every waiting request, so it must not die with one caller's signal.
    this.refreshing ??= this.requestToken().finally(() => {
      this.refreshing = undefined;
    });
    return raceAbort(this.refreshing, signal);
  }

  private async proof(
    method: string,
    url: string,
    nonce: string | undefined,
    accessToken?: string,
  ) {
    const jose = await loadJose();
    this.dpopKey ??= jose.generateKeyPair("ES256", { extractable: true }).then(async (pair) => {
      const { kty, crv, x, y } = await jose.exportJWK(pair.publicKey);
      return { privateKey: pair.privateKey, publicJwk: { kty, crv, x, y } as JWK };
    });
    const key = await this.dpopKey;
    const claims: Record<string, string> = { htm: method.toUpperCase(), htu: withoutQuery(url) };
    if (nonce !== undefined) claims.nonce = nonce;
    if (accessToken !== undefined) {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(accessToken));
      claims.ath = jose.base64url.encode(new Uint8Array(digest));
    }
    return new jose.SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: key.publicJwk })
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .sign(key.privateKey);
  }

  private async assertion(): Promise<string> {
    const jose = await loadJose();
    this.signingKey ??= importSigningKey(this.options);
    const signing = await this.signingKey.catch((error: unknown) => {
      this.signingKey = undefined;
      throw error;
    });
    const header: { alg: string; kid?: string } = { alg: signing.alg };
    if (signing.kid !== undefined) header.kid = signing.kid;
    let assertion: string;
    try {
      assertion = await new jose.SignJWT({})
        .setProtectedHeader(header)
        .setIssuer(this.options.clientId)
        .setSubject(this.options.clientId)
        .setAudience(this.tokenUrl)
        .setIssuedAt()
        .setExpirationTime("5m")
        .setJti(crypto.randomUUID())
        .sign(signing.key);
    } catch {
      // jose's message could quote the key: say what to fix instead.
      throw new OktaConfigError(
        "invalid_client",
        `auth.oauth.privateKey cannot sign a ${signing.alg} client assertion; use an RSA key of at least ${MIN_RSA_BITS} bits or an EC P-256/P-384/P-521 key`,
      );
    }
    // A JWT is redacted by its shape, but a server may echo it in base64: registered, its
    // encoded forms are redacted too (one per token request, so few).
    registerSecret(assertion);
    return assertion;
  }

  private async requestToken(): Promise<AccessToken> {
    const ky = await loadKy();
    // At most: one try, one after learning DPoP is required, one with the server's nonce.
    for (let attempt = 0; attempt < 3; attempt++) {
      const body = new URLSearchParams({
        grant_type: "client_credentials",
        scope: this.scopes,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await this.assertion(),
      });
      const headers: Record<string, string> = {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
      };
      if (this.context.userAgent !== "") headers["User-Agent"] = this.context.userAgent;
      if (this.dpop) headers.DPoP = await this.proof("POST", this.tokenUrl, this.tokenNonce);
      const details = { url: this.tokenUrl, method: "POST" };
      let response: Response;
      let text: string;
      // One bound for the whole answer, body included (ky's timeout ends with the headers),
      // however the fetch and its body stream treat their signals.
      const bound = deadline(this.context.timeoutMs);
      const custom = this.context.fetch;
      try {
        response = await ky.post(this.tokenUrl, {
          body,
          headers,
          retry: 0,
          timeout: this.context.timeoutMs,
          throwHttpErrors: false,
          redirect: "manual",
          ...(custom === undefined
            ? {}
            : {
                // ky's timeout gives up on a custom fetch that ignores its signal but leaves
                // the response that comes later unread: raced here, its body is cancelled.
                fetch: (input: RequestInfo | URL, init?: RequestInit) =>
                  untilAborted(custom(input, init), bound.signal, releaseLate),
              }),
        });
        const max = this.context.maxResponseBytes;
        text = decodeBody(await readBody(response, max, "POST", this.tokenUrl, bound.signal));
      } catch (cause) {
        if (cause instanceof OktaClientError) throw cause;
        // The cause keeps only name, message and code (see errors.ts): never ky's Request,
        // which holds the client assertion and the DPoP proof.
        const timedOut = cause instanceof Error && cause.name === "TimeoutError";
        const named = timedOut
          ? {
              description: `no complete answer within ${this.context.timeoutMs} ms`,
              code: "ETIMEDOUT",
            }
          : networkCause(cause);
        throw new OktaNetworkError(
          "network",
          `Could not reach Okta's token endpoint ${this.tokenUrl}: ${named.description}`,
          { ...details, cause, ...optionalCode(named.code) },
        );
      } finally {
        bound.clear();
      }
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new OktaResponseError(
          "unexpected_response",
          `Okta's token endpoint ${this.tokenUrl} answered ${response.status} without JSON: check baseUrl`,
          { ...details, status: response.status },
        );
      }
      const requestId = response.headers.get("x-okta-request-id") ?? undefined;
      if (response.ok) return this.acceptToken(data, { ...details, status: response.status });
      const error = typeof data.error === "string" ? data.error : undefined;
      const description =
        typeof data.error_description === "string" ? data.error_description : undefined;
      const nonce = response.headers.get("dpop-nonce");
      if (error === "use_dpop_nonce" && nonce !== null) {
        this.tokenNonce = nonce;
        this.dpop = this.options.dpop !== false;
        if (this.dpop) continue;
      }
      if (
        error === "invalid_dpop_proof" &&
        !this.dpop &&
        (this.options.dpop ?? "auto") === "auto"
      ) {
        this.dpop = true;
        continue;
      }
      const reason =
        (error === undefined ? undefined : OAUTH_REASONS.get(error)) ??
        (response.status >= 500 ? "server_error" : "unexpected_response");
      const advice = ADVICE.get(reason) ?? "";
      throw new OktaOAuthError(
        reason,
        `Okta's token endpoint refused the client credentials (${response.status} ${error ?? "no error code"}${description === undefined ? "" : `: ${description}`}). ${advice}`.trim(),
        { error, errorDescription: description },
        { ...details, status: response.status, ...(requestId === undefined ? {} : { requestId }) },
      );
    }
    throw new OktaOAuthError(
      "dpop_error",
      "Okta's token endpoint kept asking for a new DPoP nonce",
      { error: "use_dpop_nonce" },
      { url: this.tokenUrl, method: "POST" },
    );
  }

  private acceptToken(
    data: Record<string, unknown>,
    details: { url: string; method: string; status: number },
  ) {
    const value = data.access_token;
    const expiresIn = data.expires_in;
    const type = typeof data.token_type === "string" ? data.token_type : "Bearer";
    if (typeof value !== "string" || value === "" || typeof expiresIn !== "number") {
      throw new OktaResponseError(
        "unexpected_response",
        "Okta's token endpoint answered without access_token or expires_in",
        details,
      );
    }
    registerSecret(value);
    const token: AccessToken = {
      value,
      type: type.toLowerCase() === "dpop" ? "DPoP" : "Bearer",
      refreshAt: Date.now() + expiresIn * 1000 - Math.min(EXPIRY_MARGIN_MS, expiresIn * 250),
    };
    this.token = token;
    return token;
  }
}
