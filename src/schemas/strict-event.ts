import * as z from "zod/mini";
import { OCSF_DEVICE_TYPE_CAPTIONS, OCSF_OS_TYPE_CAPTIONS } from "../ocsf/captions.js";

const epochMillis = z.int();
// OCSF's email_t pattern.
const ocsfEmail = z
  .string()
  .check(z.regex(/^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/));

const deviceTypeIds = Object.keys(OCSF_DEVICE_TYPE_CAPTIONS).map(Number);
const osTypeIds = Object.keys(OCSF_OS_TYPE_CAPTIONS).map(Number);

function captionOf(captions: Readonly<Record<number, string>>, id: number): string | undefined {
  return captions[id];
}

const os = z
  .strictObject({
    name: z.string().check(z.minLength(1)),
    type_id: z
      .number()
      .check(z.refine((id) => osTypeIds.includes(id), "not an OCSF 1.6.0 os.type_id")),
    type: z.string().check(z.minLength(1)),
    version: z.optional(z.string()),
  })
  .check(
    z.refine(
      (value) =>
        value.type_id === 99 || value.type === captionOf(OCSF_OS_TYPE_CAPTIONS, value.type_id),
      { message: "os.type must be the caption of os.type_id", path: ["type"] },
    ),
  );

/**
 * The `"ocsf"` profile event: strict OCSF 1.6.0 as this library writes it. Strict objects
 * (no key OCSF does not define, except under `unmapped`), captions equal to their ids'
 * captions, times as integer milliseconds.
 */
export const StrictDeviceInventoryEventSchema = z.strictObject({
  activity_id: z.literal(2),
  activity_name: z.literal("Collect"),
  category_uid: z.literal(5),
  category_name: z.literal("Discovery"),
  class_uid: z.literal(5001),
  class_name: z.literal("Device Inventory Info"),
  type_uid: z.literal(500102),
  type_name: z.literal("Device Inventory Info: Collect"),
  severity_id: z.literal(1),
  severity: z.literal("Informational"),
  time: epochMillis,
  metadata: z.strictObject({
    product: z.strictObject({ name: z.literal("Okta"), vendor_name: z.literal("Okta") }),
    version: z.literal("1.6.0"),
  }),
  device: z
    .strictObject({
      type_id: z
        .number()
        .check(z.refine((id) => deviceTypeIds.includes(id), "not an OCSF 1.6.0 device.type_id")),
      type: z.string().check(z.minLength(1)),
      uid: z.string().check(z.minLength(1)),
      name: z.optional(z.string()),
      hostname: z.optional(z.string()),
      os: z.optional(os),
      hw_info: z.optional(
        z.strictObject({
          serial_number: z.optional(z.string()),
          vendor_name: z.optional(z.string()),
        }),
      ),
      vendor_name: z.optional(z.string()),
      model: z.optional(z.string()),
      imei_list: z.optional(z.array(z.string())),
      meid: z.optional(z.string()),
      udid: z.optional(z.string()),
      is_managed: z.optional(z.boolean()),
      is_compliant: z.optional(z.boolean()),
      owner: z.optional(
        z.strictObject({
          uid: z.optional(z.string()),
          name: z.optional(z.string()),
          email_addr: z.optional(ocsfEmail),
          full_name: z.optional(z.string()),
        }),
      ),
      created_time: z.optional(epochMillis),
      modified_time: z.optional(epochMillis),
      last_seen_time: z.optional(epochMillis),
    })
    .check(
      z.refine(
        (device) =>
          device.type_id === 99 ||
          device.type === captionOf(OCSF_DEVICE_TYPE_CAPTIONS, device.type_id),
        { message: "device.type must be the caption of device.type_id", path: ["type"] },
      ),
    ),
  unmapped: z.optional(z.record(z.string(), z.json())),
});
