import { z } from "zod";
import { OCSF_DEVICE_TYPE_CAPTIONS, OCSF_OS_TYPE_CAPTIONS } from "../ocsf/captions.js";
import type { StrictDeviceInventoryEvent } from "../ocsf/strict-event.js";
import {
  fitsLength,
  OCSF_1_3_HOSTNAME_PATTERN,
  OCSF_VERSION_FEATURES,
} from "../ocsf/version-features.js";
import { isOcsfVersion, OCSF_VERSIONS, type OcsfVersion } from "../ocsf/versions.js";

const epochMillis = z.number().int();
// OCSF's email_t pattern.
const OCSF_EMAIL = /^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;

const deviceTypeIds = Object.keys(OCSF_DEVICE_TYPE_CAPTIONS).map(Number);
const osTypeIds = Object.keys(OCSF_OS_TYPE_CAPTIONS).map(Number);
// The same enums in every supported version (see ../shared/ocsf/VERSIONS.md).
const deviceTypeId = z.literal(deviceTypeIds);
const osTypeId = z.literal(osTypeIds);

function captionOf(captions: Readonly<Record<number, string>>, id: number): string | undefined {
  return captions[id];
}

function buildSchema(version: OcsfVersion) {
  const features = OCSF_VERSION_FEATURES[version];
  const max = features.maxStringLength;
  // OCSF 1.3.0 limits every string (in code points, as JSON Schema counts); later ones none.
  const text = () =>
    max === Number.POSITIVE_INFINITY
      ? z.string()
      : z.string().refine((value) => fitsLength(value, max), `longer than ${max} characters`);
  const os = z
    .strictObject({
      name: text().min(1),
      type_id: osTypeId,
      type: text().min(1),
      version: text().optional(),
    })
    .refine(
      (value) =>
        value.type_id === 99 || value.type === captionOf(OCSF_OS_TYPE_CAPTIONS, value.type_id),
      { message: "os.type must be the caption of os.type_id", path: ["type"] },
    );
  const hardware = features.hardwareAttributes
    ? {
        vendor_name: text().optional(),
        model: text().optional(),
        imei_list: z.array(text()).optional(),
      }
    : { imei: text().optional() };
  const mobile = features.mobileIdentifiers
    ? { meid: text().optional(), udid: text().optional() }
    : {};
  const hwInfo = features.hardwareAttributes
    ? { serial_number: text().optional(), vendor_name: text().optional() }
    : { serial_number: text().optional() };
  const device = z
    .strictObject({
      type_id: deviceTypeId,
      type: text().min(1),
      uid: text().min(1),
      name: text().optional(),
      hostname: (features.dnsHostname
        ? text().regex(OCSF_1_3_HOSTNAME_PATTERN)
        : text()
      ).optional(),
      os: os.optional(),
      hw_info: z.strictObject(hwInfo).optional(),
      ...hardware,
      ...mobile,
      is_managed: z.boolean().optional(),
      is_compliant: z.boolean().optional(),
      owner: z
        .strictObject({
          uid: text().optional(),
          name: text().optional(),
          email_addr: text().regex(OCSF_EMAIL).optional(),
          full_name: text().optional(),
        })
        .optional(),
      created_time: epochMillis.optional(),
      modified_time: epochMillis.optional(),
      last_seen_time: epochMillis.optional(),
    })
    .refine(
      (value) =>
        value.type_id === 99 || value.type === captionOf(OCSF_DEVICE_TYPE_CAPTIONS, value.type_id),
      { message: "device.type must be the caption of device.type_id", path: ["type"] },
    );
  return z.strictObject({
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
      version: z.literal(version),
    }),
    device,
    // OCSF's `object` type: no limit on keys or string lengths, in any version.
    unmapped: z.record(z.string(), z.json()).optional(),
  });
}

/** The zod schema of an `"ocsf"` profile event of OCSF version `V`. */
export type StrictDeviceInventoryEventSchemaFor<V extends OcsfVersion> = z.ZodType<
  StrictDeviceInventoryEvent<V>
>;

const schemas = new Map<OcsfVersion, z.ZodType>();

/**
 * The zod schema of an `"ocsf"` profile event of one OCSF version, as this library writes
 * it: strict objects holding only the attributes that version defines (everything else is
 * under `unmapped`), captions equal to their ids' captions, times as integer milliseconds,
 * `metadata.version` equal to `version`, and in 1.3.0 its DNS-name `hostname` and its
 * 65,535-character strings. Built once per version.
 *
 * @param version - one of {@link OCSF_VERSIONS}
 * @returns the schema; `parse` throws a `ZodError`, `safeParse` returns a result
 * @throws {TypeError} for a version that is not one of {@link OCSF_VERSIONS}
 *
 * @example
 * ```ts
 * import { strictDeviceInventoryEventSchema } from "okta-device-ocsf/schemas";
 *
 * const event = toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion: "1.3.0" });
 * strictDeviceInventoryEventSchema("1.3.0").parse(event);
 * ```
 */
export function strictDeviceInventoryEventSchema<V extends OcsfVersion>(
  version: V,
): StrictDeviceInventoryEventSchemaFor<V> {
  if (!isOcsfVersion(version)) {
    throw new TypeError(
      `Unknown OCSF version ${JSON.stringify(version)}: expected one of ${OCSF_VERSIONS.join(", ")}`,
    );
  }
  let schema = schemas.get(version);
  if (schema === undefined) {
    schema = buildSchema(version);
    schemas.set(version, schema);
  }
  // The schema checks every id against its OCSF enum and `metadata.version` against
  // `version`, so what it accepts is that version's event type.
  return schema as unknown as StrictDeviceInventoryEventSchemaFor<V>;
}

/**
 * The `"ocsf"` profile event of the default version, OCSF 1.6.0: the same as
 * `strictDeviceInventoryEventSchema("1.6.0")`.
 */
export const StrictDeviceInventoryEventSchema: StrictDeviceInventoryEventSchemaFor<"1.6.0"> =
  strictDeviceInventoryEventSchema("1.6.0");
