// Runs against dist/ (npm test builds first): the build must keep every exported error
// class's name, which is what `console.error(error)` and stack traces print.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ENTRIES = [
  "okta-device-ocsf",
  "okta-device-ocsf/schemas",
  "okta-device-ocsf/client",
  "okta-device-ocsf/testing",
  "okta-device-ocsf/lake",
];

// For each entry: every exported class that extends Error, with its `name` and how
// util.inspect (console.error) prints an instance's first line.
const PROBE = `
const { inspect } = require("node:util");
const out = [];
for (const entry of ${JSON.stringify(ENTRIES)}) {
  const mod = LOAD(entry);
  for (const [exported, value] of Object.entries(mod)) {
    if (typeof value !== "function" || !(value.prototype instanceof Error)) continue;
    let printed = "(no argument list constructs it)";
    for (const args of [[undefined, "field", "reason"], [undefined, []], ["message"]]) {
      try { printed = inspect(Reflect.construct(value, args)).split("\\n")[0]; break; } catch {}
    }
    out.push({ entry, exported, name: value.name, printed });
  }
}
console.log(JSON.stringify(out));`;

type Found = { entry: string; exported: string; name: string; printed: string };

function probe(format: "cjs" | "esm"): Found[] {
  const script =
    format === "cjs"
      ? PROBE.replace("LOAD(entry)", "require(entry)")
      : `(async () => { const require = (await import("node:module")).createRequire(${JSON.stringify(`${root}/`)}); const mods = {}; for (const e of ${JSON.stringify(ENTRIES)}) mods[e] = await import(e); const LOAD = (e) => mods[e]; ${PROBE.replace('const { inspect } = require("node:util");', 'const { inspect } = await import("node:util");')} })();`;
  const args = format === "cjs" ? ["-e", script] : ["--input-type=module", "-e", script];
  return JSON.parse(
    execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }),
  ) as Found[];
}

describe("exported error classes in the build", () => {
  beforeAll(() => {
    if (!existsSync(resolve(root, "dist/index.cjs"))) {
      throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
    }
  });

  for (const format of ["cjs", "esm"] as const) {
    it(`keep their names (${format})`, () => {
      const found = probe(format);
      // Every error class the entries export, so a new one is checked without editing this list.
      expect(new Set(found.map((item) => item.exported))).toStrictEqual(
        new Set([
          "DeviceMappingError",
          "CheckpointTimeError",
          "OktaDeviceValidationError",
          "OktaClientError",
          "OktaConfigError",
          "OktaHTTPError",
          "OktaTimeoutError",
          "OktaNetworkError",
          "OktaResponseError",
          "OktaOAuthError",
          "DeviceSyncStateError",
          "LakeRecordError",
          "LakeOptionsError",
        ]),
      );
      for (const item of found) {
        expect(item.name, `${item.entry} ${item.exported}`).toBe(item.exported);
        expect(item.printed, `${item.entry} ${item.exported}`).not.toMatch(/^_/);
        expect(item.printed, `${item.entry} ${item.exported}`).toMatch(
          new RegExp(`^${item.exported}\\b`),
        );
      }
    });
  }
});
