/**
 * An event the lake writer cannot write: it has no `class_uid` the writer knows, a
 * `metadata.version` other than the chosen OCSF version, an attribute outside the class's
 * fixed Parquet schema, or a value of the wrong type. The other events are still written.
 *
 * The message names the event (its position in the input and its `device.uid` or
 * `entity.uid` when it has one) and the field.
 *
 * @example
 * ```ts
 * const result = await writeOcsfLake(events, { outDir: "lake", region: "us-east-1" });
 * for (const error of result.errors) console.warn(error.index, error.field, error.message);
 * ```
 */
export class LakeRecordError extends Error {
  override readonly name = "LakeRecordError";
  /** Position of the event in the input (0 for the first). */
  readonly index: number;
  /** The event's `device.uid` (or `entity.uid`), when it has a string one. */
  readonly uid: string | undefined;
  /** Dotted path of the offending field (`"device.os.type_id"`), or `""` for the event itself. */
  readonly field: string;
  /** What is wrong with the field, without the event's name. */
  readonly reason: string;

  /**
   * Creates the error; the message is built from the parts.
   * @param index - position of the event in the input
   * @param uid - the event's device or entity uid, if known
   * @param field - dotted path of the offending field
   * @param reason - what is wrong with it
   */
  constructor(index: number, uid: string | undefined, field: string, reason: string) {
    const subject = uid === undefined ? `event ${index}` : `event ${index} (uid "${uid}")`;
    super(field === "" ? `${subject}: ${reason}` : `${subject}: field "${field}" ${reason}`);
    this.index = index;
    this.uid = uid;
    this.field = field;
    this.reason = reason;
  }
}

/** Thrown by the lake writer for options it cannot use; `option` names the option. */
export class LakeOptionsError extends Error {
  override readonly name = "LakeOptionsError";
  /** The option's name (`"region"`, `"rotation.maxFileBytes"`, …). */
  readonly option: string;

  /**
   * Creates the error.
   * @param option - the option's name
   * @param reason - what is wrong with it
   */
  constructor(option: string, reason: string) {
    super(`lake option "${option}" ${reason}`);
    this.option = option;
  }
}
