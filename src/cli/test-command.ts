import { testOktaConnection } from "../client/create-client.js";
import { parseCommand } from "./args.js";
import {
  CONNECTION_OPTIONS,
  CREDENTIAL_HELP,
  readCredentials,
  requireBaseUrl,
} from "./credentials.js";
import { adviceFor, EXIT_CODE_HELP, exitCodeFor } from "./exit-codes.js";
import { inCliTerms, transportOptions } from "./proxy.js";

export const TEST_HELP = `Usage: okta-device-ocsf test --base-url URL [options]

Checks what a connector needs, reading devices (GET /api/v1/devices?limit=1), and says
what is wrong and what to do about it.

Options:
  --base-url URL          the org, e.g. https://acme.okta.com (required)
  --allow-insecure-http   allow http:// for a loopback test server
  -h, --help              this help

${CREDENTIAL_HELP}

${EXIT_CODE_HELP}`;

/** `okta-device-ocsf test`. */
export async function runTest(args: string[]): Promise<number> {
  const { values } = parseCommand(
    "test",
    args,
    {
      ...CONNECTION_OPTIONS,
    },
    false,
  );
  if (values.help === true) {
    process.stdout.write(`${TEST_HELP}\n`);
    return 0;
  }
  const baseUrl = requireBaseUrl("test", values["base-url"]);
  const auth = await readCredentials(values);
  const result = await testOktaConnection({
    baseUrl,
    auth,
    allowInsecureHttp: values["allow-insecure-http"] === true,
    ...(await transportOptions()),
    retry: { limit: 1 },
    // A connection test reports the bucket as it is rather than waiting for it.
    rateLimit: { maxRateLimitRetries: 0 },
  });
  if (result.ok) {
    const bucket =
      result.rateLimit === undefined
        ? ""
        : `; rate limit: ${result.rateLimit.remaining ?? "unknown"} of ${result.rateLimit.limit ?? "unknown"} left in this window`;
    process.stdout.write(`OK: these credentials can read devices at ${baseUrl}${bucket}\n`);
    return 0;
  }
  const facts = [
    result.status === undefined ? undefined : `HTTP ${result.status}`,
    result.errorCode,
    result.requestId === undefined ? undefined : `request id ${result.requestId}`,
  ].filter((fact) => fact !== undefined);
  process.stdout.write(
    `FAILED (${result.reason})${facts.length > 0 ? ` [${facts.join(", ")}]` : ""}: ${inCliTerms(result.message)}\n` +
      `What to do: ${adviceFor(result.reason)}\n`,
  );
  return exitCodeFor(result.reason);
}
