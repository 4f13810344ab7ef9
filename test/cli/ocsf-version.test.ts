// `--ocsf-version`, through the built bin (npm test builds first), as a user runs it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { strictDeviceInventoryEventSchema } from "../../src/schemas/index.js";
import { pageNonCompliantDevice } from "../fixtures/page-examples.js";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/cli.js");

beforeAll(() => {
  if (!existsSync(bin)) throw new Error("dist/cli.js is missing: run `npm run build` first");
});

function map(args: string[], input: unknown) {
  return spawnSync(process.execPath, [bin, "map", ...args], {
    input: JSON.stringify(input),
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("okta-device-ocsf map --ocsf-version", () => {
  it("writes events of the chosen version", () => {
    const run = map(["--profile", "ocsf", "--ocsf-version", "1.3.0"], [pageNonCompliantDevice]);
    expect(run.status).toBe(0);
    const event = strictDeviceInventoryEventSchema("1.3.0").parse(JSON.parse(run.stdout));
    expect(event.metadata.version).toBe("1.3.0");
    expect(event.device.imei).toBe("356938035643809");
  });

  it("refuses it with the sekoia profile (usage error, exit 64), saying why", () => {
    const run = map(["--ocsf-version", "1.3.0"], [pageNonCompliantDevice]);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain("--ocsf-version applies to --profile ocsf only");
    expect(run.stdout).toBe("");
  });

  it("refuses an unknown version, listing the supported ones", () => {
    const run = map(["--profile", "ocsf", "--ocsf-version", "1.2"], [pageNonCompliantDevice]);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain(
      "--ocsf-version must be one of 1.3.0, 1.4.0, 1.5.0, 1.6.0, 1.7.0, 1.8.0",
    );
  });
});
