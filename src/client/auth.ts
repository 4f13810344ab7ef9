import { OktaConfigError } from "./errors.js";

/** An Okta API token (`Authorization: SSWS …`). */
export interface ApiTokenAuth {
  /** The API token. */
  apiToken: string;
}

/** An OAuth 2.0 access token you obtain yourself (`Authorization: Bearer …`). */
export interface AccessTokenAuth {
  /** The token, or a function returning a current one (called before each request). */
  accessToken: string | (() => string | Promise<string>);
}

/** How the client authenticates. */
export type OktaAuth = ApiTokenAuth | AccessTokenAuth;

/** Produces the `Authorization` header value for each request. */
export type AuthorizationProvider = () => Promise<string>;

// Tokens are printable ASCII without spaces; anything else would let a stray newline
// inject headers, or point to a copy-paste accident the user should hear about.
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

function checkToken(token: unknown, what: string): string {
  if (typeof token !== "string" || token === "") {
    throw new OktaConfigError("invalid_token", `${what} is missing or empty`);
  }
  if (!TOKEN_SHAPE.test(token)) {
    throw new OktaConfigError(
      "invalid_token",
      `${what} contains spaces or non-printable characters (check for a stray newline)`,
    );
  }
  return token;
}

/** Builds the authorization provider for the configured auth; checks static tokens now. */
export function createAuthorizationProvider(auth: OktaAuth | undefined): AuthorizationProvider {
  if (auth === undefined || auth === null || typeof auth !== "object") {
    throw new OktaConfigError(
      "invalid_options",
      "auth is required: { apiToken } or { accessToken }",
    );
  }
  if ("apiToken" in auth) {
    const header = `SSWS ${checkToken(auth.apiToken, "auth.apiToken")}`;
    return () => Promise.resolve(header);
  }
  if ("accessToken" in auth) {
    const source = auth.accessToken;
    if (typeof source === "function") {
      return async () => `Bearer ${checkToken(await source(), "auth.accessToken()")}`;
    }
    const header = `Bearer ${checkToken(source, "auth.accessToken")}`;
    return () => Promise.resolve(header);
  }
  throw new OktaConfigError("invalid_options", "auth must be { apiToken } or { accessToken }");
}
