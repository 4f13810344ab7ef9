import * as z from "zod/mini";

const epochSeconds = z.int().check(z.nonnegative());

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
    uid: z.string().check(z.minLength(1)),
    name: z.optional(z.string()),
    hostname: z.optional(z.string()),
    type: z.optional(z.string()),
    serial_number: z.optional(z.string()),
    manufacturer: z.optional(z.string()),
    model: z.optional(z.string()),
    imei: z.optional(z.string()),
    udid: z.optional(z.string()),
    is_enabled: z.optional(z.boolean()),
    status: z.optional(z.string()),
    is_managed: z.optional(z.boolean()),
    is_registered: z.optional(z.boolean()),
    compliance_status: z.optional(z.string()),
    has_secure_hardware: z.optional(z.boolean()),
    encryption_type: z.optional(z.string()),
    user_uid: z.optional(z.string()),
    created_time: z.optional(epochSeconds),
    updated_time: z.optional(epochSeconds),
    last_seen_time: z.nullable(epochSeconds),
    os_update_time: z.nullable(epochSeconds),
    os: z.optional(
      z.strictObject({
        name: z.optional(z.string()),
        type: z.optional(z.enum(["Windows", "AppleOS", "Android", "Linux"])),
        version: z.optional(z.string()),
      }),
    ),
  }),
  enrichments: z.tuple([
    z.strictObject({
      name: z.literal("device_security"),
      value: z.literal("okta_device"),
      data: z.strictObject({
        compliance_status: z.optional(z.string()),
        is_enabled: z.optional(z.boolean()),
        is_managed: z.optional(z.boolean()),
        has_secure_hardware: z.optional(z.boolean()),
        encryption_type: z.optional(z.string()),
        last_seen: z.nullable(epochSeconds),
      }),
    }),
  ]),
});
