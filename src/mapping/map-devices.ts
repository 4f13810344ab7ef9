import type { OcsfVersion } from "../ocsf/versions.js";
import type { OktaDevice } from "../okta/device.js";
import { DeviceMappingError } from "./errors.js";
import { strictFeatures } from "./options.js";
import { deviceIdOf } from "./read-device.js";
import {
  type MapOptions,
  type OcsfEventFor,
  type OcsfProfile,
  toOcsfDeviceInventory,
} from "./to-ocsf.js";

/** A record that mapped: its position in the source, its id and its event. */
export interface DeviceMapSuccess<E> {
  /** Always `true`. */
  ok: true;
  /** Zero-based position of the record in the source. */
  index: number;
  /** The record's Okta device id. */
  deviceId: string;
  /** The mapped event. */
  event: E;
}

/** A record that did not map: its position, its id if it has one, and why. */
export interface DeviceMapFailure {
  /** Always `false`. */
  ok: false;
  /** Zero-based position of the record in the source. */
  index: number;
  /** The record's Okta device id, when it has a usable one. */
  deviceId: string | undefined;
  /** What is wrong, naming the device and the field. */
  error: DeviceMappingError;
}

/** One result of {@link mapOktaDevices}, in source order. */
export type DeviceMapResult<E> = DeviceMapSuccess<E> | DeviceMapFailure;

function mapOne<P extends OcsfProfile, V extends OcsfVersion>(
  record: unknown,
  index: number,
  options: MapOptions<P, V> | undefined,
): DeviceMapResult<OcsfEventFor<P, V>> {
  try {
    const event = toOcsfDeviceInventory(record as OktaDevice, options);
    return { ok: true, index, deviceId: (record as OktaDevice).id, event };
  } catch (cause) {
    const deviceId = deviceIdOf(record);
    const error =
      cause instanceof DeviceMappingError
        ? cause
        : Object.assign(
            new DeviceMappingError(deviceId, "", `could not be mapped: ${String(cause)}`),
            {
              cause,
            },
          );
    return { ok: false, index, deviceId, error };
  }
}

function* mapSync<P extends OcsfProfile, V extends OcsfVersion>(
  source: Iterable<unknown>,
  options: MapOptions<P, V> | undefined,
): Generator<DeviceMapResult<OcsfEventFor<P, V>>, void, undefined> {
  let index = 0;
  for (const record of source) yield mapOne(record, index++, options);
}

async function* mapAsync<P extends OcsfProfile, V extends OcsfVersion>(
  source: AsyncIterable<unknown>,
  options: MapOptions<P, V> | undefined,
): AsyncGenerator<DeviceMapResult<OcsfEventFor<P, V>>, void, undefined> {
  let index = 0;
  for await (const record of source) yield mapOne(record, index++, options);
}

/**
 * Maps many Okta device records, yielding in source order for each record either its
 * event or a failure that carries the index, the device id (if any) and the error. One
 * bad record never stops or hides the others. Nothing is buffered: records are pulled
 * from the source one at a time.
 *
 * A synchronous source (an array) gives a synchronous generator; an async one (a stream,
 * the client's `listDevices()`) gives an async generator. An error thrown by the source
 * itself is not a bad record: it propagates, so a failed listing never looks complete.
 *
 * The options are those of {@link toOcsfDeviceInventory} (`profile`, `ocsfVersion`).
 *
 * @throws {TypeError} at once (before any record is read) for an unknown profile or
 *   version, `ocsfVersion` with profile `"sekoia"`, or a source that is not iterable
 *
 * @example
 * ```ts
 * import { mapOktaDevices } from "okta-device-ocsf";
 *
 * for (const result of mapOktaDevices(JSON.parse(body))) {
 *   if (result.ok) emit(result.event);
 *   else console.warn(`record ${result.index}: ${result.error.message}`);
 * }
 *
 * // OCSF 1.3.0 for Amazon Security Lake:
 * mapOktaDevices(records, { profile: "ocsf", ocsfVersion: "1.3.0" });
 * ```
 */
export function mapOktaDevices<P extends OcsfProfile = "sekoia", V extends OcsfVersion = "1.6.0">(
  source: Iterable<unknown>,
  options?: MapOptions<P, V>,
): Generator<DeviceMapResult<OcsfEventFor<P, V>>, void, undefined>;
export function mapOktaDevices<P extends OcsfProfile = "sekoia", V extends OcsfVersion = "1.6.0">(
  source: AsyncIterable<unknown>,
  options?: MapOptions<P, V>,
): AsyncGenerator<DeviceMapResult<OcsfEventFor<P, V>>, void, undefined>;
export function mapOktaDevices<P extends OcsfProfile = "sekoia", V extends OcsfVersion = "1.6.0">(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  options?: MapOptions<P, V>,
):
  | Generator<DeviceMapResult<OcsfEventFor<P, V>>, void, undefined>
  | AsyncGenerator<DeviceMapResult<OcsfEventFor<P, V>>, void, undefined> {
  // Bad options are the caller's mistake, not a bad record: thrown now, not once per record.
  // The options are read once, here: the records are mapped later, as they are pulled, and
  // an options object edited meanwhile must not change (or break) the events half-way.
  const checked: MapOptions<P, V> | undefined =
    options === undefined || options === null
      ? undefined
      : { profile: options.profile, ocsfVersion: options.ocsfVersion };
  strictFeatures(checked);
  if (source !== null && typeof source === "object" && Symbol.asyncIterator in source) {
    return mapAsync(source as AsyncIterable<unknown>, checked);
  }
  if (source !== null && typeof source === "object" && Symbol.iterator in source) {
    return mapSync(source as Iterable<unknown>, checked);
  }
  throw new TypeError("mapOktaDevices expects an Iterable or an AsyncIterable of Okta devices");
}
