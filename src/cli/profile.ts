import type { OcsfProfile } from "../mapping/to-ocsf.js";
import { UsageError } from "./args.js";

/** Reads the profile option, refusing unknown ones. */
export function readProfile(value: string | undefined): OcsfProfile {
  if (value === undefined || value === "sekoia" || value === "ocsf") return value ?? "sekoia";
  // The value is not echoed: it may be a secret typed after the wrong option.
  throw new UsageError("--profile must be sekoia or ocsf");
}
