import type { OcsfProfile } from "../mapping/to-ocsf.js";
import { isOcsfVersion, OCSF_VERSIONS, type OcsfVersion } from "../ocsf/versions.js";
import { UsageError } from "./args.js";

/** The `--ocsf-version` option, for commands that write events. */
export const OCSF_VERSION_OPTION = { "ocsf-version": { type: "string" } } as const;

/** Help line of `--ocsf-version`. */
export const OCSF_VERSION_HELP = `  --ocsf-version V        with --profile ocsf: the OCSF version, ${OCSF_VERSIONS.join(", ")}
                          (default 1.6.0; Amazon Security Lake needs 1.3.0)`;

/** Reads `--ocsf-version`: only with `--profile ocsf`, only a supported version. */
export function readOcsfVersion(
  value: string | undefined,
  profile: OcsfProfile,
): OcsfVersion | undefined {
  if (value === undefined) return undefined;
  if (profile !== "ocsf") {
    throw new UsageError(
      `--ocsf-version applies to --profile ocsf only: the ${profile} profile is the product page's fixed table, not a versioned OCSF schema`,
    );
  }
  if (!isOcsfVersion(value)) {
    throw new UsageError(
      `--ocsf-version must be one of ${OCSF_VERSIONS.join(", ")}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
