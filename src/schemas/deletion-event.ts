import { z } from "zod";
import { OCSF_DEVICE_TYPE_CAPTIONS, OCSF_OS_TYPE_CAPTIONS } from "../ocsf/captions.js";
import { OCSF_VERSIONS } from "../ocsf/versions.js";

const epochMillis = z.number().int();
const epochSeconds = z.number().int().nonnegative();
const deviceTypeIds = Object.keys(OCSF_DEVICE_TYPE_CAPTIONS).map(Number);
const osTypeIds = Object.keys(OCSF_OS_TYPE_CAPTIONS).map(Number);

function captionOf(captions: Readonly<Record<number, string>>, id: number): string | undefined {
  return captions[id];
}

const header = {
  activity_id: z.literal(4),
  activity_name: z.literal("Delete"),
  category_uid: z.literal(3),
  category_name: z.literal("Identity & Access Management"),
  class_uid: z.literal(3004),
  class_name: z.literal("Entity Management"),
  type_uid: z.literal(300404),
  type_name: z.literal("Entity Management: Delete"),
  severity_id: z.literal(1),
  severity: z.literal("Informational"),
  message: z.string(),
};

const strictDevice = z
  .strictObject({
    type_id: z.number().refine((id) => deviceTypeIds.includes(id), "not an OCSF device.type_id"),
    type: z.string().min(1),
    uid: z.string().min(1),
    name: z.string().optional(),
    os: z
      .strictObject({
        name: z.string().min(1),
        type_id: z.number().refine((id) => osTypeIds.includes(id), "not an OCSF os.type_id"),
        type: z.string().min(1),
      })
      .refine(
        (os) => os.type_id === 99 || os.type === captionOf(OCSF_OS_TYPE_CAPTIONS, os.type_id),
        { message: "os.type must be the caption of os.type_id", path: ["type"] },
      )
      .optional(),
    modified_time: epochMillis.optional(),
  })
  .refine(
    (device) =>
      device.type_id === 99 || device.type === captionOf(OCSF_DEVICE_TYPE_CAPTIONS, device.type_id),
    { message: "device.type must be the caption of device.type_id", path: ["type"] },
  );

/**
 * The `"ocsf"` profile deletion event (`toOcsfDeviceDeletion(gone, { profile: "ocsf" })`):
 * an OCSF Entity Management event, activity Delete, entity type Device, times in integer
 * milliseconds, `metadata.version` one of `OCSF_VERSIONS`. Strict objects.
 */
export const StrictDeviceDeletionEventSchema = z.strictObject({
  ...header,
  time: epochMillis,
  metadata: z.strictObject({
    product: z.strictObject({ name: z.literal("Okta"), vendor_name: z.literal("Okta") }),
    version: z.enum(OCSF_VERSIONS),
  }),
  entity: z.strictObject({
    type_id: z.literal(1),
    type: z.literal("Device"),
    uid: z.string().min(1),
    name: z.string().optional(),
    device: strictDevice,
  }),
  unmapped: z
    .strictObject({ displayName: z.string().optional(), platform: z.string().optional() })
    .optional(),
});

/**
 * The `"sekoia"` profile deletion event (`toOcsfDeviceDeletion(gone)`): the Entity
 * Management fields with that profile's conventions (epoch seconds, OCSF 1.6.0). Strict.
 */
export const SekoiaDeviceDeletionEventSchema = z.strictObject({
  ...header,
  time: epochSeconds,
  metadata: z.strictObject({
    product: z.strictObject({ name: z.literal("Okta") }),
    version: z.literal("1.6.0"),
  }),
  entity: z.strictObject({
    type_id: z.literal(1),
    type: z.literal("Device"),
    uid: z.string().min(1),
    name: z.string().optional(),
    device: z.strictObject({
      uid: z.string().min(1),
      name: z.string().optional(),
      hostname: z.string().optional(),
      os: z
        .strictObject({
          name: z.string().optional(),
          type: z.enum(["Windows", "AppleOS", "Android", "Linux"]).optional(),
          version: z.string().optional(),
        })
        .optional(),
      updated_time: epochSeconds.optional(),
    }),
  }),
});
