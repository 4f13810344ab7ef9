// Worst case of the rate-limit pacing: every X-Rate-Limit-* header comes twice, the second
// value less conservative (twice the limit and remaining, a reset a minute later). A client
// that reads one value (or none: "6, 12" is NaN) uses the bucket to 100% and gets 429s;
// reading every value and keeping the lowest count and the earliest reset makes none.
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { record, startOrg } from "./lib.mjs";

const PAGES = 20;
const LIMIT = 6;
const WINDOW = 1000;
const org = await startOrg({
  count: PAGES * 200,
  rateLimit: { limit: LIMIT, windowMs: WINDOW, repeatHeaders: true },
});
const client = createOktaDeviceClient({
  baseUrl: org.baseUrl,
  auth: { apiToken: org.token },
  allowInsecureHttp: true,
});
// Start in a fresh window.
await new Promise((resolve) => setTimeout(resolve, WINDOW - (Date.now() % WINDOW) + 5));
await org.stats();
const started = Date.now();
let pages = 0;
for await (const _page of client.listDevicePages()) pages++;
const elapsed = Date.now() - started;
const { stats } = await org.stats();
await org.close();
if (pages !== PAGES) throw new Error(`listed ${pages} pages, expected ${PAGES}`);
record(
  "repeated rate-limit headers: 429s and windows used to 100%",
  stats.rateLimited + stats.fullWindows,
  0,
  "count",
  `(${PAGES} pages, bucket ${LIMIT} per ${WINDOW} ms, every header sent twice; ${elapsed} ms; 429s: ${stats.rateLimited}, windows used to 100%: ${stats.fullWindows})`,
);
