// Rate-limit efficiency: a listing under a small bucket, against the fastest schedule that
// never uses a window to 100%.
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { median, record, startOrg } from "./lib.mjs";

const PAGES = 40;
const LIMIT = 6;
const WINDOW = 1000;
const org = await startOrg({ count: PAGES * 200, rateLimit: { limit: LIMIT, windowMs: WINDOW } });
const latencies = [];
const client = createOktaDeviceClient({
  baseUrl: org.baseUrl,
  auth: { apiToken: org.token },
  allowInsecureHttp: true,
  hooks: { afterResponse: [(info) => latencies.push(info.durationMs)] },
});
// Start in a fresh window, then let the client find its own pace.
await new Promise((resolve) => setTimeout(resolve, WINDOW - (Date.now() % WINDOW) + 5));
await org.stats();
const started = Date.now();
let pages = 0;
for await (const _page of client.listDevicePages()) pages++;
const elapsed = Date.now() - started;
const { stats } = await org.stats();
await org.close();
// The fastest schedule that never uses 100% of a window: LIMIT - 1 requests a window,
// the first batch at once, each later batch at a window boundary.
const perWindow = LIMIT - 1;
const batches = Math.ceil(PAGES / perWindow);
const firstBoundary = (Math.floor(started / WINDOW) + 1) * WINDOW;
const lastBatch = PAGES - (batches - 1) * perWindow;
const minimum = firstBoundary + (batches - 2) * WINDOW - started + lastBatch * median(latencies);
if (pages !== PAGES) throw new Error(`listed ${pages} pages, expected ${PAGES}`);
record(
  "rate-limited listing / theoretical minimum",
  elapsed / minimum,
  1.15,
  "ratio",
  `(${PAGES} pages, bucket ${LIMIT} per ${WINDOW} ms, ${perWindow} usable; ${elapsed} ms vs ${minimum.toFixed(0)} ms; 429s: ${stats.rateLimited}, windows used to 100%: ${stats.fullWindows})`,
);
if (stats.rateLimited !== 0 || stats.fullWindows !== 0) {
  record(
    "rate-limited listing: 429s and windows used to 100%",
    stats.rateLimited + stats.fullWindows,
    0,
    "count",
    "(must be 0)",
  );
}
