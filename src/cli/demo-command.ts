import type { OktaAuth } from "../client/auth.js";
import { createOktaDeviceClient } from "../client/create-client.js";
import { OktaClientError } from "../client/errors.js";
import { mapOktaDevices } from "../mapping/map-devices.js";
import { DEFAULT_OCSF_VERSION } from "../ocsf/versions.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../testing/fake-org.js";
import { generateOktaDevices } from "../testing/generate.js";
import { parseCommand } from "./args.js";
import { CONNECTION_OPTIONS, CREDENTIAL_HELP, readCredentials } from "./credentials.js";
import { DEMO_DEVICES } from "./demo-devices.js";
import { ADVICE, EXIT_CODE_HELP, EXIT_CODES } from "./exit-codes.js";
import { readProfile } from "./map-command.js";
import { OCSF_VERSION_HELP, OCSF_VERSION_OPTION, readOcsfVersion } from "./ocsf-version.js";
import { openSink } from "./output.js";
import { inCliTerms, transportOptions } from "./proxy.js";

export const DEMO_HELP = `Usage: okta-device-ocsf demo [--profile sekoia|ocsf] [--ocsf-version V] [--base-url URL [options]]

Starts a fake Okta org in this process (a few invented example devices, one deliberately
broken, plus 1,000 generated ones), lists it with the client, maps every device and prints
one OCSF event per line on stdout; failures and a summary go to stderr. With --base-url (or
OKTA_BASE_URL and OKTA_API_TOKEN set), it reads that org instead, with the same connection
options as fetch.

Options:
  --profile sekoia|ocsf   output profile (default sekoia)
${OCSF_VERSION_HELP}
  --base-url URL          read this org instead of a fake one
  --allow-insecure-http   allow http:// for a loopback test server
  -h, --help              this help

${CREDENTIAL_HELP}

${EXIT_CODE_HELP}`;

/** `okta-device-ocsf demo` (also `npm run demo`). */
export async function runDemo(args: string[]): Promise<number> {
  const { values } = parseCommand(
    "demo",
    args,
    { profile: { type: "string" }, ...OCSF_VERSION_OPTION, ...CONNECTION_OPTIONS },
    false,
  );
  if (values.help === true) {
    process.stdout.write(`${DEMO_HELP}\n`);
    return 0;
  }
  const profile = readProfile(values.profile);
  // Checked before the org starts: a wrong version is a usage error, not a failed demo.
  const ocsfVersion = readOcsfVersion(values["ocsf-version"], profile);
  const envBaseUrl = process.env.OKTA_BASE_URL ?? "";
  const envToken = process.env.OKTA_API_TOKEN ?? "";
  // The environment alone selects a real org only when it names both (as before the flags).
  const realBaseUrl =
    values["base-url"] ?? (envBaseUrl !== "" && envToken !== "" ? envBaseUrl : undefined);
  let org: FakeOktaOrg | undefined;
  let connection: { baseUrl: string; auth: OktaAuth; allowInsecureHttp: boolean };
  if (realBaseUrl !== undefined) {
    connection = {
      baseUrl: realBaseUrl,
      auth: await readCredentials(values),
      allowInsecureHttp: values["allow-insecure-http"] === true,
    };
  } else {
    org = await startFakeOktaOrg({
      devices: [...DEMO_DEVICES, ...generateOktaDevices(1000, { seed: 2026, expand: "user" })],
    });
    connection = { baseUrl: org.baseUrl, auth: { apiToken: org.token }, allowInsecureHttp: true };
  }
  const real = org === undefined;
  let pages = 0;
  let waits = 0;
  let client: ReturnType<typeof createOktaDeviceClient>;
  try {
    client = createOktaDeviceClient({
      ...connection,
      ...(real ? await transportOptions() : {}),
      hooks: { onPage: [() => pages++], onRateLimitWait: [() => waits++] },
    });
  } catch (error) {
    if (error instanceof OktaClientError) {
      process.stderr.write(`demo: ${inCliTerms(error.message)}\n`);
      return EXIT_CODES[error.reason];
    }
    throw error;
  }
  const started = Date.now();
  const sink = openSink(undefined);
  let mapped = 0;
  let failed = 0;
  try {
    for await (const result of mapOktaDevices(client.listDevices({ expand: "user" }), {
      profile,
      ocsfVersion,
    })) {
      if (result.ok) {
        mapped++;
        await sink.write(`${JSON.stringify(result.event)}\n`);
      } else {
        failed++;
        process.stderr.write(`record ${result.index + 1} not mapped: ${result.error.message}\n`);
      }
    }
    await sink.close();
  } catch (error) {
    if (error instanceof OktaClientError) {
      process.stderr.write(
        `demo failed after ${mapped + failed} devices (${error.reason}): ${inCliTerms(error.message)}\n${ADVICE[error.reason]}\n`,
      );
      return EXIT_CODES[error.reason];
    }
    throw error;
  } finally {
    await org?.close();
  }
  process.stderr.write(
    `demo: ${mapped + failed} devices from ${real ? client.baseUrl : "a fake org"} in ${pages} page(s), ` +
      `${mapped} events (profile ${profile}${profile === "ocsf" ? `, OCSF ${ocsfVersion ?? DEFAULT_OCSF_VERSION}` : ""}), ${failed} not mapped, ${waits} rate-limit wait(s), ${Date.now() - started} ms\n`,
  );
  return 0;
}
