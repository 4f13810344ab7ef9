import {
  createHash,
  createPublicKey,
  type JsonWebKey,
  type KeyObject,
  randomBytes,
  verify,
} from "node:crypto";
import { JtiMemory } from "./jti-memory.js";

/**
 * A public JWK, as `KeyObject#export({ format: "jwk" })` gives it (`kty`, then `n` and `e`,
 * or `crv`, `x` and `y`). Our own type, not Node's `JsonWebKey`: the published types then do
 * not depend on which `@types/node` a project has (newer ones no longer export it).
 */
export interface FakeOrgPublicJwk {
  /** Key type: `RSA` or `EC`. */
  kty?: string;
  /** The other members (`n`, `e`, `crv`, `x`, `y`, `kid`, …). */
  [member: string]: unknown;
}

/** The OAuth 2.0 service app the fake org knows, and how strict it is. */
export interface FakeOrgOAuthOptions {
  /** The app's client id. */
  clientId: string;
  /** The app's public key: a public JWK or an SPKI PEM. */
  publicKey: FakeOrgPublicJwk | string;
  /** The key's registered `kid`; when set, assertions must carry it. */
  keyId?: string;
  /** Scopes granted to the app. Default `["okta.devices.read"]`. */
  scopes?: string[];
  /** Require DPoP-bound tokens, as Okta does for service apps created since 2024. Default `false`. */
  requireDpop?: boolean;
  /** Demand a DPoP nonce once: at the token endpoint, on API calls, or both. Default `false`. */
  dpopNonce?: false | "token" | "api" | "both";
  /** Lifetime of issued tokens, in seconds. Default `3600`. */
  tokenTtlSeconds?: number;
  /**
   * Most `jti`s of assertions and DPoP proofs remembered at once (to refuse replays). A jti
   * is forgotten once its token has expired (an assertion's `exp`, a proof's `iat` plus 60
   * s), when it could not be accepted anyway; with this many live ones, a new assertion or
   * proof is answered 503 (never a replay let through). Default `100000`.
   */
  maxSeenJtis?: number;
}

/** Counters of the fake authorization server. */
export interface FakeOrgOAuthStats {
  /** Access tokens issued. */
  tokensIssued: number;
  /** `use_dpop_nonce` challenges sent (token endpoint and API). */
  nonceChallenges: number;
  /** Assertions or proofs refused because their `jti` was seen before. */
  replaysRejected: number;
  /** `jti`s remembered now (at most `maxSeenJtis`; expired ones are swept as it grows). */
  readonly jtisRemembered: number;
}

/** An HTTP answer of the fake authorization server. */
export interface OAuthAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface IssuedToken {
  expiresAt: number;
  scopes: string[];
  jkt: string | undefined;
}

interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const HASHES: ReadonlyMap<string, string> = new Map([
  ["RS256", "sha256"],
  ["RS384", "sha384"],
  ["RS512", "sha512"],
  ["ES256", "sha256"],
  ["ES384", "sha384"],
  ["ES512", "sha512"],
]);
const PROOF_WINDOW_SECONDS = 60;
const TOO_MANY_JTIS =
  "The server holds maxSeenJtis unexpired jtis and cannot accept another until some expire.";

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Anything but a JWT whose header and payload are JSON objects is not a JWT: a header of
// `null` or `[]` must be refused like any other malformed token, never dereferenced.
function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const [header, payload, signature] = parts as [string, string, string];
    const decodedHeader: unknown = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
    const decodedPayload: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (!isJsonObject(decodedHeader) || !isJsonObject(decodedPayload)) return undefined;
    return {
      header: decodedHeader,
      payload: decodedPayload,
      signingInput: `${header}.${payload}`,
      signature: Buffer.from(signature, "base64url"),
    };
  } catch {
    return undefined;
  }
}

function verifyJwt(jwt: DecodedJwt, key: KeyObject): boolean {
  const alg = jwt.header.alg;
  // A Map: `alg` is data, and an object literal would answer "constructor".
  const hash = typeof alg === "string" ? HASHES.get(alg) : undefined;
  if (hash === undefined) return false;
  const data = Buffer.from(jwt.signingInput);
  try {
    return alg?.toString().startsWith("ES")
      ? verify(hash, data, { key, dsaEncoding: "ieee-p1363" }, jwt.signature)
      : verify(hash, data, key, jwt.signature);
  } catch {
    return false;
  }
}

/** RFC 7638 thumbprint of a public JWK. */
function thumbprint(jwk: Record<string, unknown>): string {
  const members =
    jwk.kty === "EC"
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
      : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash("sha256").update(JSON.stringify(members)).digest("base64url");
}

function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): OAuthAnswer {
  return { status, headers, body: { error, error_description: description } };
}

/** The fake org's authorization server and resource-server checks. Node built-ins only. */
export class FakeAuthorizationServer {
  readonly stats: FakeOrgOAuthStats;
  private readonly key: KeyObject;
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly seenJtis: JtiMemory;
  private readonly tokenNonce = randomBytes(12).toString("base64url");
  private readonly apiNonce = randomBytes(12).toString("base64url");

  constructor(private readonly options: FakeOrgOAuthOptions) {
    const seenJtis = new JtiMemory(options.maxSeenJtis);
    this.seenJtis = seenJtis;
    this.stats = {
      tokensIssued: 0,
      nonceChallenges: 0,
      replaysRejected: 0,
      get jtisRemembered() {
        return seenJtis.size;
      },
    };
    this.key =
      typeof options.publicKey === "string"
        ? createPublicKey(options.publicKey)
        : createPublicKey({ key: options.publicKey, format: "jwk" });
  }

  /** Makes every issued token expire now. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  // `usableUntilMs`: when the token carrying the jti stops being acceptable for its time.
  private replayed(jti: unknown, usableUntilMs: number): "replay" | "full" | false {
    if (typeof jti !== "string" || jti === "") return "replay";
    const verdict = this.seenJtis.remember(jti, usableUntilMs, Date.now());
    if (verdict === "replay") this.stats.replaysRejected++;
    return verdict === "new" ? false : verdict;
  }

  /**
   * Checks a DPoP proof; returns the key's thumbprint, or an error description.
   * `accessToken` is set for API calls (the proof must carry its hash in `ath`).
   */
  private checkProof(
    proof: string,
    method: string,
    url: string,
    nonce: string | undefined,
    accessToken?: string,
  ): { jkt: string } | { error: string; nonceMissing?: boolean; busy?: boolean } {
    const jwt = decodeJwt(proof);
    if (jwt === undefined) return { error: "The DPoP proof is not a JWT." };
    if (jwt.header.typ !== "dpop+jwt") return { error: "The DPoP proof typ must be dpop+jwt." };
    const jwk = jwt.header.jwk;
    if (jwk === null || typeof jwk !== "object" || "d" in jwk) {
      return { error: "The DPoP proof must carry a public jwk." };
    }
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
    } catch {
      return { error: "The DPoP proof jwk is not a usable key." };
    }
    if (!verifyJwt(jwt, key)) return { error: "The DPoP proof signature is invalid." };
    const claims = jwt.payload;
    if (claims.htm !== method) return { error: `The DPoP proof htm must be ${method}.` };
    const target = new URL(url);
    if (claims.htu !== `${target.origin}${target.pathname}`) {
      return { error: "The DPoP proof htu does not match the request URL." };
    }
    const iat = claims.iat;
    if (typeof iat !== "number" || Math.abs(Date.now() / 1000 - iat) > PROOF_WINDOW_SECONDS) {
      return { error: "The DPoP proof iat is outside the allowed window." };
    }
    if (accessToken !== undefined) {
      const ath = createHash("sha256").update(accessToken).digest("base64url");
      if (claims.ath !== ath)
        return { error: "The DPoP proof ath does not match the access token." };
    }
    if (nonce !== undefined && claims.nonce !== nonce) {
      return { error: "Authorization server requires nonce in DPoP proof.", nonceMissing: true };
    }
    const replay = this.replayed(claims.jti, (iat + PROOF_WINDOW_SECONDS) * 1000);
    if (replay === "full") return { error: TOO_MANY_JTIS, busy: true };
    if (replay === "replay") return { error: "The DPoP proof jti was already used." };
    return { jkt: thumbprint(jwk as Record<string, unknown>) };
  }

  /** Handles `POST /oauth2/v1/token`. */
  token(form: URLSearchParams, dpopHeader: string | undefined, tokenUrl: string): OAuthAnswer {
    const options = this.options;
    if (form.get("grant_type") !== "client_credentials") {
      return oauthError(
        400,
        "unsupported_grant_type",
        "The grant_type must be client_credentials.",
      );
    }
    if (
      form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    ) {
      return oauthError(
        401,
        "invalid_client",
        "Client authentication must use a private_key_jwt assertion.",
      );
    }
    const assertion = decodeJwt(form.get("client_assertion") ?? "");
    if (assertion === undefined || !verifyJwt(assertion, this.key)) {
      return oauthError(401, "invalid_client", "The client_assertion signature is invalid.");
    }
    const claims = assertion.payload;
    const now = Date.now() / 1000;
    if (options.keyId !== undefined && assertion.header.kid !== options.keyId) {
      return oauthError(
        401,
        "invalid_client",
        "The client_assertion kid does not match a registered key.",
      );
    }
    if (claims.iss !== options.clientId || claims.sub !== options.clientId) {
      return oauthError(
        401,
        "invalid_client",
        "The client_assertion iss and sub must be the client id.",
      );
    }
    if (claims.aud !== tokenUrl) {
      return oauthError(
        401,
        "invalid_client",
        "The client_assertion aud must be the token endpoint.",
      );
    }
    const exp = claims.exp;
    if (typeof exp !== "number" || exp < now || exp > now + 3600) {
      return oauthError(
        401,
        "invalid_client",
        "The client_assertion exp is missing, past or too far.",
      );
    }
    const replay = this.replayed(claims.jti, exp * 1000);
    if (replay === "full") return oauthError(503, "temporarily_unavailable", TOO_MANY_JTIS);
    if (replay === "replay") {
      return oauthError(401, "invalid_client", "The client_assertion jti was already used.");
    }
    const granted = options.scopes ?? ["okta.devices.read"];
    const requested = (form.get("scope") ?? "").split(" ").filter((scope) => scope !== "");
    const missing = requested.filter((scope) => !granted.includes(scope));
    if (requested.length === 0 || missing.length > 0) {
      return oauthError(
        400,
        "invalid_scope",
        `The following scopes were not granted: ${missing.join(" ") || "(none requested)"}`,
      );
    }
    let jkt: string | undefined;
    if (dpopHeader !== undefined) {
      const demand = options.dpopNonce === "token" || options.dpopNonce === "both";
      const checked = this.checkProof(
        dpopHeader,
        "POST",
        tokenUrl,
        demand ? this.tokenNonce : undefined,
      );
      if ("error" in checked) {
        if (checked.nonceMissing === true) {
          this.stats.nonceChallenges++;
          return oauthError(400, "use_dpop_nonce", checked.error, {
            "DPoP-Nonce": this.tokenNonce,
          });
        }
        if (checked.busy === true) return oauthError(503, "temporarily_unavailable", checked.error);
        return oauthError(400, "invalid_dpop_proof", checked.error);
      }
      jkt = checked.jkt;
    } else if (options.requireDpop === true) {
      return oauthError(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.");
    }
    const value = randomBytes(24).toString("base64url");
    const ttl = options.tokenTtlSeconds ?? 3600;
    this.tokens.set(value, { expiresAt: Date.now() + ttl * 1000, scopes: requested, jkt });
    this.stats.tokensIssued++;
    return {
      status: 200,
      headers: {},
      body: {
        token_type: jkt === undefined ? "Bearer" : "DPoP",
        expires_in: ttl,
        access_token: value,
        scope: requested.join(" "),
      },
    };
  }

  /**
   * Checks an API call's access token (and DPoP proof); returns undefined when it may
   * proceed, or the answer to send.
   */
  checkApiCall(
    scheme: string,
    credential: string,
    dpopHeader: string | undefined,
    method: string,
    url: string,
  ):
    | { status: number; headers: Record<string, string>; errorCode: string; summary: string }
    | undefined {
    const token = this.tokens.get(credential);
    const invalid = (summary: string, challenge: string) => ({
      status: 401,
      headers: { "WWW-Authenticate": challenge },
      errorCode: "E0000011",
      summary,
    });
    if (token === undefined || token.expiresAt <= Date.now()) {
      return invalid("Invalid token provided", `${scheme} error="invalid_token"`);
    }
    if (token.jkt !== undefined) {
      if (scheme !== "DPoP" || dpopHeader === undefined) {
        return invalid(
          "The access token is DPoP-bound: use the DPoP scheme with a proof",
          'DPoP error="invalid_token"',
        );
      }
      const demand = this.options.dpopNonce === "api" || this.options.dpopNonce === "both";
      const checked = this.checkProof(
        dpopHeader,
        method,
        url,
        demand ? this.apiNonce : undefined,
        credential,
      );
      if ("error" in checked) {
        if (checked.busy === true) {
          return { status: 503, headers: {}, errorCode: "E0000010", summary: checked.error };
        }
        if (checked.nonceMissing === true) {
          this.stats.nonceChallenges++;
          return {
            status: 401,
            headers: {
              "WWW-Authenticate":
                'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
              "DPoP-Nonce": this.apiNonce,
            },
            errorCode: "E0000011",
            summary: checked.error,
          };
        }
        return invalid(checked.error, 'DPoP error="invalid_dpop_proof"');
      }
      if (checked.jkt !== token.jkt)
        return invalid(
          "The DPoP proof key does not match the token",
          'DPoP error="invalid_dpop_proof"',
        );
    } else if (scheme !== "Bearer") {
      return invalid("Use the Bearer scheme for this token", 'Bearer error="invalid_token"');
    }
    if (!token.scopes.includes("okta.devices.read")) {
      return {
        status: 403,
        headers: { "WWW-Authenticate": `${scheme} error="insufficient_scope"` },
        errorCode: "E0000006",
        summary: "The access token provided does not contain the required scopes.",
      };
    }
    return undefined;
  }
}
