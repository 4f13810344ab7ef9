// zod/mini, as in okta-device.ts: its functions tree-shake (test/package/bundle-size.test.ts).
import * as z from "zod/mini";
import { OCSF_DEVICE_TYPE_CAPTIONS, OCSF_OS_TYPE_CAPTIONS } from "../ocsf/captions.js";
import type { StrictDeviceInventoryEvent } from "../ocsf/strict-event.js";
import {
  fitsLength,
  OCSF_1_3_HOSTNAME_PATTERN,
  OCSF_VERSION_FEATURES,
} from "../ocsf/version-features.js";
import { isOcsfVersion, OCSF_VERSIONS, type OcsfVersion } from "../ocsf/versions.js";
import { unmappedValue } from "./bounded-json.js";

const epochMillis = z.int();
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
      : z
          .string()
          .check(z.refine((value) => fitsLength(value, max), `longer than ${max} characters`));
  const nonEmpty = () => text().check(z.minLength(1));
  const optionalText = () => z.optional(text());
  const os = z
    .strictObject({
      name: nonEmpty(),
      type_id: osTypeId,
      type: nonEmpty(),
      version: optionalText(),
    })
    .check(
      z.refine(
        (value) =>
          value.type_id === 99 || value.type === captionOf(OCSF_OS_TYPE_CAPTIONS, value.type_id),
        { message: "os.type must be the caption of os.type_id", path: ["type"] },
      ),
    );
  const hardware = features.hardwareAttributes
    ? {
        vendor_name: optionalText(),
        model: optionalText(),
        imei_list: z.optional(z.array(text())),
      }
    : { imei: optionalText() };
  const mobile = features.mobileIdentifiers ? { meid: optionalText(), udid: optionalText() } : {};
  const hwInfo = features.hardwareAttributes
    ? { serial_number: optionalText(), vendor_name: optionalText() }
    : { serial_number: optionalText() };
  const device = z
    .strictObject({
      type_id: deviceTypeId,
      type: nonEmpty(),
      uid: nonEmpty(),
      name: optionalText(),
      hostname: z.optional(
        features.dnsHostname ? text().check(z.regex(OCSF_1_3_HOSTNAME_PATTERN)) : text(),
      ),
      os: z.optional(os),
      hw_info: z.optional(z.strictObject(hwInfo)),
      ...hardware,
      ...mobile,
      is_managed: z.optional(z.boolean()),
      is_compliant: z.optional(z.boolean()),
      owner: z.optional(
        z.strictObject({
          uid: optionalText(),
          name: optionalText(),
          email_addr: z.optional(text().check(z.regex(OCSF_EMAIL))),
          full_name: optionalText(),
        }),
      ),
      created_time: z.optional(epochMillis),
      modified_time: z.optional(epochMillis),
      last_seen_time: z.optional(epochMillis),
    })
    .check(
      z.refine(
        (value) =>
          value.type_id === 99 ||
          value.type === captionOf(OCSF_DEVICE_TYPE_CAPTIONS, value.type_id),
        { message: "device.type must be the caption of device.type_id", path: ["type"] },
      ),
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
    unmapped: z.optional(z.record(z.string(), unmappedValue)),
  });
}

/** The zod schema of an `"ocsf"` profile event of OCSF version `V`. */
export type StrictDeviceInventoryEventSchemaFor<V extends OcsfVersion> = z.ZodMiniType<
  StrictDeviceInventoryEvent<V>
>;

const schemas = new Map<OcsfVersion, z.ZodMiniType>();

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
