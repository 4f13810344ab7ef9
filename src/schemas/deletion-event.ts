// zod/mini, as the other schemas: its functions tree-shake (test/package/bundle-size.test.ts).
import * as z from "zod/mini";
import { OCSF_DEVICE_TYPE_CAPTIONS, OCSF_OS_TYPE_CAPTIONS } from "../ocsf/captions.js";
import { fitsLength, OCSF_VERSION_FEATURES } from "../ocsf/version-features.js";
import { isOcsfVersion, OCSF_VERSIONS } from "../ocsf/versions.js";

const epochMillis = z.int();
const epochSeconds = z.int().check(z.nonnegative());
const nonEmpty = () => z.string().check(z.minLength(1));
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

const strictOs = z
  .strictObject({ name: nonEmpty(), type_id: z.literal(osTypeIds), type: nonEmpty() })
  .check(
    z.refine(
      (os) => os.type_id === 99 || os.type === captionOf(OCSF_OS_TYPE_CAPTIONS, os.type_id),
      { message: "os.type must be the caption of os.type_id", path: ["type"] },
    ),
  );

const strictDevice = z
  .strictObject({
    type_id: z.literal(deviceTypeIds),
    type: nonEmpty(),
    uid: nonEmpty(),
    name: z.optional(z.string()),
    os: z.optional(strictOs),
    modified_time: z.optional(epochMillis),
  })
  .check(
    z.refine(
      (device) =>
        device.type_id === 99 ||
        device.type === captionOf(OCSF_DEVICE_TYPE_CAPTIONS, device.type_id),
      { message: "device.type must be the caption of device.type_id", path: ["type"] },
    ),
  );

// The strings a version's length limit applies to (OCSF 1.3.0: 65,535 code points).
function fitsVersion(event: {
  metadata: { version: string };
  entity: { uid: string; name?: string | undefined; device: { name?: string | undefined } };
}): boolean {
  const version = event.metadata.version;
  if (!isOcsfVersion(version)) return false;
  const max = OCSF_VERSION_FEATURES[version].maxStringLength;
  return [event.entity.uid, event.entity.name, event.entity.device.name].every(
    (text) => text === undefined || fitsLength(text, max),
  );
}

/**
 * The `"ocsf"` profile deletion event (`toOcsfDeviceDeletion(gone, { profile: "ocsf" })`):
 * an OCSF Entity Management event, activity Delete, entity type Device, times in integer
 * milliseconds, `metadata.version` one of `OCSF_VERSIONS` (and, in 1.3.0, names of at most
 * 65,535 characters). Strict objects.
 */
export const StrictDeviceDeletionEventSchema = z
  .strictObject({
    ...header,
    time: epochMillis,
    metadata: z.strictObject({
      product: z.strictObject({ name: z.literal("Okta"), vendor_name: z.literal("Okta") }),
      version: z.enum(OCSF_VERSIONS),
    }),
    entity: z.strictObject({
      type_id: z.literal(1),
      type: z.literal("Device"),
      uid: nonEmpty(),
      name: z.optional(z.string()),
      device: strictDevice,
    }),
    unmapped: z.optional(
      z.strictObject({
        displayName: z.optional(z.string()),
        platform: z.optional(z.string()),
      }),
    ),
  })
  .check(
    z.refine(fitsVersion, {
      message: "a string is longer than the declared OCSF version allows",
      path: ["entity"],
    }),
  );

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
    uid: nonEmpty(),
    name: z.optional(z.string()),
    device: z.strictObject({
      uid: nonEmpty(),
      name: z.optional(z.string()),
      hostname: z.optional(z.string()),
      os: z.optional(
        z.strictObject({
          name: z.optional(z.string()),
          type: z.optional(z.enum(["Windows", "AppleOS", "Android", "Linux"])),
          version: z.optional(z.string()),
        }),
      ),
      updated_time: z.optional(epochSeconds),
    }),
  }),
});
