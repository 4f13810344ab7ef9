// Egress proxies: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and their lower-case forms) through
// undici's EnvHttpProxyAgent, a well-kept implementation of those variables and of CONNECT
// tunnels. undici is loaded only when a proxy variable is set, and only by the command line
// (never by the library's entries). Its own `fetch` is used with its dispatcher: a
// dispatcher from another undici version than the one inside Node is not supported.

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"] as const;

/** The proxy variable in effect, if any (its name only: a value may carry credentials). */
export function proxyVariable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return PROXY_VARIABLES.find((name) => (env[name] ?? "") !== "");
}

/**
 * A `fetch` that goes through the proxy the environment names, or `undefined` when no
 * proxy variable is set (the client then uses the global `fetch`).
 */
export async function proxyFetch(): Promise<typeof globalThis.fetch | undefined> {
  if (proxyVariable() === undefined) return undefined;
  const undici = await import("undici");
  const dispatcher = new undici.EnvHttpProxyAgent();
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

/** The client's `fetch` option for the command line: proxied when the environment says so. */
export async function transportOptions(): Promise<{ fetch?: typeof globalThis.fetch }> {
  const fetch = await proxyFetch();
  return fetch === undefined ? {} : { fetch };
}

/** A library message in the command line's words (its flags, not the options object's). */
export function inCliTerms(message: string): string {
  return message.replace(/pass allowInsecureHttp: true/g, "pass --allow-insecure-http");
}
