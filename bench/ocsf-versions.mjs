// Bench section "ocsf-versions": mapping in OCSF 1.3.0 and 1.8.0 against the default 1.6.0,
// each as a ratio to JSON.parse of the same records in the same run, so that the machine's
// speed cancels out. Times are the process's CPU time, not wall time: on a shared, loaded
// machine wall time counts the waits for a core, and medians of wall time moved by 10%
// between two runs of identical code (1.6.0 and 1.8.0 share every line).
// Registered in bench/run.mjs.
import { toOcsfDeviceInventory } from "okta-device-ocsf";
import { generateOktaDevices } from "okta-device-ocsf/testing";

const COUNT = 25_000;
const ROUNDS = 31;
const WARM_UP = 3000;
const VERSIONS = ["1.6.0", "1.3.0", "1.8.0"];

// CPU milliseconds (user + system) of one run, after a full collection.
function cpuTimed(fn) {
  globalThis.gc();
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Runs the section; `median` and `record` are bench/run.mjs's helpers. */
export function run({ median, record }) {
  const json = JSON.stringify(generateOktaDevices(COUNT, { seed: 15, expand: "user" }));
  const times = Object.fromEntries(VERSIONS.map((version) => [version, []]));
  const parses = [];
  // Warm every version up before measuring.
  for (const device of JSON.parse(json).slice(0, 2000)) {
    for (const ocsfVersion of VERSIONS) {
      toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion });
    }
  }
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
      // renderer's inline caches have seen, and whoever runs next paid for the switch (1.8.0
      // ran 10% slower than 1.6.0, with every line in common). Settle first, untimed.
      for (let i = 0; i < WARM_UP; i++) toOcsfDeviceInventory(records[i], options);
      times[ocsfVersion].push(
        cpuTimed(() => {
          for (const device of records) toOcsfDeviceInventory(device, options);
        }),
      );
    }
  }
  const ratio = {};
  for (const version of VERSIONS) ratio[version] = median(times[version]) / median(parses);
  const list = VERSIONS.map((v) => `${v} ${ratio[v].toFixed(3)}`).join(", ");
  const detail = `(${COUNT} records with embedded users, ${ROUNDS} interleaved rounds, CPU time; median map / median JSON.parse: ${list}; result: median over rounds of (map in the version / JSON.parse) / (map in 1.6.0 / JSON.parse))`;
  // Paired within each round: drift of the machine between rounds cancels out.
  const versus = (version) =>
    median(
      times[version].map(
        (ms, round) => ms / parses[round] / (times["1.6.0"][round] / parses[round]),
      ),
    );
  for (const version of ["1.3.0", "1.8.0"]) {
    record(
      `map ocsf ${version} / map ocsf 1.6.0 (each / JSON.parse)`,
      versus(version),
      1.1,
      "ratio",
      detail,
    );
  }
}
