// Executes the examples (examples/*.ts) against the built package and fake orgs, so that
// they can never rot. examples/connector.test.ts runs as a test of its own.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProxy } from "proxy";
import { afterAll, describe, expect, it } from "vitest";
import { countDevices, proxiedFetch } from "../../examples/behind-proxy.js";
import { syncInventory } from "../../examples/inventory-sync.js";
import { mapFile } from "../../examples/map-file.js";
import { syncOrg } from "../../examples/sync-org.js";
import { checkConnection } from "../../examples/test-connection.js";
import { startFakeOktaOrg } from "../../src/testing/index.js";
import { pageManagedDevice, realShapeMacWithUser } from "../fixtures/page-examples.js";

const work = mkdtempSync(join(tmpdir(), "okta-device-ocsf-examples-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("examples", () => {
  it("map-file maps a file and reports the bad record", async () => {
    const file = join(work, "devices.json");
    writeFileSync(
      file,
      JSON.stringify([pageManagedDevice, { id: "guoBAD" }, realShapeMacWithUser]),
    );
    const lines: string[] = [];
    const warnings: string[] = [];
    const result = await mapFile(
      file,
      "ocsf",
      (line) => lines.push(line),
      (message) => warnings.push(message),
    );
    expect(result).toStrictEqual({ written: 2, failed: 1 });
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ class_uid: 5001, device: { type_id: 2 } });
    expect(warnings[0]).toMatch(/^record 1: Okta device "guoBAD"/);
  });

  it("sync-org syncs twice: everything, then only what changed", async () => {
    const org = await startFakeOktaOrg({ count: 450 });
    try {
      const checkpointFile = join(work, "state.json");
      const options = {
        baseUrl: org.baseUrl,
        auth: { apiToken: org.token },
        allowInsecureHttp: true,
      };
      const written: unknown[] = [];
      const first = await syncOrg(options, checkpointFile, async (event) => {
        written.push(event);
      });
      expect(first).toMatchObject({ devices: 450, events: 450, failed: 0 });
      // Updated now: a time in the future would rightly never move the checkpoint.
      const updated = org.updateDevice(org.devices[7]?.id ?? "", { status: "SUSPENDED" });
      const second = await syncOrg(options, checkpointFile, async () => undefined);
      expect(second).toMatchObject({ devices: 1, events: 1 });
      expect(second.checkpoint?.lastUpdated).toBe(updated.lastUpdated);
    } finally {
      await org.close();
    }
  });

  it("test-connection gives a verdict for people", async () => {
    const org = await startFakeOktaOrg({ count: 1 });
    try {
      const ok = await checkConnection({
        baseUrl: org.baseUrl,
        auth: { apiToken: org.token },
        allowInsecureHttp: true,
      });
      expect(ok.verdict).toBe("Connected: these credentials can read devices.");
      const bad = await checkConnection({
        baseUrl: org.baseUrl,
        auth: { apiToken: "wrong" },
        allowInsecureHttp: true,
      });
      expect(bad.verdict).toMatch(/^Not connected \(invalid_token\)/);
    } finally {
      await org.close();
    }
  });

  it("inventory-sync writes the inventory, then deletions, and saves the state", async () => {
    const org = await startFakeOktaOrg({ count: 30 });
    try {
      const stateFile = join(work, "inventory.state.json");
      const options = {
        baseUrl: org.baseUrl,
        auth: { apiToken: org.token },
        allowInsecureHttp: true,
      };
      const first = await syncInventory(options, stateFile, async () => undefined);
      expect(first).toMatchObject({ written: 30, failed: 0, summary: { mode: "full", new: 30 } });
      const deleted = org.devices[3]?.id ?? "";
      org.deleteDevice(deleted);
      const events: { class_uid?: number; entity?: { uid?: string } }[] = [];
      const second = await syncInventory(
        options,
        stateFile,
        async (event) => {
          events.push(event as (typeof events)[number]);
        },
        { mode: "full" },
      );
      expect(second.summary).toMatchObject({ gone: 1, new: 0, updated: 0 });
      expect(events).toMatchObject([{ class_uid: 3004, entity: { uid: deleted } }]);
    } finally {
      await org.close();
    }
  });

  it("behind-proxy lists through the proxy it is given, and NO_PROXY bypasses it", async () => {
    const org = await startFakeOktaOrg({ count: 250 });
    const proxy = createProxy(createServer());
    const seen: string[] = [];
    proxy.on("connect", (request: { url?: string }) => seen.push(request.url ?? ""));
    await new Promise<void>((done) => proxy.listen(0, "127.0.0.1", done));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const through = proxiedFetch({ httpProxy: proxyUrl });
      expect(await countDevices(org.baseUrl, org.token, through, true)).toBe(250);
      // undici tunnels plain HTTP through CONNECT too: one tunnel per connection to the org.
      const tunnels = seen.length;
      expect(tunnels).toBeGreaterThan(0);
      expect(seen.every((target) => target === new URL(org.baseUrl).host)).toBe(true);
      const bypass = proxiedFetch({ httpProxy: proxyUrl, noProxy: "127.0.0.1" });
      expect(await countDevices(org.baseUrl, org.token, bypass, true)).toBe(250);
      expect(seen.length).toBe(tunnels);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((done) => proxy.close(() => done()));
      await org.close();
    }
  });
});
