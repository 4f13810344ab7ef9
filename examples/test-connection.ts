// What a connector's "Test connection" button does.
//   OKTA_BASE_URL=https://acme.okta.com OKTA_API_TOKEN=… node examples/test-connection.ts
import { pathToFileURL } from "node:url";
import {
  type OktaConnectionTestResult,
  type OktaDeviceClientOptions,
  testOktaConnection,
} from "okta-device-ocsf/client";

const HINTS: Record<string, string> = {
  invalid_base_url: "Use the org URL, e.g. https://acme.okta.com.",
  invalid_token: "The token is wrong, expired or from another org.",
  forbidden: "The token's admin cannot read devices.",
  not_found: "Wrong URL, or not an Okta Identity Engine org.",
  rate_limited: "Rate limit exhausted: try again in a minute.",
  network: "Okta is unreachable from here (DNS, proxy, TLS).",
};

/** Returns a one-line verdict for people, and the result for code. */
export async function checkConnection(
  options: OktaDeviceClientOptions,
): Promise<{ verdict: string; result: OktaConnectionTestResult }> {
  const result = await testOktaConnection(options);
  const verdict = result.ok
    ? "Connected: these credentials can read devices."
    : `Not connected (${result.reason}): ${HINTS[result.reason] ?? result.message}`;
  return { verdict, result };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { verdict, result } = await checkConnection({
    baseUrl: process.env.OKTA_BASE_URL ?? "",
    auth: { apiToken: process.env.OKTA_API_TOKEN ?? "" },
  });
  console.log(verdict);
  process.exitCode = result.ok ? 0 : 1;
}
