// `npm run demo`: starts a fake Okta org in-process (the bundled example records of
// scripts/demo-devices.json, one deliberately broken, plus 1,000 generated devices), lists
// it with the client, maps every device and prints one OCSF event per line on stdout.
// Failures and a summary go to stderr. With OKTA_BASE_URL and OKTA_API_TOKEN set, it reads
// that org instead. `--profile=ocsf` switches to the strict OCSF profile.
import { readFileSync } from "node:fs";
import { mapOktaDevices } from "okta-device-ocsf";
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { generateOktaDevices, startFakeOktaOrg } from "okta-device-ocsf/testing";

const profileArg = process.argv.find((arg) => arg.startsWith("--profile="));
const profile = profileArg ? profileArg.slice("--profile=".length) : "sekoia";

// `npm run demo | head` closes stdout early: that is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const realOrg = process.env.OKTA_BASE_URL && process.env.OKTA_API_TOKEN;
let org;
if (!realOrg) {
  const examples = JSON.parse(
    readFileSync(new URL("./demo-devices.json", import.meta.url), "utf8"),
  );
  org = await startFakeOktaOrg({
    devices: [...examples, ...generateOktaDevices(1000, { seed: 2026, expand: "user" })],
  });
}

let pages = 0;
let waits = 0;
const client = createOktaDeviceClient({
  baseUrl: realOrg ? process.env.OKTA_BASE_URL : org.baseUrl,
  auth: { apiToken: realOrg ? process.env.OKTA_API_TOKEN : org.token },
  allowInsecureHttp: !realOrg,
  hooks: {
    onPage: [() => pages++],
    onRateLimitWait: [() => waits++],
  },
});

const started = Date.now();
let mapped = 0;
let failed = 0;
try {
  for await (const result of mapOktaDevices(client.listDevices({ expand: "user" }), { profile })) {
    if (result.ok) {
      mapped++;
      process.stdout.write(`${JSON.stringify(result.event)}\n`);
    } else {
      failed++;
      process.stderr.write(`record ${result.index} not mapped: ${result.error.message}\n`);
    }
  }
} finally {
  await org?.close();
}
process.stderr.write(
  `demo: ${mapped + failed} devices from ${realOrg ? client.baseUrl : "a fake org"} in ${pages} page(s), ` +
    `${mapped} events (profile ${profile}), ${failed} not mapped, ${waits} rate-limit wait(s), ${Date.now() - started} ms\n`,
);
