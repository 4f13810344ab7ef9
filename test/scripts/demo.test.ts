import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SekoiaDeviceInventoryEventSchema } from "../../src/schemas/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

describe("npm run demo (scripts/demo.mjs, on the built package)", () => {
  it("prints one valid event per good record and reports the broken one on stderr", () => {
    const run = spawnSync(process.execPath, ["scripts/demo.mjs"], { cwd: root, encoding: "utf8" });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    for (const line of lines) SekoiaDeviceInventoryEventSchema.parse(JSON.parse(line));
    expect(run.stderr).toContain('record 4 not mapped: Okta device "guo5a1demoBROKEN0005"');
    expect(run.stderr).toContain("demo: 4 events (profile sekoia), 1 record(s) not mapped");
  });
});
