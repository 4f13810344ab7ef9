// Memory: heap growth while streaming 200,000 devices from the fake org through the mapper.
import { mapOktaDevices } from "okta-device-ocsf";
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { gc, record, startOrg } from "./lib.mjs";

const COUNT = 200_000;
const org = await startOrg({ count: COUNT, expand: "user" });
let peak = 0;
const client = createOktaDeviceClient({
  baseUrl: org.baseUrl,
  auth: { apiToken: org.token },
  allowInsecureHttp: true,
  hooks: {
    onPage: [
      (page) => {
        if (page.pageNumber % 20 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
      },
    ],
  },
});
await client.testConnection(); // loads ky before the baseline
gc();
const baseline = process.memoryUsage().heapUsed;
peak = baseline;
let mapped = 0;
for await (const result of mapOktaDevices(client.listDevices({ expand: "user" }))) {
  if (result.ok) mapped++;
}
gc();
peak = Math.max(peak, process.memoryUsage().heapUsed);
await org.close();
if (mapped !== COUNT) throw new Error(`mapped ${mapped} of ${COUNT}`);
record(
  "heap growth, 200k devices listDevices -> mapOktaDevices",
  (peak - baseline) / 1e6,
  32,
  "MB",
  "(expand=user; peak heap after GC, sampled every 20 pages, minus baseline)",
);
