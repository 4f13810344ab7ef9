import { z } from "zod";

const epochSeconds = z.number().int().nonnegative();

/**
 * The `"sekoia"` profile event (the default output of `toOcsfDeviceInventory`). Strict:
 * a key the profile does not define is an error, so it also guards the mapper itself.
 */
export const SekoiaDeviceInventoryEventSchema = z.strictObject({
  activity_id: z.literal(2),
  activity_name: z.literal("Collect"),
  category_name: z.literal("Discovery"),
  category_uid: z.literal(5),
  class_name: z.literal("Device Inventory Info"),
  class_uid: z.literal(5001),
  type_name: z.literal("Device Inventory Info: Collect"),
  type_uid: z.literal(500102),
  severity: z.literal("Informational"),
  severity_id: z.literal(1),
  time: epochSeconds,
  metadata: z.strictObject({
    product: z.strictObject({ name: z.literal("Okta") }),
    version: z.literal("1.6.0"),
  }),
  device: z.strictObject({
    uid: z.string().min(1),
    name: z.string().optional(),
    hostname: z.string().optional(),
    type: z.string().optional(),
    serial_number: z.string().optional(),
    manufacturer: z.string().optional(),
    model: z.string().optional(),
    imei: z.string().optional(),
    udid: z.string().optional(),
    is_enabled: z.boolean().optional(),
    status: z.string().optional(),
    is_managed: z.boolean().optional(),
    is_registered: z.boolean().optional(),
    compliance_status: z.string().optional(),
    has_secure_hardware: z.boolean().optional(),
    encryption_type: z.string().optional(),
    user_uid: z.string().optional(),
    created_time: epochSeconds.optional(),
    updated_time: epochSeconds.optional(),
    last_seen_time: epochSeconds.nullable(),
    os_update_time: epochSeconds.nullable(),
    os: z
      .strictObject({
        name: z.string().optional(),
        type: z.enum(["Windows", "AppleOS", "Android", "Linux"]).optional(),
        version: z.string().optional(),
      })
      .optional(),
  }),
  enrichments: z.tuple([
    z.strictObject({
      name: z.literal("device_security"),
      value: z.literal("okta_device"),
      data: z.strictObject({
        compliance_status: z.string().optional(),
        is_enabled: z.boolean().optional(),
        is_managed: z.boolean().optional(),
        has_secure_hardware: z.boolean().optional(),
        encryption_type: z.string().optional(),
        last_seen: epochSeconds.nullable(),
      }),
    }),
  ]),
});
