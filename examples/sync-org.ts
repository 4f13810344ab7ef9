// Incremental sync: list what changed since the last run, map it, and move the checkpoint
// only after everything was written.
//   OKTA_BASE_URL=https://acme.okta.com OKTA_API_TOKEN=… node examples/sync-org.ts state.json
import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { DeviceMappingError, toOcsfDeviceInventory } from "okta-device-ocsf";
import {
  advanceCheckpoint,
  CheckpointTimeError,
  createOktaDeviceClient,
  type DeviceCheckpoint,
  type OktaDeviceClientOptions,
} from "okta-device-ocsf/client";

export interface SyncResult {
  devices: number;
  events: number;
  failed: number;
  checkpoint: DeviceCheckpoint | undefined;
}

export async function syncOrg(
  options: OktaDeviceClientOptions,
  checkpointFile: string,
  write: (event: unknown) => Promise<void>,
): Promise<SyncResult> {
  const previous: DeviceCheckpoint | undefined = existsSync(checkpointFile)
    ? (JSON.parse(await readFile(checkpointFile, "utf8")) as DeviceCheckpoint)
    : undefined;
  // The server's clock of the current page: no device time beyond it moves the checkpoint.
  let serverTime: number | undefined;
  const client = createOktaDeviceClient({
    ...options,
    hooks: {
      ...options.hooks,
      onPage: [
        ...(options.hooks?.onPage ?? []),
        (page) => {
          serverTime = page.serverTime;
        },
      ],
    },
  });
  const result: SyncResult = { devices: 0, events: 0, failed: 0, checkpoint: previous };
  for await (const device of client.listDevices({ updatedSince: previous, expand: "user" })) {
    result.devices++;
    try {
      await write(toOcsfDeviceInventory(device, { profile: "ocsf" }));
      result.events++;
    } catch (error) {
      if (!(error instanceof DeviceMappingError)) throw error;
      result.failed++;
      console.error(error.message);
    }
    try {
      result.checkpoint = advanceCheckpoint(result.checkpoint, device, { now: serverTime });
    } catch (error) {
      // A missing, malformed or future lastUpdated: reported; the checkpoint stays put.
      if (!(error instanceof CheckpointTimeError)) throw error;
      console.error(error.message);
    }
  }
  // Reached only when the listing completed: a failed run keeps the old checkpoint.
  if (result.checkpoint !== undefined && result.checkpoint !== previous) {
    await writeFile(`${checkpointFile}.tmp`, JSON.stringify(result.checkpoint));
    await rename(`${checkpointFile}.tmp`, checkpointFile);
  }
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const baseUrl = process.env.OKTA_BASE_URL;
  const apiToken = process.env.OKTA_API_TOKEN;
  const checkpointFile = process.argv[2] ?? "okta-devices.checkpoint.json";
  if (baseUrl === undefined || apiToken === undefined) {
    console.error("set OKTA_BASE_URL and OKTA_API_TOKEN");
    process.exit(64);
  }
  const result = await syncOrg({ baseUrl, auth: { apiToken } }, checkpointFile, async (event) => {
    process.stdout.write(`${JSON.stringify(event)}\n`);
  });
  console.error(`${result.devices} devices, ${result.events} events, ${result.failed} failed`);
}
