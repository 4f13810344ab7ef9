// Mapping: each profile's time over JSON.parse's time for the same records, on each record
// shape, measured in the same round so that the machine's speed cancels out. The ratio is
// of CPU times (steadier on a shared machine); the wall-time ratio is reported beside it.
import { toOcsfDeviceInventory } from "okta-device-ocsf";
import { parseOktaDevice } from "okta-device-ocsf/schemas";
import { describeShape, median, range, record, timedCpu } from "./lib.mjs";
import { devicesOfShape, SHAPES } from "./shapes.mjs";

const COUNT = 100_000;
const ROUNDS = 7;

const CONTESTANTS = [
  {
    name: "map, profile sekoia / JSON.parse",
    target: 0.15,
    run: (records) => {
      for (const device of records) toOcsfDeviceInventory(device);
    },
  },
  {
    name: "map, profile ocsf / JSON.parse",
    target: 0.3,
    run: (records) => {
      for (const device of records) toOcsfDeviceInventory(device, { profile: "ocsf" });
    },
  },
  {
    name: "parseOktaDevice + map / JSON.parse",
    target: 0.6,
    run: (records) => {
      for (const device of records) toOcsfDeviceInventory(parseOktaDevice(device));
    },
  },
];

for (const shape of SHAPES) {
  let json = JSON.stringify(devicesOfShape(shape, COUNT));
  const bytesPerRecord = Buffer.byteLength(json) / COUNT;
  describeShape(shape, COUNT, Buffer.byteLength(json));
  console.log(
    `shape ${shape.name}: ${COUNT} records, ${(json.length / 1e6).toFixed(1)} MB of JSON, ${bytesPerRecord.toFixed(0)} bytes per record`,
  );
  const cpuRatios = CONTESTANTS.map(() => []);
  const wallRatios = CONTESTANTS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    let records;
    const parse = timedCpu(() => {
      records = JSON.parse(json);
    });
    // Rotate the order, so that no contestant always runs on a freshly parsed heap.
    for (let k = 0; k < CONTESTANTS.length; k++) {
      const which = (round + k) % CONTESTANTS.length;
      const run = timedCpu(() => CONTESTANTS[which].run(records));
      cpuRatios[which].push(run.cpuMs / parse.cpuMs);
      wallRatios[which].push(run.ms / parse.ms);
    }
  }
  json = undefined;
  const expandText = shape.expand === undefined ? "no expand" : `expand=${shape.expand}`;
  CONTESTANTS.forEach((contestant, which) => {
    record(
      contestant.name,
      median(cpuRatios[which]),
      contestant.target,
      "ratio",
      `(${COUNT} records, ${expandText}, ${bytesPerRecord.toFixed(0)} bytes per record; CPU time / JSON.parse CPU time, median of ${ROUNDS} rounds, range ${range(cpuRatios[which])}; wall-time ratio ${median(wallRatios[which]).toFixed(3)}, range ${range(wallRatios[which])})`,
      shape.name,
    );
  });
}
