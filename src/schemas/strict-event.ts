import { z } from "zod";
import { OCSF_DEVICE_TYPE_CAPTIONS, OCSF_OS_TYPE_CAPTIONS } from "../ocsf/captions.js";

const epochMillis = z.number().int();
// OCSF's email_t pattern.
const ocsfEmail = z
  .string()
  .regex(/^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/);

const deviceTypeIds = Object.keys(OCSF_DEVICE_TYPE_CAPTIONS).map(Number);
const osTypeIds = Object.keys(OCSF_OS_TYPE_CAPTIONS).map(Number);

function captionOf(captions: Readonly<Record<number, string>>, id: number): string | undefined {
  return captions[id];
}

const os = z
  .strictObject({
    name: z.string().min(1),
    type_id: z.number().refine((id) => osTypeIds.includes(id), "not an OCSF 1.6.0 os.type_id"),
    type: z.string().min(1),
    version: z.string().optional(),
  })
  .refine(
    (value) =>
      value.type_id === 99 || value.type === captionOf(OCSF_OS_TYPE_CAPTIONS, value.type_id),
    { message: "os.type must be the caption of os.type_id", path: ["type"] },
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
        .refine((id) => deviceTypeIds.includes(id), "not an OCSF 1.6.0 device.type_id"),
      type: z.string().min(1),
      uid: z.string().min(1),
      name: z.string().optional(),
      hostname: z.string().optional(),
      os: os.optional(),
      hw_info: z
        .strictObject({
          serial_number: z.string().optional(),
          vendor_name: z.string().optional(),
        })
        .optional(),
      vendor_name: z.string().optional(),
      model: z.string().optional(),
      imei_list: z.array(z.string()).optional(),
      meid: z.string().optional(),
      udid: z.string().optional(),
      is_managed: z.boolean().optional(),
      is_compliant: z.boolean().optional(),
      owner: z
        .strictObject({
          uid: z.string().optional(),
          name: z.string().optional(),
          email_addr: ocsfEmail.optional(),
          full_name: z.string().optional(),
        })
        .optional(),
      created_time: epochMillis.optional(),
      modified_time: epochMillis.optional(),
      last_seen_time: epochMillis.optional(),
    })
    .refine(
      (device) =>
        device.type_id === 99 ||
        device.type === captionOf(OCSF_DEVICE_TYPE_CAPTIONS, device.type_id),
      { message: "device.type must be the caption of device.type_id", path: ["type"] },
    ),
  unmapped: z.record(z.string(), z.json()).optional(),
});
