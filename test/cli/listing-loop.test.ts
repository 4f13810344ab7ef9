// Issue 12: `fetch` against a server that serves the same page again under new cursors ends
// (it used to list for ever), with the listing's error, its exit code and no checkpoint moved.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/cli/exit-codes.js";
import { useCliFixture } from "./cli-fixture.js";
import { lines } from "./subprocess.js";

const fixture = useCliFixture("okta-device-ocsf-listing-loop-");

describe("okta-device-ocsf fetch against a looping listing", () => {
  it("stops at page 23 when page 1 repeats for ever: exit unexpected_response, checkpoint not moved", async () => {
    const org = await fixture.org({ count: 50, pageSize: 10, faults: [{ kind: "repeat-page" }] });
    const checkpoint = join(fixture.work, "loop.json");
    const run = await fixture.run(
      [
        "fetch",
        "--base-url",
        org.baseUrl,
        "--allow-insecure-http",
        "--checkpoint",
        checkpoint,
        "--token-env",
        "MY_TOKEN",
      ],
      { env: { MY_TOKEN: org.token } },
    );
    expect(run.status).toBe(EXIT_CODES.unexpected_response);
    expect(run.stderr).toMatch(/repeats itself: 230 devices listed by page 23, only 10 distinct/);
    expect(run.stderr).not.toContain(org.token);
    // The pages before the one that showed the loop were written; no more.
    expect(lines(run.stdout).length).toBeLessThanOrEqual(220);
    expect(org.requests.length).toBeLessThanOrEqual(24);
    expect(existsSync(checkpoint)).toBe(false);
  });
});
