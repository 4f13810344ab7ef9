// `npm run demo`: maps the bundled example records (scripts/demo-devices.json, invented
// devices in both Okta shapes, one deliberately broken) and prints one OCSF event per
// line on stdout; failures and a summary go to stderr.
import { readFileSync } from "node:fs";
import { mapOktaDevices } from "okta-device-ocsf";

const profileArg = process.argv.find((arg) => arg.startsWith("--profile="));
const profile = profileArg ? profileArg.slice("--profile=".length) : "sekoia";
const records = JSON.parse(readFileSync(new URL("./demo-devices.json", import.meta.url), "utf8"));

// `npm run demo | head` closes stdout early: that is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

let mapped = 0;
let failed = 0;
for (const result of mapOktaDevices(records, { profile })) {
  if (result.ok) {
    mapped++;
    process.stdout.write(`${JSON.stringify(result.event)}\n`);
  } else {
    failed++;
    process.stderr.write(`record ${result.index} not mapped: ${result.error.message}\n`);
  }
}
process.stderr.write(
  `demo: ${mapped} events (profile ${profile}), ${failed} record(s) not mapped\n`,
);
