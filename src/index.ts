/**
 * Map Okta device records to OCSF Device Inventory Info events (OCSF 1.6.0 by default; 1.3.0
 * to 1.8.0 in the strict profile). This entry loads no dependency at run time: neither zod
 * nor ky.
 *
 * @packageDocumentation
 * @module okta-device-ocsf
 */
export {
  type DeletionEventFor,
  type DeletionMapOptions,
  type OcsfDeviceDeletionEvent,
  toOcsfDeviceDeletion,
} from "./mapping/deletion.js";
export type { DeviceGone } from "./mapping/device-gone.js";
export { DeviceMappingError } from "./mapping/errors.js";
export {
  type DeviceMapFailure,
  type DeviceMapResult,
  type DeviceMapSuccess,
  mapOktaDevices,
} from "./mapping/map-devices.js";
export { MAPPING_REVISIONS, mappingRevision } from "./mapping/revision.js";
export {
  type MapOptions,
  type OcsfDeviceInventoryEvent,
  type OcsfEventFor,
  type OcsfProfile,
  toOcsfDeviceInventory,
} from "./mapping/to-ocsf.js";
export { MAX_UNMAPPED_DEPTH } from "./mapping/unmapped.js";
export * from "./ocsf/captions.js";
export * from "./ocsf/constants.js";
export type * from "./ocsf/deletion-event.js";
export type * from "./ocsf/sekoia-event.js";
export type * from "./ocsf/strict-event.js";
export * from "./ocsf/versions.js";
export type * from "./okta/device.js";
