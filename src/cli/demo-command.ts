import { createOktaDeviceClient } from "../client/create-client.js";
import { mapOktaDevices } from "../mapping/map-devices.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../testing/fake-org.js";
import { generateOktaDevices } from "../testing/generate.js";
import { parseCommand } from "./args.js";
import { DEMO_DEVICES } from "./demo-devices.js";
import { readProfile } from "./map-command.js";
import { openSink } from "./output.js";

export const DEMO_HELP = `Usage: okta-device-ocsf demo [--profile sekoia|ocsf]

Starts a fake Okta org in this process (a few invented example devices, one deliberately
broken, plus 1,000 generated ones), lists it with the client, maps every device and prints
one OCSF event per line on stdout; failures and a summary go to stderr. With OKTA_BASE_URL
and OKTA_API_TOKEN set, it reads that org instead.

Options:
  --profile sekoia|ocsf   output profile (default sekoia)
  -h, --help              this help`;

/** `okta-device-ocsf demo` (also `npm run demo`). */
export async function runDemo(args: string[]): Promise<number> {
  const { values } = parseCommand(
    "demo",
    args,
    { profile: { type: "string" }, help: { type: "boolean", short: "h" } },
    false,
  );
  if (values.help === true) {
    process.stdout.write(`${DEMO_HELP}\n`);
    return 0;
  }
  const profile = readProfile(values.profile);
  const realBaseUrl = process.env.OKTA_BASE_URL;
  const realToken = process.env.OKTA_API_TOKEN;
  const real =
    realBaseUrl !== undefined && realBaseUrl !== "" && realToken !== undefined && realToken !== "";
  let org: FakeOktaOrg | undefined;
  if (!real) {
    org = await startFakeOktaOrg({
      devices: [...DEMO_DEVICES, ...generateOktaDevices(1000, { seed: 2026, expand: "user" })],
    });
  }
  let pages = 0;
  let waits = 0;
  const client = createOktaDeviceClient({
    baseUrl: real ? realBaseUrl : (org as FakeOktaOrg).baseUrl,
    auth: { apiToken: real ? realToken : (org as FakeOktaOrg).token },
    allowInsecureHttp: !real,
    hooks: { onPage: [() => pages++], onRateLimitWait: [() => waits++] },
  });
  const started = Date.now();
  const sink = openSink(undefined);
  let mapped = 0;
  let failed = 0;
  try {
    for await (const result of mapOktaDevices(client.listDevices({ expand: "user" }), {
      profile,
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
  } finally {
    await org?.close();
  }
  process.stderr.write(
    `demo: ${mapped + failed} devices from ${real ? client.baseUrl : "a fake org"} in ${pages} page(s), ` +
      `${mapped} events (profile ${profile}), ${failed} not mapped, ${waits} rate-limit wait(s), ${Date.now() - started} ms\n`,
  );
  return 0;
}
