import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { OcsfVersion } from "../../src/index.js";
import { reportSkip, SHARED_DIR } from "./shared.js";

/** Where the official class schema of one OCSF version lives (../shared, never copied). */
export function ocsfSchemaPath(version: OcsfVersion): string {
  return resolve(SHARED_DIR, `ocsf/inventory_info-${version}.schema.json`);
}

/** Whether the official class schema of `version` is present. */
export function hasOcsfSchemaFor(version: OcsfVersion): boolean {
  return existsSync(ocsfSchemaPath(version));
}

/** The official class schema of `version`; `{}` (after a plain message) when absent. */
export function loadOcsfSchemaFor(version: OcsfVersion): Record<string, unknown> {
  const path = ocsfSchemaPath(version);
  if (!existsSync(path)) {
    reportSkip(`the official OCSF ${version} schema`, path);
    return {};
  }
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

const validators = new Map<OcsfVersion, { ajv: Ajv2020; validate: ValidateFunction }>();

/** An ajv 2020 validator of `version`'s official schema, compiled once per file. */
export function officialValidator(version: OcsfVersion): {
  ajv: Ajv2020;
  validate: ValidateFunction;
} {
  let entry = validators.get(version);
  if (entry === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    entry = { ajv, validate: ajv.compile(loadOcsfSchemaFor(version)) };
    validators.set(version, entry);
  }
  return entry;
}
