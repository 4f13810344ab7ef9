import type { OktaDevice } from "../okta/device.js";
import { DeviceMappingError } from "./errors.js";
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

function mapOne<P extends OcsfProfile>(
  record: unknown,
  index: number,
  options: MapOptions<P> | undefined,
): DeviceMapResult<OcsfEventFor<P>> {
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

function* mapSync<P extends OcsfProfile>(
  source: Iterable<unknown>,
  options: MapOptions<P> | undefined,
): Generator<DeviceMapResult<OcsfEventFor<P>>, void, undefined> {
  let index = 0;
  for (const record of source) yield mapOne(record, index++, options);
}

async function* mapAsync<P extends OcsfProfile>(
  source: AsyncIterable<unknown>,
  options: MapOptions<P> | undefined,
): AsyncGenerator<DeviceMapResult<OcsfEventFor<P>>, void, undefined> {
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
 * @example
 * ```ts
 * import { mapOktaDevices } from "okta-device-ocsf";
 *
 * for (const result of mapOktaDevices(JSON.parse(body))) {
 *   if (result.ok) emit(result.event);
 *   else console.warn(`record ${result.index}: ${result.error.message}`);
 * }
 * ```
 */
export function mapOktaDevices<P extends OcsfProfile = "sekoia">(
  source: Iterable<unknown>,
  options?: MapOptions<P>,
): Generator<DeviceMapResult<OcsfEventFor<P>>, void, undefined>;
export function mapOktaDevices<P extends OcsfProfile = "sekoia">(
  source: AsyncIterable<unknown>,
  options?: MapOptions<P>,
): AsyncGenerator<DeviceMapResult<OcsfEventFor<P>>, void, undefined>;
export function mapOktaDevices<P extends OcsfProfile = "sekoia">(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  options?: MapOptions<P>,
):
  | Generator<DeviceMapResult<OcsfEventFor<P>>, void, undefined>
  | AsyncGenerator<DeviceMapResult<OcsfEventFor<P>>, void, undefined> {
  if (source !== null && typeof source === "object" && Symbol.asyncIterator in source) {
    return mapAsync(source as AsyncIterable<unknown>, options);
  }
  if (source !== null && typeof source === "object" && Symbol.iterator in source) {
    return mapSync(source as Iterable<unknown>, options);
  }
  throw new TypeError("mapOktaDevices expects an Iterable or an AsyncIterable of Okta devices");
}
