import { createOktaDeviceClient } from "../client/create-client.js";
import { OktaClientError } from "../client/errors.js";
import type { DeviceSyncSummary } from "../client/sync.js";
import { toOcsfDeviceDeletion } from "../mapping/deletion.js";
import { DeviceMappingError } from "../mapping/errors.js";
import { type MapOptions, toOcsfDeviceInventory } from "../mapping/to-ocsf.js";
import { parseCommand, UsageError } from "./args.js";
import {
  CONNECTION_OPTIONS,
  CREDENTIAL_HELP,
  readCredentials,
  requireBaseUrl,
} from "./credentials.js";
import { parseDuration } from "./duration.js";
import { EVENT_OUTPUT_HELP, EVENT_OUTPUT_OPTIONS, readEventOutput } from "./event-output.js";
import { ADVICE, EXIT_CODES, EXIT_RECORDS_FAILED } from "./exit-codes.js";
import { OCSF_VERSION_OPTION } from "./ocsf-version.js";
import { readStateFile, writeStateFile } from "./state-file.js";

export const SYNC_HELP = `Usage: okta-device-ocsf sync --base-url URL --state FILE [options]

Keeps an inventory in sync, deletions included. Writes one OCSF event per line (NDJSON)
for each new or changed device, then one deletion event (OCSF Entity Management, activity
Delete) for each device a complete full listing no longer holds, then saves the new state
to FILE, atomically, only after the output is flushed. A run that fails or is interrupted
writes no deletion and leaves FILE as it was: the next run starts from the same point.

Options:
  --base-url URL          the org, e.g. https://acme.okta.com (required)
  --state FILE            the sync state (created by the first run) (required)
  --full                  force a full run (a complete listing, which detects deletions)
  --full-every DURATION   a full run when the last one is older (e.g. 24h, 15m, 1d);
                          incremental runs otherwise. Default 24h
  --search EXPR           an Okta search filter, e.g. 'status eq "ACTIVE"'; stored in the
                          state: a new filter is never taken for deletions
  --expand user|userSummary  embed users (managed status, owner); default user
  --profile sekoia|ocsf   output profile (default sekoia)
  --ocsf-version V        with --profile ocsf: the OCSF version, 1.3.0 to 1.8.0 (default 1.6.0)
  --out FILE              write to FILE (replaced) instead of stdout
${EVENT_OUTPUT_HELP}
  --allow-insecure-http   allow http:// for a loopback test server
  -h, --help              this help

${CREDENTIAL_HELP}

A one-line summary goes to stderr. Exit codes: 0 done, 1 some devices could not be mapped
(they are reported), 10-21 the failure reason (see okta-device-ocsf test --help), 64 usage
or an unreadable state file.`;

function describe(summary: DeviceSyncSummary): string {
  return (
    `sync: ${summary.mode} run (${summary.reason}), ${summary.listed} listed, ${summary.new} new, ` +
    `${summary.updated} updated, ${summary.gone} deleted, ${summary.unchanged} unchanged`
  );
}

/** `okta-device-ocsf sync`. */
export async function runSync(args: string[]): Promise<number> {
  const { values } = parseCommand(
    "sync",
    args,
    {
      state: { type: "string" },
      full: { type: "boolean" },
      "full-every": { type: "string" },
      search: { type: "string" },
      expand: { type: "string" },
      profile: { type: "string" },
      ...OCSF_VERSION_OPTION,
      out: { type: "string" },
      ...EVENT_OUTPUT_OPTIONS,
      ...CONNECTION_OPTIONS,
    },
    false,
  );
  if (values.help === true) {
    process.stdout.write(`${SYNC_HELP}\n`);
    return 0;
  }
  const baseUrl = requireBaseUrl("sync", values["base-url"]);
  const statePath = values.state;
  if (statePath === undefined) {
    throw new UsageError("sync needs --state FILE. See: okta-device-ocsf sync --help");
  }
  if (values.full === true && values["full-every"] !== undefined) {
    throw new UsageError("use either --full or --full-every, not both");
  }
  const fullEveryMs =
    values["full-every"] === undefined
      ? undefined
      : parseDuration("--full-every", values["full-every"]);
  const expand = values.expand ?? "user";
  if (expand !== "user" && expand !== "userSummary") {
    // The value is not echoed: it may be a secret typed after the wrong option.
    throw new UsageError("--expand must be user or userSummary");
  }
  const output = readEventOutput(values);
  const { profile, ocsfVersion } = output;
  const state = readStateFile(statePath);
  const auth = await readCredentials(values);

  let client: ReturnType<typeof createOktaDeviceClient>;
  try {
    client = createOktaDeviceClient({
      baseUrl,
      auth,
      allowInsecureHttp: values["allow-insecure-http"] === true,
    });
  } catch (error) {
    if (error instanceof OktaClientError) {
      process.stderr.write(`sync: ${error.message}\n`);
      return EXIT_CODES[error.reason];
    }
    throw error;
  }

  const mapOptions: MapOptions = { profile, ocsfVersion };
  const sink = await output.open();
  let closed = { summary: "", rejected: 0 };
  let failed = 0;
  let written = 0;
  let summary: DeviceSyncSummary | undefined;
  try {
    for await (const item of client.syncDevices(state, {
      mode: values.full === true ? "full" : "auto",
      fullEveryMs,
      search: values.search,
      expand,
    })) {
      if (item.type === "state") {
        // Only now, with every event flushed, may the state move past them.
        closed = await sink.close();
        failed += closed.rejected;
        writeStateFile(statePath, item.state);
        summary = item.summary;
        continue;
      }
      try {
        const event =
          item.type === "device"
            ? toOcsfDeviceInventory(item.device, mapOptions)
            : toOcsfDeviceDeletion(item.gone, { profile, ocsfVersion });
        const refused = sink.add(event);
        if (refused !== undefined) {
          const id = item.type === "device" ? item.device.id : item.gone.id;
          throw new DeviceMappingError(typeof id === "string" ? id : undefined, "", refused);
        }
        const pending = sink.flush();
        if (pending !== undefined) await pending;
        written++;
      } catch (error) {
        if (!(error instanceof DeviceMappingError)) throw error;
        failed++;
        process.stderr.write(`sync: device not mapped: ${error.message}\n`);
      }
    }
  } catch (error) {
    // Parquet: the rows not yet in a file are dropped (no partial file); the state stays.
    await sink.abort();
    if (error instanceof OktaClientError) {
      process.stderr.write(
        `sync failed (${error.reason}): ${error.message}\n${ADVICE[error.reason]}\n` +
          "No deletion was written and the state was not moved: a rerun starts from the same point.\n",
      );
      return EXIT_CODES[error.reason];
    }
    throw error;
  }
  if (summary === undefined) throw new Error("sync ended without a state");
  for (const notice of summary.notices) process.stderr.write(`sync: ${notice}\n`);
  process.stderr.write(
    `${describe(summary)}; ${written} event(s) written, ${failed} not mapped; state saved to ${statePath}${closed.summary === "" ? "" : `; ${closed.summary}`}\n`,
  );
  return failed > 0 ? EXIT_RECORDS_FAILED : 0;
}
