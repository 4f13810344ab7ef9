// Sync: a full sync of 200,000 devices from the fake org. Heap growth of the first run
// (no state: the state it builds is the growth) and of the next one (from that state);
// and the cost of the comparison with the state, as a fraction of the listing's time,
// from rounds alternating a plain listing and a full sync of the same (unchanged) org.
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { gc, median, range, record, startOrg, timedWithGc } from "./lib.mjs";

const COUNT = 200_000;
const ROUNDS = 5;
const org = await startOrg({ count: COUNT, expand: "user", seed: 16 });
let peak = 0;
const sample = () => {
  gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
};
const options = { baseUrl: org.baseUrl, auth: { apiToken: org.token }, allowInsecureHttp: true };
const sampled = createOktaDeviceClient({
  ...options,
  hooks: { onPage: [(page) => page.pageNumber % 50 === 0 && sample()] },
});
const client = createOktaDeviceClient(options);
await client.testConnection(); // loads ky before the baseline

async function fullSync(which, state, expand) {
  let next;
  let changes = 0;
  for await (const item of which.syncDevices(state, { mode: "full", expand })) {
    if (item.type === "state") next = item.state;
    else changes++;
  }
  if (next?.devices.length !== COUNT) throw new Error(`synced ${next?.devices.length} devices`);
  return { state: next, changes };
}

async function heapGrowth(state) {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  peak = baseline;
  const result = await fullSync(sampled, state, "user");
  sample(); // with the new state still held
  return { growth: (peak - baseline) / 1e6, result };
}

const first = await heapGrowth(undefined);
if (first.result.changes !== COUNT) throw new Error(`first sync: ${first.result.changes} changes`);
record(
  "heap growth, full sync of 200k devices, no previous state",
  first.growth,
  64,
  "MB",
  "(expand=user; peak heap after GC, sampled every 50 pages and with the new state held, minus baseline)",
);
let state = first.result.state;
const second = await heapGrowth(state);
if (second.result.changes !== 0) throw new Error(`second sync: ${second.result.changes} changes`);
record(
  "heap growth, full sync of 200k devices from a 200k-device state",
  second.growth,
  64,
  "MB",
  "(expand=user; the previous state in the baseline; the new one held at the end)",
);
state = second.result.state;
second.result.state = undefined;

const ratios = [];
for (let round = 0; round < ROUNDS; round++) {
  const listing = await timedWithGc(async () => {
    let count = 0;
    for await (const _device of client.listDevices({})) count++;
    if (count !== COUNT) throw new Error(`listed ${count}`);
  });
  const sync = await timedWithGc(() => fullSync(client, state, undefined));
  ratios.push(sync.ms / listing.ms - 1);
}
await org.close();
record(
  "full sync comparison cost / listing time, 200k devices",
  Math.max(0, median(ratios)),
  0.05,
  "ratio",
  `(median of ${ROUNDS} rounds of (full sync time / plain listing time - 1), no expand, state of 200k unchanged devices; rounds ${range(ratios, 3)})`,
);
