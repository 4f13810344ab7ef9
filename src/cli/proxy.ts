// Egress proxies: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and their lower-case forms) through
// undici's EnvHttpProxyAgent, a well-kept implementation of those variables and of CONNECT
// tunnels. undici is loaded only when a proxy variable is set, and only by the command line
// (never by the library's entries). Its own `fetch` is used with its dispatcher: a
// dispatcher from another undici version than the one inside Node is not supported.
//
// The variables are read here, as curl reads them, and handed to the agent: the lower-case
// form first, an empty value as unset (undici would let `https_proxy=` hide HTTPS_PROXY), a
// value without a scheme (`proxy.corp:3128`, which curl, Go and Python accept) as http://.
// A value is never printed: it may hold a password.
import { UsageError } from "./args.js";

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"] as const;

/** How long the proxy may take to answer a CONNECT, in ms: the client's default request timeout. */
export const PROXY_ANSWER_TIMEOUT_MS = 30_000;

/** The proxy variable in effect, if any (its name only: a value may carry credentials). */
export function proxyVariable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return PROXY_VARIABLES.find((name) => (env[name] ?? "") !== "");
}

/** The proxies the environment names, as undici's EnvHttpProxyAgent takes them. */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy: string;
}

// The lower-case form wins, as in curl and undici; an empty value counts as unset.
function variable(env: NodeJS.ProcessEnv, name: string): [string, string] | undefined {
  for (const key of [name.toLowerCase(), name]) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") return [key, value.trim()];
  }
  return undefined;
}

function proxyUrl(found: [string, string] | undefined): string | undefined {
  if (found === undefined) return undefined;
  const [name, raw] = found;
  const value = raw.includes("://") ? raw : `http://${raw}`;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    url.hostname === ""
  ) {
    throw new UsageError(
      `${name} is not a proxy URL: use http://HOST:PORT or http://USER:PASSWORD@HOST:PORT ` +
        "(its value is not shown: it may hold a password)",
    );
  }
  return value;
}

/** Reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY; throws a {@link UsageError} naming a bad one. */
export function proxySettings(env: NodeJS.ProcessEnv = process.env): ProxySettings {
  const httpProxy = proxyUrl(variable(env, "HTTP_PROXY"));
  const httpsProxy = proxyUrl(variable(env, "HTTPS_PROXY")) ?? httpProxy;
  return {
    ...(httpProxy === undefined ? {} : { httpProxy }),
    ...(httpsProxy === undefined ? {} : { httpsProxy }),
    noProxy: variable(env, "NO_PROXY")?.[1] ?? "",
  };
}

/**
 * A `fetch` that goes through the proxy the environment names, or `undefined` when no
 * proxy variable is set (the client then uses the global `fetch`).
 */
export async function proxyFetch(): Promise<typeof globalThis.fetch | undefined> {
  if (proxyVariable() === undefined) return undefined;
  const settings = proxySettings();
  const undici = await import("undici");
  const dispatcher = withoutExperimentalWarning(
    () =>
      new undici.EnvHttpProxyAgent({
        ...settings,
        // A proxy that takes the connection but never answers CONNECT held the process for
        // undici's default 300 s after the client had given up and said so: the wait for the
        // proxy's answer is bounded like one of the client's requests.
        clientFactory: (origin: URL, options: object) =>
          new undici.Pool(origin, { ...options, headersTimeout: PROXY_ANSWER_TIMEOUT_MS }),
      } as ConstructorParameters<typeof undici.EnvHttpProxyAgent>[0]),
  );
  opened.push(dispatcher);
  const proxied = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // ky passes a Request of Node's own fetch, which undici's fetch does not take as such:
    // it is passed as its parts (bodies here are small: a token request at most).
    let url: string;
    let options: Record<string, unknown> = { ...init };
    if (input instanceof Request) {
      url = input.url;
      const hasBody = input.method !== "GET" && input.method !== "HEAD";
      const headers: [string, string][] = [];
      input.headers.forEach((value, name) => {
        headers.push([name, value]);
      });
      options = {
        method: input.method,
        headers,
        body: hasBody ? await input.arrayBuffer() : undefined,
        signal: input.signal,
        redirect: input.redirect,
        ...init,
      };
    } else {
      url = String(input);
    }
    const response = await undici.fetch(url, { ...options, dispatcher } as never);
    return response as unknown as Response;
  };
  return proxied as typeof globalThis.fetch;
}

// The proxies' connections, closed when the command is done: a connection the client gave up
// on (a proxy that never answers) must not keep the process alive after the message.
const opened: { destroy(): Promise<void> }[] = [];

/** Closes the connections of every proxying `fetch` made; the command is done with them. */
export async function closeProxies(): Promise<void> {
  await Promise.all(opened.splice(0).map((dispatcher) => dispatcher.destroy().catch(() => {})));
}

/** The client's `fetch` option for the command line: proxied when the environment says so. */
export async function transportOptions(): Promise<{ fetch?: typeof globalThis.fetch }> {
  const fetch = await proxyFetch();
  return fetch === undefined ? {} : { fetch };
}

const PROXY_STATUS: ReadonlyMap<string, string> = new Map([
  ["407", "the proxy wants credentials: put them in its URL, http://USER:PASSWORD@HOST:PORT"],
  ["403", "the proxy refuses this destination: ask for the Okta org's host to be allowed"],
]);

/**
 * A library message in the command line's words (its flags, not the options object's), and,
 * behind a proxy, with the proxy named as a suspect of a network failure (by variable name).
 */
export function inCliTerms(message: string, env: NodeJS.ProcessEnv = process.env): string {
  let said = message.replace(/pass allowInsecureHttp: true/g, "pass --allow-insecure-http");
  const proxy = proxyVariable(env);
  if (proxy === undefined) return said;
  const status = /Proxy response \((\d{3})\)/.exec(said)?.[1];
  const meaning = status === undefined ? undefined : PROXY_STATUS.get(status);
  if (meaning !== undefined) said += `; ${meaning}`;
  if (/Could not reach Okta/.test(said)) {
    said += ` (requests go through the proxy named by ${proxy}, unless NO_PROXY lists the host: check it too)`;
  }
  return said;
}

/**
 * Runs `create` without undici 6's one-time "EnvHttpProxyAgent is experimental" warning
 * (code UNDICI-EHPA): the agent is stable in undici 7, which needs Node 20.18.1, and the
 * warning would reach an operator's stderr on every proxied run. Other warnings pass.
 */
function withoutExperimentalWarning<T>(create: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const options = rest[0];
    const code =
      typeof options === "object" && options !== null
        ? (options as { code?: unknown }).code
        : rest[1];
    if (code === "UNDICI-EHPA") return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return create();
  } finally {
    process.emitWarning = emitWarning;
  }
}
