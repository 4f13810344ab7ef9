import type { OktaAuth } from "../client/auth.js";
import { readAll, UsageError } from "./args.js";

/** The credential options every command that talks to Okta takes. */
export const CREDENTIAL_OPTIONS = {
  "token-env": { type: "string" },
  "token-stdin": { type: "boolean" },
  "client-id": { type: "string" },
  "private-key-env": { type: "string" },
  "key-id": { type: "string" },
} as const;

/** Everything a command that talks to an org takes: the org, its transport, the credentials. */
export const CONNECTION_OPTIONS = {
  "base-url": { type: "string" },
  "allow-insecure-http": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  ...CREDENTIAL_OPTIONS,
} as const;

/** Returns `--base-url`, or a usage error naming the command. */
export function requireBaseUrl(command: string, baseUrl: string | undefined): string {
  if (baseUrl === undefined) {
    throw new UsageError(
      `${command} needs --base-url URL. See: okta-device-ocsf ${command} --help`,
    );
  }
  // Checked here, before the client's fuller checks, because their messages quote the URL:
  // a value that is no http(s) URL at all, or one with userinfo, is most likely a token or a
  // password typed in the wrong place, and is refused without being shown.
  let url: URL | undefined;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new UsageError(
      `--base-url must be the org's URL, e.g. https://acme.okta.com; the value given is not an https URL (it is not shown, in case it is a secret)`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new UsageError(
      "--base-url must not contain a user name or password (not shown); credentials go in --token-env or --token-stdin",
    );
  }
  return baseUrl;
}

/** Credential help shared by `fetch` and `test`. */
export const CREDENTIAL_HELP = `Credentials (never as arguments: they would show in process lists):
  --token-env NAME        read the API token from $NAME (default OKTA_API_TOKEN)
  --token-stdin           read the API token from standard input
  --client-id ID          use an OAuth 2.0 service app instead (private_key_jwt, DPoP)
  --private-key-env NAME  its private key (PKCS#8 PEM or JWK JSON) from $NAME
                          (default OKTA_PRIVATE_KEY)
  --key-id KID            the key's id registered in Okta`;

interface CredentialValues {
  "token-env"?: string | undefined;
  "token-stdin"?: boolean | undefined;
  "client-id"?: string | undefined;
  "private-key-env"?: string | undefined;
  "key-id"?: string | undefined;
}

// What a message may call a variable. A name the user gave is never echoed: people paste the
// token itself after --token-env, and a message must not print it back (terminal scrollback,
// CI logs). Only our own default names are shown.
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
function variableName(option: string, given: string | undefined, fallback: string) {
  if (given === undefined) return { name: fallback, shown: `$${fallback}` };
  if (!ENV_NAME.test(given)) {
    throw new UsageError(
      `--${option} takes the NAME of an environment variable (letters, digits and _, e.g. ${fallback}), not its value; the value given is not such a name (it is not shown, in case it is a secret)`,
    );
  }
  return { name: given, shown: `the variable named by --${option}` };
}

// Own properties only: process.env inherits from Object.prototype, so `--token-env constructor`
// would otherwise read a function.
function environmentValue(name: string): string | undefined {
  return Object.hasOwn(process.env, name) ? process.env[name] : undefined;
}

/** Builds `auth` from the environment or stdin. */
export async function readCredentials(values: CredentialValues): Promise<OktaAuth> {
  const clientId = values["client-id"];
  if (clientId !== undefined) {
    const { name, shown } = variableName(
      "private-key-env",
      values["private-key-env"],
      "OKTA_PRIVATE_KEY",
    );
    const raw = environmentValue(name);
    if (raw === undefined || raw.trim() === "") {
      throw new UsageError(
        `--client-id needs the app's private key in ${shown}, which is not set or empty (--private-key-env NAME chooses the variable)`,
      );
    }
    const trimmed = raw.trim();
    let privateKey: string | Record<string, unknown> = trimmed;
    if (trimmed.startsWith("{")) {
      try {
        privateKey = JSON.parse(trimmed) as Record<string, unknown>;
      } catch {
        throw new UsageError(`${shown} looks like JSON but does not parse as a JWK`);
      }
    }
    return {
      oauth: {
        clientId,
        privateKey: privateKey as never,
        keyId: values["key-id"],
      },
    };
  }
  if (values["token-stdin"] === true) {
    const token = (await readAll(process.stdin)).trim();
    if (token === "") throw new UsageError("--token-stdin: standard input was empty");
    return { apiToken: token };
  }
  const { name, shown } = variableName("token-env", values["token-env"], "OKTA_API_TOKEN");
  const token = environmentValue(name)?.trim();
  if (token === undefined || token === "") {
    throw new UsageError(
      values["token-env"] === undefined
        ? `no API token: set ${shown} (or choose the variable with --token-env NAME), or pass --token-stdin`
        : `no API token: ${shown} is not set or empty; or pass --token-stdin`,
    );
  }
  return { apiToken: token };
}
