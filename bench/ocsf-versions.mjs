// Bench section "ocsf-versions": mapping in OCSF 1.3.0 and 1.8.0 against the default 1.6.0,
// each as a ratio to JSON.parse of the same records in the same run, so that the machine's
// speed cancels out. Times are the process's CPU time, not wall time: on a shared, loaded
// machine wall time counts the waits for a core, and medians of wall time moved by 10%
// between two runs of identical code (1.6.0 and 1.8.0 share every line).
// Run by bench/run.mjs in a process of its own.
import { toOcsfDeviceInventory } from "okta-device-ocsf";
import { generateOktaDevices } from "okta-device-ocsf/testing";
import { gc, median, range, record } from "./lib.mjs";

const COUNT = 25_000;
const ROUNDS = 31;
const WARM_UP = 3000;
const VERSIONS = ["1.6.0", "1.3.0", "1.8.0"];

// CPU milliseconds (user + system) of one run, after a full collection.
function cpuTimed(fn) {
  gc();
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const json = JSON.stringify(generateOktaDevices(COUNT, { seed: 15, expand: "user" }));
const times = Object.fromEntries(VERSIONS.map((version) => [version, []]));
const parses = [];
for (let round = 0; round < ROUNDS; round++) {
  let records;
  parses.push(
    cpuTimed(() => {
      records = JSON.parse(json);
    }),
  );
  // Rotate the order so that no version always runs first (or last) in a round.
  for (let i = 0; i < VERSIONS.length; i++) {
    const ocsfVersion = VERSIONS[(i + round) % VERSIONS.length];
    const options = { profile: "ocsf", ocsfVersion };
    // A process maps in one version; switching versions here changes the shapes the
    // renderer's inline caches have seen, and whoever ran next paid for the switch (1.8.0
    // ran 10% slower than 1.6.0, with every line in common). Settle first, untimed.
    for (let j = 0; j < WARM_UP; j++) toOcsfDeviceInventory(records[j], options);
    times[ocsfVersion].push(
      cpuTimed(() => {
        for (const device of records) toOcsfDeviceInventory(device, options);
      }),
    );
  }
}
const list = VERSIONS.map((v) => `${v} ${(median(times[v]) / median(parses)).toFixed(3)}`).join(
  ", ",
);
for (const version of ["1.3.0", "1.8.0"]) {
  // Paired within each round (the JSON.parse times cancel): drift between rounds cancels.
  const perRound = times[version].map((ms, round) => ms / times["1.6.0"][round]);
  record(
    `map ocsf ${version} / map ocsf 1.6.0 (each / JSON.parse)`,
    median(perRound),
    1.1,
    "ratio",
    `(${COUNT} records with embedded users, ${ROUNDS} interleaved rounds, CPU time; median map / JSON.parse: ${list}; median of per-round ratios, range ${range(perRound)})`,
  );
}
