// A connector's own test, against the fake Okta org: no network, no real org, and the
// faults a real org produces on a bad day.

import { mapOktaDevices } from "okta-device-ocsf";
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { startFakeOktaOrg } from "okta-device-ocsf/testing";
import { describe, expect, it } from "vitest";

// The code under test: collect an org's assets as OCSF events.
async function collectAssets(baseUrl: string, apiToken: string) {
  const client = createOktaDeviceClient({
    baseUrl,
    auth: { apiToken },
    allowInsecureHttp: true, // the fake org listens on http://127.0.0.1 only
    retry: { baseDelayMs: 10 },
  });
  const events: unknown[] = [];
  for await (const result of mapOktaDevices(client.listDevices({ expand: "user" }), {
    profile: "ocsf",
  })) {
    if (result.ok) events.push(result.event);
  }
  return events;
}

describe("my asset connector", () => {
  it("collects every device through server errors, resets and 429s", async () => {
    const org = await startFakeOktaOrg({
      count: 1000,
      faults: [
        { kind: "503", at: 2 },
        { kind: "reset", at: 4 },
        { kind: "429", at: 5 },
      ],
    });
    try {
      const events = await collectAssets(org.baseUrl, org.token);
      expect(events).toHaveLength(1000);
    } finally {
      await org.close();
    }
  });

  it("fails loudly when the token cannot read devices", async () => {
    const org = await startFakeOktaOrg({ count: 10, faults: [{ kind: "403" }] });
    try {
      await expect(collectAssets(org.baseUrl, org.token)).rejects.toMatchObject({
        reason: "forbidden",
      });
    } finally {
      await org.close();
    }
  });
});
