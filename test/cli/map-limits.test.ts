// map's record limit as a subprocess (issue 13's attack): it was 64 MiB, and one record of
// 66 MB of nested arrays within it took 3.4 GB and 44 s in JSON.parse. At 4 MiB a record is
// reported unread above the limit and read below it, and the others are mapped.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_RECORD_BYTES } from "../../src/cli/map-command.js";
import { assertBuilt, cli, lines } from "./subprocess.js";

let work = "";
beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), "okta-device-ocsf-map-limits-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DEVICE = {
  id: "guo1",
  status: "ACTIVE",
  created: "2024-01-01T00:00:00.000Z",
  lastUpdated: "2024-01-01T00:00:00.000Z",
  profile: { displayName: "laptop", platform: "WINDOWS" },
};

/** Nested arrays of exactly `bytes` bytes: JSON.parse's worst case for memory. */
const nested = (bytes: number) => "[".repeat(bytes / 2) + "]".repeat(bytes / 2);

describe("map's record limit", () => {
  it("is 4 MiB", () => {
    expect(MAX_RECORD_BYTES).toBe(4 * 1024 * 1024);
  });

  it.each([
    ["NDJSON", (records: string[]) => `${records.join("\n")}\n`, (n: number) => ` (line ${n})`],
    ["a JSON array", (records: string[]) => `[${records.join(",")}]`, () => ""],
  ])("in %s: one byte over is reported unread, at the limit it is read", async (_, join_, line) => {
    const device = JSON.stringify(DEVICE);
    const file = join(work, "limits.json");
    writeFileSync(
      file,
      join_([device, nested(MAX_RECORD_BYTES + 2), device, nested(MAX_RECORD_BYTES), device]),
    );
    const run = await cli(["map", file], { cwd: work });
    expect(run.stderr).toContain(
      `record 2${line(2)}: larger than the ${MAX_RECORD_BYTES} bytes a record may have (${MAX_RECORD_BYTES + 2} bytes): not read`,
    );
    // Read, parsed, and refused by the mapping (an array is not a device).
    expect(run.stderr).toMatch(
      new RegExp(
        `record 4${line(4).replace(/[()]/g, "\\$&")} \\(no id\\): Okta device: must be an object, got an array`,
      ),
    );
    expect(lines(run.stdout)).toHaveLength(3);
    expect(run.status).toBe(1);
  });
});
