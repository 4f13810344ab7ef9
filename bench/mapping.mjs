// Mapping: each profile's time over JSON.parse's time for the same records, on each record
// shape, measured in the same round so that the machine's speed cancels out.
import { toOcsfDeviceInventory } from "okta-device-ocsf";
import { parseOktaDevice } from "okta-device-ocsf/schemas";
import { median, range, record, timed } from "./lib.mjs";
import { devicesOfShape, SHAPES } from "./shapes.mjs";

const COUNT = 100_000;
const ROUNDS = 7;

for (const shape of SHAPES) {
  let json = JSON.stringify(devicesOfShape(shape, COUNT));
  const bytesPerRecord = Buffer.byteLength(json) / COUNT;
  console.log(
    `shape ${shape.name}: ${COUNT} records, ${(json.length / 1e6).toFixed(1)} MB of JSON, ${bytesPerRecord.toFixed(0)} bytes per record`,
  );
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
        for (const device of records) toOcsfDeviceInventory(device);
      }) / parse,
    );
    strict.push(
      timed(() => {
        for (const device of records) toOcsfDeviceInventory(device, { profile: "ocsf" });
      }) / parse,
    );
    validated.push(
      timed(() => {
        for (const device of records) toOcsfDeviceInventory(parseOktaDevice(device));
      }) / parse,
    );
  }
  json = undefined;
  const how = (ratios) =>
    `(${COUNT} records, ${shape.name === "none" ? "no expand" : `expand=${shape.name}`}, ${bytesPerRecord.toFixed(0)} bytes per record; time / JSON.parse time, median of ${ROUNDS} rounds, range ${range(ratios)})`;
  record(
    "map, profile sekoia / JSON.parse",
    median(sekoia),
    0.15,
    "ratio",
    how(sekoia),
    shape.name,
  );
  record("map, profile ocsf / JSON.parse", median(strict), 0.3, "ratio", how(strict), shape.name);
  record(
    "parseOktaDevice + map / JSON.parse",
    median(validated),
    0.6,
    "ratio",
    how(validated),
    shape.name,
  );
}
