import { OCSF_VERSION_FEATURES, type OcsfVersionFeatures } from "../ocsf/version-features.js";
import { DEFAULT_OCSF_VERSION, isOcsfVersion, OCSF_VERSIONS } from "../ocsf/versions.js";

/** The mapping options as the public functions take them (see `MapOptions`). */
export interface ProfileOptions {
  profile?: string | undefined;
  ocsfVersion?: string | undefined;
}

// JSON.stringify gives `undefined` for a symbol or a function, and throws for a bigint:
// a wrong option must still get its TypeError, naming what was given.
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (typeof value === "object" || typeof value === "function") return `(a ${typeof value})`;
  return `(a ${typeof value}: ${String(value)})`;
}

/**
 * Checks the options: `undefined` for profile `"sekoia"`, the chosen version's features for
 * `"ocsf"`. Throws a `TypeError` saying why for anything else, so that a typo never yields
 * events of a version nobody asked for.
 */
export function strictFeatures(
  options: ProfileOptions | undefined,
): OcsfVersionFeatures | undefined {
  const given = options?.profile;
  const profile = given ?? "sekoia";
  const version = options?.ocsfVersion;
  if (profile === "sekoia") {
    if (version === undefined) return undefined;
    // Without a profile the default applies; say so, or the message names one nobody gave.
    const which =
      given === undefined
        ? 'no profile was given, and the default, profile "sekoia",'
        : 'profile "sekoia"';
    throw new TypeError(
      `ocsfVersion ${describe(version)} applies to profile "ocsf" only: ${which} is the product page's fixed table, not a versioned OCSF schema`,
    );
  }
  if (profile !== "ocsf") {
    throw new TypeError(`Unknown OCSF profile ${describe(profile)}: expected "sekoia" or "ocsf"`);
  }
  if (version === undefined) return OCSF_VERSION_FEATURES[DEFAULT_OCSF_VERSION];
  if (!isOcsfVersion(version)) {
    throw new TypeError(
      `Unknown OCSF version ${describe(version)}: expected one of ${OCSF_VERSIONS.join(", ")}`,
    );
  }
  return OCSF_VERSION_FEATURES[version];
}
