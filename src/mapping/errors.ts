/**
 * Thrown by {@link toOcsfDeviceInventory} when a record cannot be mapped: it is not an
 * object, it has no `id`, a field has the wrong type or a date does not parse.
 *
 * The message names the device (when it has an id) and the field, so a log line is
 * enough to find the bad record; `deviceId` and `field` carry the same facts for code.
 *
 * @example
 * ```ts
 * try {
 *   toOcsfDeviceInventory(record);
 * } catch (error) {
 *   if (error instanceof DeviceMappingError) console.warn(error.deviceId, error.field, error.message);
 * }
 * ```
 */
export class DeviceMappingError extends Error {
  override readonly name = "DeviceMappingError";
  /** The Okta device id of the record, when it has a usable one. */
  readonly deviceId: string | undefined;
  /** Dotted path of the offending field (`"profile.osUpdateTime"`), or `""` for the record itself. */
  readonly field: string;
  /** What is wrong with the field, without the record's name (`"is not an ISO 8601 date-time"`). */
  readonly reason: string;

  /**
   * Creates the error; its message is built from the three parts.
   * @param deviceId - the record's Okta id, if known
   * @param field - dotted path of the offending field
   * @param reason - what is wrong with it
   */
  constructor(deviceId: string | undefined, field: string, reason: string) {
    const subject = deviceId === undefined ? "Okta device" : `Okta device "${deviceId}"`;
    super(field === "" ? `${subject}: ${reason}` : `${subject}: field "${field}" ${reason}`);
    this.deviceId = deviceId;
    this.field = field;
    this.reason = reason;
  }
}
