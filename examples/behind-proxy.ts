// The client behind an egress proxy: pass a `fetch` that goes through undici's
// EnvHttpProxyAgent, which honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and lower case).
//   HTTPS_PROXY=http://proxy.internal:3128 OKTA_BASE_URL=https://acme.okta.com \
//   OKTA_API_TOKEN=… node examples/behind-proxy.ts
// A TLS-inspecting proxy re-signs Okta's certificate: trust its CA with
// NODE_EXTRA_CA_CERTS=/path/to/proxy-ca.pem (read by Node at start-up).
import { pathToFileURL } from "node:url";
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { EnvHttpProxyAgent, fetch as undiciFetch } from "undici";

/**
 * A `fetch` through the proxy the environment (or `proxies`) names. undici's own `fetch`
 * is used with its dispatcher; the Request the client hands over is passed as its parts.
 */
export function proxiedFetch(proxies?: {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}): typeof fetch {
  const dispatcher = new EnvHttpProxyAgent(proxies);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    if (!(input instanceof Request)) {
      return undiciFetch(String(input), { ...(init as object), dispatcher });
    }
    const headers: [string, string][] = [];
    input.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
    const hasBody = input.method !== "GET" && input.method !== "HEAD";
    return undiciFetch(input.url, {
      method: input.method,
      headers,
      ...(hasBody ? { body: await input.arrayBuffer() } : {}),
      signal: input.signal,
      ...(init as object),
      dispatcher,
    });
  }) as unknown as typeof fetch;
}

/** Counts an org's devices through the proxy. */
export async function countDevices(
  baseUrl: string,
  apiToken: string,
  fetch: typeof globalThis.fetch,
  allowInsecureHttp = false,
): Promise<number> {
  const client = createOktaDeviceClient({ baseUrl, auth: { apiToken }, fetch, allowInsecureHttp });
  let count = 0;
  for await (const _device of client.listDevices()) count++;
  return count;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const count = await countDevices(
    process.env.OKTA_BASE_URL ?? "",
    process.env.OKTA_API_TOKEN ?? "",
    proxiedFetch(),
  );
  console.log(`${count} devices`);
}
