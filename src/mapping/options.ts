import { OCSF_VERSION_FEATURES, type OcsfVersionFeatures } from "../ocsf/version-features.js";
import { DEFAULT_OCSF_VERSION, isOcsfVersion, OCSF_VERSIONS } from "../ocsf/versions.js";

/** The mapping options as the public functions take them (see `MapOptions`). */
export interface ProfileOptions {
  profile?: string | undefined;
  ocsfVersion?: string | undefined;
}

/**
 * Checks the options: `undefined` for profile `"sekoia"`, the chosen version's features for
 * `"ocsf"`. Throws a `TypeError` saying why for anything else, so that a typo never yields
 * events of a version nobody asked for.
 */
export function strictFeatures(
  options: ProfileOptions | undefined,
): OcsfVersionFeatures | undefined {
  const profile = options?.profile ?? "sekoia";
  const version = options?.ocsfVersion;
  if (profile === "sekoia") {
    if (version === undefined) return undefined;
    throw new TypeError(
      `ocsfVersion ${JSON.stringify(version)} applies to profile "ocsf" only: profile "sekoia" is the product page's fixed table, not a versioned OCSF schema`,
    );
  }
  if (profile !== "ocsf") {
    throw new TypeError(
      `Unknown OCSF profile ${JSON.stringify(profile)}: expected "sekoia" or "ocsf"`,
    );
  }
  if (version === undefined) return OCSF_VERSION_FEATURES[DEFAULT_OCSF_VERSION];
  if (!isOcsfVersion(version)) {
    throw new TypeError(
      `Unknown OCSF version ${JSON.stringify(version)}: expected one of ${OCSF_VERSIONS.join(", ")}`,
    );
  }
  return OCSF_VERSION_FEATURES[version];
}
