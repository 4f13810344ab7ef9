import type { OcsfVersion } from "../ocsf/versions.js";
import { strictFeatures } from "./options.js";
import type { MapOptions } from "./to-ocsf.js";

/**
 * The mapping revision of each profile and OCSF version. A revision changes whenever the
 * event this library writes for the same input record changes (a fact moved, a new
 * attribute filled, a rule corrected), and only then; a golden test of the library fails
 * when the output changes without a new revision.
 *
 * @example
 * ```ts
 * MAPPING_REVISIONS.ocsf["1.3.0"]; // "ocsf-1.3.0.r3"
 * ```
 */
export const MAPPING_REVISIONS: {
  /** Revision of the `"sekoia"` profile (it has no OCSF version to choose). */
  readonly sekoia: string;
  /** Revision of the `"ocsf"` profile, per OCSF version. */
  readonly ocsf: Readonly<Record<OcsfVersion, string>>;
} = {
  sekoia: "sekoia.r1",
  ocsf: {
    "1.3.0": "ocsf-1.3.0.r3",
    "1.4.0": "ocsf-1.4.0.r3",
    "1.5.0": "ocsf-1.5.0.r3",
    "1.6.0": "ocsf-1.6.0.r3",
    "1.7.0": "ocsf-1.7.0.r3",
    "1.8.0": "ocsf-1.8.0.r3",
  },
};

/**
 * The mapping revision of the events `toOcsfDeviceInventory(device, options)` writes: an
 * opaque string that changes whenever the output for the same input would change. Store it
 * beside a sync's checkpoint; when a new release of this library reports another revision,
 * the events already delivered are no longer what it would write, so re-collect every
 * device (a full listing) instead of only the changed ones.
 *
 * @param options - the same options as {@link toOcsfDeviceInventory} (`profile`, `ocsfVersion`)
 * @returns the revision, e.g. `"ocsf-1.3.0.r3"`
 * @throws {TypeError} for the options `toOcsfDeviceInventory` refuses (unknown profile or
 *   version, `ocsfVersion` with profile `"sekoia"`)
 *
 * @example
 * ```ts
 * const revision = mappingRevision({ profile: "ocsf", ocsfVersion: "1.3.0" });
 * if (checkpoint.mappingRevision !== revision) checkpoint = undefined; // re-collect all
 * ```
 */
export function mappingRevision(options?: MapOptions): string {
  const features = strictFeatures(options);
  return features === undefined
    ? MAPPING_REVISIONS.sekoia
    : MAPPING_REVISIONS.ocsf[features.version];
}
