// Sync: a full sync of 200,000 devices from the fake org. Heap growth of the first run
// (no state: the state it builds is the growth) and of the next one (from that state);
// and the cost of the comparison with the state (CPU time, measured on an in-memory
// listing) as a fraction of the time a plain listing of the fake org takes.
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { gc, median, range, record, startOrg, timedWithGc } from "./lib.mjs";
import { cpuTimed, memoryClient } from "./sync-memory-fetch.mjs";

const COUNT = 200_000;
const ROUNDS = 7;
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

// The listing's time: a plain listing of the org (no expand), wall time.
const listingMs = [];
for (let round = 0; round < 3; round++) {
  const { ms } = await timedWithGc(async () => {
    let count = 0;
    for await (const _device of client.listDevices({})) count++;
    if (count !== COUNT) throw new Error(`listed ${count}`);
  });
  listingMs.push(ms);
}
await org.close();

// The comparison's cost, as CPU time: a full sync and a plain listing of the same devices
// from an in-memory fetch (no server, the same page parsing on both sides), alternated;
// the difference is what the comparison with a 200k-device state adds. CPU time rather
// than wall time, so that other processes on the machine do not blur a few percent.
const memory = memoryClient(COUNT, 16);
const memoryState = (await fullSync(memory, undefined, undefined)).state;
const listMemory = async () => {
  let count = 0;
  for await (const _device of memory.listDevices({})) count++;
  if (count !== COUNT) throw new Error(`listed ${count}`);
};
const syncMemory = async () => {
  const { changes } = await fullSync(memory, memoryState, undefined);
  if (changes !== 0) throw new Error(`sync from memory: ${changes} changes`);
};
const extra = [];
const inMemoryRatios = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order, so that neither side always runs on a warmer heap.
  const a = await cpuTimed(gc, round % 2 === 0 ? listMemory : syncMemory);
  const b = await cpuTimed(gc, round % 2 === 0 ? syncMemory : listMemory);
  const [listing, syncing] = round % 2 === 0 ? [a, b] : [b, a];
  extra.push(syncing - listing);
  inMemoryRatios.push(syncing / listing - 1);
}
const comparisonMs = median(extra);
const listingTime = median(listingMs);
record(
  "full sync comparison cost / listing time, 200k devices",
  comparisonMs / listingTime,
  0.05,
  "ratio",
  `(median CPU ms a full sync adds to a listing of the same devices from memory, ${comparisonMs.toFixed(0)} ms over ${ROUNDS} rounds, / median wall time of a plain listing of the fake org, ${listingTime.toFixed(0)} ms over 3; against the in-memory listing alone, the worst case, ${median(inMemoryRatios).toFixed(3)}, rounds ${range(inMemoryRatios, 3)})`,
);
