// An error no other exit code covers is a fault in the program: exit 70 (EX_SOFTWARE), never
// 1, which scripts read as "some records could not be mapped, the others were written".
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT_RECORDS_FAILED, EXIT_SOFTWARE } from "../../src/cli/exit-codes.js";
import { useCliFixture } from "./cli-fixture.js";

const fixture = useCliFixture("okta-device-ocsf-internal-");

describe("an unexpected internal error", () => {
  it("exits 70 with its message, not 1", async () => {
    // A preload that makes readFileSync throw a plain TypeError (no errno: not an I/O error):
    // `--version` reads package.json with it, before any command runs.
    const preload = join(fixture.work, "fault.mjs");
    writeFileSync(
      preload,
      [
        'import fs from "node:fs";',
        'import { syncBuiltinESMExports } from "node:module";',
        'fs.readFileSync = () => { throw new TypeError("injected fault"); };',
        "syncBuiltinESMExports();",
      ].join("\n"),
    );
    const run = await fixture.run(["--version"], { env: { NODE_OPTIONS: `--import ${preload}` } });
    expect(run.stderr).toBe("okta-device-ocsf: injected fault\n");
    expect(run.status).toBe(EXIT_SOFTWARE);
    expect(run.status).not.toBe(EXIT_RECORDS_FAILED);
  });
});
