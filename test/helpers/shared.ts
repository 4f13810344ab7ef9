import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// ../shared sits beside the clone (CI lays it there); it is test data we must not copy.
const here = dirname(fileURLToPath(import.meta.url));
export const SHARED_DIR = resolve(here, "../../../shared");

const OKTA_EXAMPLES = resolve(SHARED_DIR, "okta/api-examples.json");
const OCSF_SCHEMA = resolve(SHARED_DIR, "ocsf/inventory_info-1.6.0.schema.json");

export const hasOktaExamples = existsSync(OKTA_EXAMPLES);
export const hasOcsfSchema = existsSync(OCSF_SCHEMA);

/** Says plainly, once per file, that a test is skipped and why. */
export function reportSkip(what: string, path: string): void {
  console.warn(`SKIPPED: ${what}: ${path} is not present (it lives in ../shared beside the clone)`);
}

export interface OktaExamples {
  APIDevicesListAllResponse: { value: unknown[] };
  APIDevicesListAllUserSummaryResponse: { value: unknown[] };
  DeviceResponse: { value: unknown };
  DeviceWithProvidersResponse: { value: unknown };
  APIDevicesListAllUsersResponse: { value: unknown[] };
}

export function loadOktaExamples(): OktaExamples {
  if (!hasOktaExamples) reportSkip("Okta's published examples", OKTA_EXAMPLES);
  return hasOktaExamples
    ? (JSON.parse(readFileSync(OKTA_EXAMPLES, "utf8")) as OktaExamples)
    : ({} as OktaExamples);
}

export function loadOcsfSchema(): Record<string, unknown> {
  if (!hasOcsfSchema) reportSkip("the official OCSF 1.6.0 schema", OCSF_SCHEMA);
  return hasOcsfSchema
    ? (JSON.parse(readFileSync(OCSF_SCHEMA, "utf8")) as Record<string, unknown>)
    : {};
}

export const OKTA_EXAMPLES_PATH = OKTA_EXAMPLES;
export const OCSF_SCHEMA_PATH = OCSF_SCHEMA;
