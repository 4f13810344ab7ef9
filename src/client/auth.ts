import { OktaConfigError, OktaTimeoutError } from "./errors.js";
import { registerSecret } from "./secrets.js";
import { deadline, untilAborted } from "./until-aborted.js";

/** An Okta API token (`Authorization: SSWS …`). */
export interface ApiTokenAuth {
  /** The API token. */
  apiToken: string;
}

/** An OAuth 2.0 access token you obtain yourself (`Authorization: Bearer …`). */
export interface AccessTokenAuth {
  /**
   * The token, or a function returning a current one (called before each request). The
   * function has `timeoutMs` to answer; past it the attempt fails with `OktaTimeoutError`
   * (code `ETIMEDOUT`, retried like any timeout).
   */
  accessToken: string | (() => string | Promise<string>);
}

/** An OAuth 2.0 service app: client credentials with a `private_key_jwt` assertion, DPoP when required. */
export interface OAuthAuth {
  /** The service app's credentials. */
  oauth: OAuthServiceAppOptions;
}

/** Options of an OAuth 2.0 service app. */
export interface OAuthServiceAppOptions {
  /** The app's client id. */
  clientId: string;
  /** The app's private key: a JWK object, or a PKCS#8 PEM string (RSA or EC). */
  privateKey: JsonWebKeyInput | string;
  /** The key's id (`kid`) registered in Okta. Default: the JWK's `kid`, if any. */
  keyId?: string | undefined;
  /** Scopes to request. Default `["okta.devices.read"]`. */
  scopes?: readonly string[] | undefined;
  /**
   * DPoP (proof-of-possession): `true` always, `false` never, `"auto"` (default) when the
   * server asks for it, as Okta does for service apps created since 2024.
   */
  dpop?: boolean | "auto" | undefined;
}

/** A private JWK, as exported by most tools (`kty`, `d`, …). */
export interface JsonWebKeyInput {
  /** Key type: `RSA` or `EC`. */
  kty: string;
  /** Key id. */
  kid?: string;
  /** Other members (`n`, `e`, `d`, `crv`, `x`, `y`, …). */
  [member: string]: unknown;
}

/** How the client authenticates. */
export type OktaAuth = ApiTokenAuth | AccessTokenAuth | OAuthAuth;

/** Gives each request its auth headers, and reacts to a 401. */
export interface AuthStrategy {
  /**
   * Headers for one request (`Authorization`, and `DPoP` when bound). Must reject with the
   * signal's reason as soon as it aborts, whatever it waits for (a token function or request
   * that ignores it): the attempt does not race it again.
   */
  headers(
    method: string,
    url: string,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, string>>;
  /**
   * Called with a 401's headers and the auth headers its request was sent with; returns
   * `true` when a retry is worthwhile (a new DPoP nonce, a token refreshed or to refresh).
   */
  handleUnauthorized?(headers: Headers, sent: Readonly<Record<string, string>>): boolean;
}

// Tokens are printable ASCII without spaces; anything else would let a stray newline
// inject headers, or point to a copy-paste accident the user should hear about.
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

export function checkToken(token: unknown, what: string): string {
  if (typeof token !== "string" || token === "") {
    throw new OktaConfigError("invalid_token", `${what} is missing or empty`);
  }
  if (!TOKEN_SHAPE.test(token)) {
    throw new OktaConfigError(
      "invalid_token",
      `${what} contains spaces or non-printable characters (check for a stray newline)`,
    );
  }
  // From now on no error of this process repeats it, whatever a server echoes.
  registerSecret(token);
  return token;
}

function staticHeader(value: string): AuthStrategy {
  return { headers: () => Promise.resolve({ Authorization: value }) };
}

/**
 * Builds the strategy for a static or caller-supplied token; checks static tokens now.
 * OAuth apps are handled by the OAuth module. A token function gets `timeoutMs` to answer
 * (it may fetch the token from a vault): one that never settles must not hold every request.
 */
export function createTokenAuth(
  auth: ApiTokenAuth | AccessTokenAuth,
  timeoutMs: number,
): AuthStrategy {
  if ("apiToken" in auth) return staticHeader(`SSWS ${checkToken(auth.apiToken, "auth.apiToken")}`);
  const source = auth.accessToken;
  if (typeof source === "function") {
    return {
      headers: async (method, url, signal) => {
        let token: unknown;
        const bound = deadline(timeoutMs);
        try {
          const answer = untilAborted(Promise.resolve().then(source), bound.signal);
          // Raced with the caller's signal here too, so that its abort reaches `finally` and
          // stops the bound's timer at once: left running, it kept the process alive for up
          // to timeoutMs after the caller gave up.
          token = await (signal === undefined ? answer : untilAborted(answer, signal));
        } catch (error) {
          // Only our own bound is a timeout of ours: the function's own TimeoutError (its vault
          // call timing out, say) is its error, and must not claim timeoutMs passed.
          if (!(bound.signal.aborted && error === bound.signal.reason)) throw error;
          throw new OktaTimeoutError(
            "network",
            `auth.accessToken() gave no token within ${timeoutMs} ms (timeoutMs) for ${method} ${url}`,
            { url, method, code: "ETIMEDOUT" },
          );
        } finally {
          bound.clear();
        }
        return { Authorization: `Bearer ${checkToken(token, "auth.accessToken()")}` };
      },
    };
  }
  return staticHeader(`Bearer ${checkToken(source, "auth.accessToken")}`);
}
