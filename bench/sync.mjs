// Sync: a full sync of 200,000 devices from the fake org. Heap growth of the first run
// (no state: the state it builds is the growth) and of the next one (from that state);
// and the cost of the comparison with the state, as a fraction of the listing's time,
// from rounds alternating a plain listing and a full sync of the same (unchanged) devices.
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { generateOktaDevices } from "okta-device-ocsf/testing";
import { gc, median, range, record, startOrg, timedWithGc } from "./lib.mjs";

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

await org.close();

// The comparison's cost, against a listing served from memory: no server or socket noise,
// the same page parsing on both sides, so the difference is the comparison. A listing from
// memory is faster than one from any org, so the ratio overstates the real one.
const pages = [];
const pageOf = new Map();
{
  const devices = generateOktaDevices(COUNT, { seed: 16, expand: "user" }).map((device) => {
    const { _embedded, ...rest } = device;
    return rest;
  });
  for (let start = 0; start < devices.length; start += 200) {
    const page = devices.slice(start, start + 200);
    pageOf.set(start === 0 ? "" : devices[start - 1].id, pages.length);
    const last = page[page.length - 1].id;
    pages.push({
      body: Buffer.from(JSON.stringify(page)),
      last,
      final: start + 200 >= devices.length,
    });
  }
}
const ORIGIN = "http://127.0.0.1:9";
const memoryFetch = async (input) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const page = pages[pageOf.get(url.searchParams.get("after") ?? "")];
  const headers = new Headers({ "content-type": "application/json" });
  headers.append("link", `<${url.href}>; rel="self"`);
  if (!page.final) {
    const next = new URL(url.href);
    next.searchParams.set("after", page.last);
    headers.append("link", `<${next.href}>; rel="next"`);
  }
  return new Response(page.body, { status: 200, headers });
};
const memory = createOktaDeviceClient({
  baseUrl: ORIGIN,
  auth: { apiToken: "bench" },
  allowInsecureHttp: true,
  fetch: memoryFetch,
});
const memoryState = (await fullSync(memory, undefined, undefined)).state;
const ratios = [];
for (let round = 0; round < ROUNDS; round++) {
  const list = async () => {
    let count = 0;
    for await (const _device of memory.listDevices({})) count++;
    if (count !== COUNT) throw new Error(`listed ${count}`);
  };
  const sync = async () => {
    const { changes } = await fullSync(memory, memoryState, undefined);
    if (changes !== 0) throw new Error(`sync from memory: ${changes} changes`);
  };
  // Alternate the order, so that neither side always runs on a warmer heap.
  const first = round % 2 === 0 ? list : sync;
  const second = round % 2 === 0 ? sync : list;
  const a = await timedWithGc(first);
  const b = await timedWithGc(second);
  const [listing, syncing] = round % 2 === 0 ? [a, b] : [b, a];
  ratios.push(syncing.ms / listing.ms - 1);
}
record(
  "full sync comparison cost / listing time, 200k devices",
  median(ratios),
  0.05,
  "ratio",
  `(median of ${ROUNDS} rounds of (full sync time / listing time - 1), both from an in-memory fetch (no expand), state of 200k unchanged devices; rounds ${range(ratios, 3)})`,
);
