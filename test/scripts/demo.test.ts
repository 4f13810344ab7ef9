import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  SekoiaDeviceInventoryEventSchema,
  StrictDeviceInventoryEventSchema,
} from "../../src/schemas/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function demo(args: string[]) {
  const env = { ...process.env };
  delete env.OKTA_BASE_URL;
  delete env.OKTA_API_TOKEN;
  return spawnSync(process.execPath, ["scripts/demo.mjs", ...args], {
    cwd: root,
    encoding: "utf8",
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe("npm run demo (scripts/demo.mjs, on the built package)", () => {
  it("lists a fake org, prints one valid event per good device and reports the broken one", () => {
    const run = demo([]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1004);
    for (const line of lines) SekoiaDeviceInventoryEventSchema.parse(JSON.parse(line));
    expect(run.stderr).toContain('not mapped: Okta device "guo5a1demoBROKEN0005"');
    expect(run.stderr).toMatch(
      /demo: 1005 devices from a fake org in 6 page\(s\), 1004 events \(profile sekoia\), 1 not mapped/,
    );
  });

  it("prints strict OCSF events with --profile=ocsf", () => {
    const run = demo(["--profile=ocsf"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1004);
    for (const line of lines) StrictDeviceInventoryEventSchema.parse(JSON.parse(line));
  });
});
