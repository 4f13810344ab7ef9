// The events most lake tests write: generated Okta devices mapped to OCSF 1.3.0 inventory
// events with the strict profile (what the writer takes), as plain records to vary.
import { toOcsfDeviceInventory } from "../../src/index.js";
import { type GenerateOktaDevicesOptions, generateOktaDevices } from "../../src/testing/index.js";

export type Json = Record<string, unknown>;

/** `count` events of the devices `generateOktaDevices(count, options)` gives. */
export function inventoryEvents(count: number, options: GenerateOktaDevicesOptions): Json[] {
  return generateOktaDevices(count, options).map(
    (device) =>
      toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion: "1.3.0" }) as unknown as Json,
  );
}
