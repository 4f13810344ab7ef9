// Listing: the client against a bare fetch + Link loop and against the official SDK, the
// SDK run twice (its default configuration, whose cache middleware keeps every response,
// and with `cacheMiddleware: null`), on each record shape. Ratios are taken within a round
// and the median of the rounds reported: the machine's load drifts more between rounds
// than within one.
import okta from "@okta/okta-sdk-nodejs";
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { median, range, record, startOrg, timedWithGc } from "./lib.mjs";
import { SHAPES } from "./shapes.mjs";

const COUNT = 20_000;
const ROUNDS = 7;
const CONTESTANTS = ["ours", "raw", "sdk", "sdkNoCache"];

// One org serves every shape: it embeds users as the request's `expand` asks.
const org = await startOrg({ count: COUNT, expand: "user", seed: 6 });
const client = createOktaDeviceClient({
  baseUrl: org.baseUrl,
  auth: { apiToken: org.token },
  allowInsecureHttp: true,
});
const sdk = new okta.Client({ orgUrl: org.baseUrl, token: org.token });
const sdkNoCache = new okta.Client({
  orgUrl: org.baseUrl,
  token: org.token,
  cacheMiddleware: null,
});

const expectCount = (count, who) => {
  if (count !== COUNT) throw new Error(`${who} listed ${count} devices, expected ${COUNT}`);
};

function contestants(expand) {
  const query = expand === undefined ? "" : `&expand=${expand}`;
  const sdkList = async (which, who) => {
    let count = 0;
    const options = expand === undefined ? { limit: 200 } : { expand, limit: 200 };
    const collection = await which.deviceApi.listDevices(options);
    for await (const _device of collection) count++;
    expectCount(count, who);
  };
  return {
    ours: async () => {
      let count = 0;
      const options = expand === undefined ? {} : { expand };
      for await (const _device of client.listDevices(options)) count++;
      expectCount(count, "client");
    },
    raw: async () => {
      let count = 0;
      let url = `${org.baseUrl}/api/v1/devices?limit=200${query}`;
      while (url !== undefined) {
        const response = await fetch(url, {
          headers: { Authorization: `SSWS ${org.token}`, Accept: "application/json" },
        });
        const devices = await response.json();
        count += devices.length;
        url = /<([^>]*)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
      }
      expectCount(count, "raw loop");
    },
    sdk: () => sdkList(sdk, "okta-sdk-nodejs"),
    sdkNoCache: () => sdkList(sdkNoCache, "okta-sdk-nodejs (cacheMiddleware: null)"),
  };
}

for (const shape of SHAPES) {
  const run = contestants(shape.expand);
  for (const who of CONTESTANTS) await run[who](); // warm-up
  const times = Object.fromEntries(CONTESTANTS.map((who) => [who, []]));
  const gcTimes = Object.fromEntries(CONTESTANTS.map((who) => [who, []]));
  const cpuTimes = Object.fromEntries(CONTESTANTS.map((who) => [who, []]));
  const versus = { raw: [], sdk: [], sdkNoCache: [] };
  const versusCpu = { raw: [], sdk: [], sdkNoCache: [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so that warm-up and drift favour no one.
    const order = round % 2 === 0 ? CONTESTANTS : [...CONTESTANTS].reverse();
    const now = {};
    const nowCpu = {};
    for (const who of order) {
      const { ms, gcMs, cpuMs } = await timedWithGc(run[who]);
      now[who] = ms;
      nowCpu[who] = cpuMs;
      times[who].push(ms);
      gcTimes[who].push(gcMs);
      cpuTimes[who].push(cpuMs);
    }
    for (const peer of Object.keys(versus)) {
      versus[peer].push(now.ours / now[peer]);
      versusCpu[peer].push(nowCpu.ours / nowCpu[peer]);
    }
  }
  const ms = (who) => median(times[who]).toFixed(0);
  const gcMs = (who) => median(gcTimes[who]).toFixed(0);
  const cpuMs = (who) => median(cpuTimes[who]).toFixed(0);
  const expandText = shape.expand === undefined ? "no expand" : `expand=${shape.expand}`;
  const common = `${COUNT} devices, ${expandText}, fake org in a child process; median ms: client ${ms("ours")}, raw loop ${ms("raw")}, SDK default ${ms("sdk")}, SDK cacheMiddleware null ${ms("sdkNoCache")}; median GC ms: client ${gcMs("ours")}, raw loop ${gcMs("raw")}, SDK default ${gcMs("sdk")}, SDK cacheMiddleware null ${gcMs("sdkNoCache")}; median CPU ms of the listing process: client ${cpuMs("ours")}, raw loop ${cpuMs("raw")}, SDK default ${cpuMs("sdk")}, SDK cacheMiddleware null ${cpuMs("sdkNoCache")}; wall-time ratio, median of ${ROUNDS} rounds`;
  record(
    "list, client / raw fetch + Link loop",
    median(versus.raw),
    1.0,
    "ratio",
    `(${common}, range ${range(versus.raw)}; CPU-time ratio ${median(versusCpu.raw).toFixed(2)}, range ${range(versusCpu.raw)})`,
    shape.name,
  );
  record(
    "list, client / okta-sdk-nodejs, cacheMiddleware: null",
    median(versus.sdkNoCache),
    0.8,
    "ratio",
    `(${common}, range ${range(versus.sdkNoCache)}; CPU-time ratio ${median(versusCpu.sdkNoCache).toFixed(2)}, range ${range(versusCpu.sdkNoCache)})`,
    shape.name,
  );
  // The default configuration pays for caching every response, so it is the easier peer;
  // it is held to the same target and reported beside the cache-disabled headline.
  record(
    "list, client / okta-sdk-nodejs, default configuration",
    median(versus.sdk),
    0.8,
    "ratio",
    `(${common}, range ${range(versus.sdk)}; CPU-time ratio ${median(versusCpu.sdk).toFixed(2)}, range ${range(versusCpu.sdk)})`,
    shape.name,
  );
}
await org.close();
