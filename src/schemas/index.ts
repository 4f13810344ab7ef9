/**
 * zod schemas of Okta device payloads and of the output events, with parse helpers and a
 * JSON Schema export. Loads zod.
 *
 * @packageDocumentation
 * @module okta-device-ocsf/schemas
 */

export type * from "../okta/device.js";
export {
  SekoiaDeviceDeletionEventSchema,
  StrictDeviceDeletionEventSchema,
} from "./deletion-event.js";
export { oktaDeviceJsonSchema } from "./json-schema.js";
export {
  IsoDateTimeSchema,
  OKTA_DEVICE_PLATFORMS,
  OKTA_DEVICE_STATUSES,
  OKTA_DISK_ENCRYPTION_TYPES,
  OktaDeviceListSchema,
  OktaDeviceProfileSchema,
  OktaDeviceProviderSchema,
  OktaDeviceSchema,
  OktaDeviceUserListSchema,
  OktaDeviceUserSchema,
  OktaEmbeddedUserSchema,
} from "./okta-device.js";
export {
  type OktaDeviceListParseResult,
  OktaDeviceValidationError,
  parseOktaDevice,
  type SafeParseOktaDeviceResult,
  safeParseOktaDevice,
  safeParseOktaDeviceList,
  type ValidationIssue,
} from "./parse.js";
export { SekoiaDeviceInventoryEventSchema } from "./sekoia-event.js";
export {
  StrictDeviceInventoryEventSchema,
  type StrictDeviceInventoryEventSchemaFor,
  strictDeviceInventoryEventSchema,
} from "./strict-event.js";
