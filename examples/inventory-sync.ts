// Keep an inventory in sync, deleted devices included: new and changed devices as OCSF
// Device Inventory Info events, deleted ones as OCSF Entity Management Delete events, and
// the state saved (atomically) only after everything was written.
//   OKTA_BASE_URL=https://acme.okta.com OKTA_API_TOKEN=… node examples/inventory-sync.ts state.json
import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { DeviceMappingError, toOcsfDeviceDeletion, toOcsfDeviceInventory } from "okta-device-ocsf";
import {
  createOktaDeviceClient,
  type DeviceSyncSummary,
  type OktaDeviceClientOptions,
  parseDeviceSyncState,
  type SyncDevicesOptions,
} from "okta-device-ocsf/client";

export interface InventorySyncResult {
  written: number;
  failed: number;
  summary: DeviceSyncSummary;
}

export async function syncInventory(
  options: OktaDeviceClientOptions,
  stateFile: string,
  write: (event: unknown) => Promise<void>,
  syncOptions: SyncDevicesOptions = {},
): Promise<InventorySyncResult> {
  // Checked on load: a state of another version or shape is refused, naming the field.
  const state = existsSync(stateFile)
    ? parseDeviceSyncState(JSON.parse(await readFile(stateFile, "utf8")))
    : undefined;
  const client = createOktaDeviceClient(options);
  let written = 0;
  let failed = 0;
  for await (const item of client.syncDevices(state, { expand: "user", ...syncOptions })) {
    if (item.type === "state") {
      // The last item, reached only when the listing completed: save the state now.
      await writeFile(`${stateFile}.tmp`, JSON.stringify(item.state));
      await rename(`${stateFile}.tmp`, stateFile);
      for (const notice of item.summary.notices) console.error(notice);
      return { written, failed, summary: item.summary };
    }
    try {
      await write(
        item.type === "device"
          ? toOcsfDeviceInventory(item.device, { profile: "ocsf" })
          : toOcsfDeviceDeletion(item.gone, { profile: "ocsf" }),
      );
      written++;
    } catch (error) {
      if (!(error instanceof DeviceMappingError)) throw error;
      failed++;
      console.error(error.message);
    }
  }
  throw new Error("the sync ended without a state");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const baseUrl = process.env.OKTA_BASE_URL;
  const apiToken = process.env.OKTA_API_TOKEN;
  const stateFile = process.argv[2] ?? "okta-devices.state.json";
  if (baseUrl === undefined || apiToken === undefined) {
    console.error("set OKTA_BASE_URL and OKTA_API_TOKEN");
    process.exit(64);
  }
  const { summary, written } = await syncInventory(
    { baseUrl, auth: { apiToken } },
    stateFile,
    async (event) => {
      process.stdout.write(`${JSON.stringify(event)}\n`);
    },
  );
  console.error(
    `${summary.mode} run: ${summary.new} new, ${summary.updated} updated, ${summary.gone} deleted; ${written} events`,
  );
}
