// `npm run bench`: ratios measured in one process (or one machine, for the listing), so
// that the machine's speed cancels out. Prints a table and writes bench/results.md.
import { fork } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import okta from "@okta/okta-sdk-nodejs";
import { mapOktaDevices, toOcsfDeviceInventory } from "okta-device-ocsf";
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { parseOktaDevice } from "okta-device-ocsf/schemas";
import { generateOktaDevices } from "okta-device-ocsf/testing";

if (typeof globalThis.gc !== "function") {
  console.error("run with node --expose-gc (npm run bench does)");
  process.exit(2);
}
const gc = globalThis.gc;
const SECTIONS = ["mapping", "ocsf-versions", "listing", "memory", "rate-limit"];
const only = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const child = process.env.BENCH_SECTION;
const wants = (name) => child === name;
const rows = [];

// Each section runs in a process of its own, so that one section's heap (the mapping
// section parses 285 MB of JSON) does not tax the next one's timings.
if (child === undefined) {
  const { spawnSync } = await import("node:child_process");
  const all = [];
  for (const section of only.length === 0 ? SECTIONS : only) {
    const run = spawnSync(
      process.execPath,
      process.execArgv.concat([new URL(import.meta.url).pathname]),
      {
        env: { ...process.env, BENCH_SECTION: section },
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    for (const line of run.stdout.split("\n")) {
      if (line.startsWith("ROW ")) all.push(JSON.parse(line.slice(4)));
      else if (line !== "") console.log(line);
    }
    if (run.status !== 0 && run.status !== 1)
      throw new Error(`bench section ${section} crashed (${run.status})`);
  }
  writeResults(all, only.length === 0);
  process.exit(all.every((row) => row.pass) ? 0 : 1);
}

function writeResults(rows, write) {
  const version = JSON.parse(
    readFileSync(new URL("../package.json", import.meta.url), "utf8"),
  ).version;
  const lines = [
    "# Benchmark results",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: okta-device-ocsf ${version}, Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} cores), ${process.platform}/${process.arch}.`,
    "Ratios compare two measurements taken in the same run, so the machine's speed cancels out.",
    "",
    "| measure | result | target | | how |",
    "|---|---|---|---|---|",
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.unit === "MB" ? `${row.value.toFixed(1)} MB` : row.value.toFixed(3)} | <= ${row.target}${row.unit === "MB" ? " MB" : ""} | ${row.pass ? "pass" : "FAIL"} | ${row.detail.replace(/^\(|\)$/g, "")} |`,
    ),
    "",
  ];
  if (write) writeFileSync(new URL("./results.md", import.meta.url), lines.join("\n"));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timed(fn) {
  gc();
  const started = performance.now();
  fn();
  return performance.now() - started;
}

// Garbage-collection pauses, summed: a listing's GC time shows retention problems (a page
// kept alive too long gets promoted and paid for again) that its wall time only hints at.
let gcPauseMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauseMs += entry.duration;
}).observe({ entryTypes: ["gc"] });

// A timed run and the GC pauses within it. GC entries are delivered a turn of the event
// loop late: the forced collection's entry is let through before counting starts, and the
// run's own entries before it ends.
async function timedWithGc(fn) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const gcBefore = gcPauseMs;
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { ms, gcMs: gcPauseMs - gcBefore };
}

function record(name, value, target, unit, detail) {
  const pass = value <= target;
  rows.push({ name, value, target, unit, pass, detail });
  process.stdout.write(`ROW ${JSON.stringify({ name, value, target, unit, pass, detail })}\n`);
  const shown = unit === "MB" ? value.toFixed(1) : value.toFixed(3);
  console.log(
    `${pass ? "PASS" : "FAIL"}  ${name}: ${shown}${unit === "MB" ? " MB" : ""} (target <= ${target}${unit === "MB" ? " MB" : ""}) ${detail}`,
  );
}

function startOrg(options) {
  const child = fork(
    new URL("./fake-org-process.mjs", import.meta.url),
    [JSON.stringify(options)],
    {
      execArgv: ["--max-old-space-size=4096"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", (message) => {
      const ask = (what) =>
        new Promise((done) => {
          child.once("message", (answer) => done(answer));
          child.send(what);
        });
      resolve({
        baseUrl: message.baseUrl,
        token: message.token,
        stats: () => ask("stats"),
        close: () => {
          child.send("close");
          return new Promise((done) => child.once("exit", done));
        },
      });
    });
  });
}

// 1. Mapping
if (wants("mapping")) {
  const COUNT = 100_000;
  const ROUNDS = 7;
  const json = JSON.stringify(generateOktaDevices(COUNT, { seed: 6, expand: "user" }));
  const sekoia = [];
  const strict = [];
  const validated = [];
  for (let round = 0; round < ROUNDS; round++) {
    let records;
    const parse = timed(() => {
      records = JSON.parse(json);
    });
    sekoia.push(
      timed(() => {
        for (const record of records) toOcsfDeviceInventory(record);
      }) / parse,
    );
    strict.push(
      timed(() => {
        for (const record of records) toOcsfDeviceInventory(record, { profile: "ocsf" });
      }) / parse,
    );
    validated.push(
      timed(() => {
        for (const record of records) toOcsfDeviceInventory(parseOktaDevice(record));
      }) / parse,
    );
  }
  const detail = `(${COUNT} records with embedded users, ${(json.length / 1e6).toFixed(0)} MB of JSON, median of ${ROUNDS} rounds, time / JSON.parse time)`;
  record("map, profile sekoia / JSON.parse", median(sekoia), 0.15, "ratio", detail);
  record("map, profile ocsf / JSON.parse", median(strict), 0.3, "ratio", detail);
  record("parseOktaDevice + map / JSON.parse", median(validated), 0.6, "ratio", detail);
}

if (wants("ocsf-versions")) (await import("./ocsf-versions.mjs")).run({ median, record });

// 2. Listing
if (wants("listing")) {
  const COUNT = 20_000;
  const ROUNDS = 9;
  const org = await startOrg({ count: COUNT, expand: "user" });
  const client = createOktaDeviceClient({
    baseUrl: org.baseUrl,
    auth: { apiToken: org.token },
    allowInsecureHttp: true,
  });
  // The official SDK as a connector author gets it: its default configuration.
  const sdk = new okta.Client({ orgUrl: org.baseUrl, token: org.token });
  const expectCount = (count, who) => {
    if (count !== COUNT) throw new Error(`${who} listed ${count} devices, expected ${COUNT}`);
  };
  const ours = async () => {
    let count = 0;
    for await (const _device of client.listDevices({ expand: "user" })) count++;
    expectCount(count, "client");
  };
  const raw = async () => {
    let count = 0;
    let url = `${org.baseUrl}/api/v1/devices?limit=200&expand=user`;
    while (url !== undefined) {
      const response = await fetch(url, {
        headers: { Authorization: `SSWS ${org.token}`, Accept: "application/json" },
      });
      const devices = await response.json();
      count += devices.length;
      url = /<([^>]*)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
    }
    expectCount(count, "raw loop");
  };
  const official = async () => {
    let count = 0;
    const collection = await sdk.deviceApi.listDevices({ expand: "user", limit: 200 });
    for await (const _device of collection) count++;
    expectCount(count, "okta-sdk-nodejs");
  };
  await ours();
  await raw();
  await official();
  const times = { ours: [], raw: [], official: [] };
  const gcTimes = { ours: [], raw: [], official: [] };
  const versusRaw = [];
  const versusSdk = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so that warm-up and drift favour no one, and compare within a
    // round: the machine's load drifts more between rounds than within one.
    const order = round % 2 === 0 ? ["ours", "raw", "official"] : ["official", "raw", "ours"];
    const now = {};
    for (const who of order) {
      const run = await timedWithGc({ ours, raw, official }[who]);
      now[who] = run.ms;
      gcTimes[who].push(run.gcMs);
    }
    for (const who of order) times[who].push(now[who]);
    versusRaw.push(now.ours / now.raw);
    versusSdk.push(now.ours / now.official);
  }
  await org.close();
  const detail = `(${COUNT} devices, expand=user, fake org in a child process, SDK in its default configuration; median ms: client ${median(times.ours).toFixed(0)}, raw loop ${median(times.raw).toFixed(0)}, SDK ${median(times.official).toFixed(0)}; median GC ms: client ${median(gcTimes.ours).toFixed(0)}, raw loop ${median(gcTimes.raw).toFixed(0)}, SDK ${median(gcTimes.official).toFixed(0)}; median of ${ROUNDS} per-round ratios)`;
  record("list, client / raw fetch loop", median(versusRaw), 1.1, "ratio", detail);
  record("list, client / @okta/okta-sdk-nodejs", median(versusSdk), 0.6, "ratio", detail);
}

// 3. Memory
if (wants("memory")) {
  const COUNT = 200_000;
  const org = await startOrg({ count: COUNT, expand: "user" });
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
  let peak = baseline;
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
    `(peak heap after GC, sampled every 20 pages, minus baseline)`,
  );
}

// 4. Rate-limit efficiency
if (wants("rate-limit")) {
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
}

process.exit(rows.every((row) => row.pass) ? 0 : 1);
