import { OktaClientError } from "../client/errors.js";
import type { DeviceSyncSummary } from "../client/sync.js";
import { toOcsfDeviceDeletion } from "../mapping/deletion.js";
import { DeviceMappingError } from "../mapping/errors.js";
import { mappingRevision } from "../mapping/revision.js";
import { type MapOptions, toOcsfDeviceInventory } from "../mapping/to-ocsf.js";
import { parseCommand, UsageError } from "./args.js";
import { CREDENTIAL_HELP, requireBaseUrl } from "./credentials.js";
import { parseDuration } from "./duration.js";
import { EVENT_OUTPUT_HELP, EVENT_OUTPUT_OPTIONS, readEventOutput } from "./event-output.js";
import { EXIT_CODE_HELP, EXIT_RECORDS_FAILED, exitCodeFor } from "./exit-codes.js";
import { exitCodeOfSignal, onInterrupt } from "./interrupt.js";
import { OCSF_VERSION_HELP } from "./ocsf-version.js";
import { describeClientFailure, LISTING_OPTIONS, openOrgClient, readExpand } from "./org-client.js";
import { readStateFile, writeStateFile } from "./state-file.js";
import { forgetLastUpdated, rewriteNotice } from "./sync-revision.js";

export const SYNC_HELP = `Usage: okta-device-ocsf sync --base-url URL --state FILE [options]

Keeps an inventory in sync, deletions included. Writes one OCSF event per line (NDJSON)
for each new or changed device, then one deletion event (OCSF Entity Management, activity
Delete) for each device a complete full listing no longer holds, then saves the new state
to FILE, atomically, only after the output is flushed. A run that fails or is interrupted
(SIGINT, SIGTERM: the lines written so far are complete) writes no deletion and leaves FILE
as it was: the next run starts from the same point. FILE records the mapping revision of
the events written: a run with another --profile or --ocsf-version (or a release that maps
differently) is a full run that writes every device.

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
${OCSF_VERSION_HELP}
  --out FILE              write to FILE (replaced) instead of stdout
${EVENT_OUTPUT_HELP}
  --allow-insecure-http   allow http:// for a loopback test server
  -h, --help              this help

${CREDENTIAL_HELP}

A one-line summary goes to stderr.

${EXIT_CODE_HELP}`;

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
      out: { type: "string" },
      ...EVENT_OUTPUT_OPTIONS,
      ...LISTING_OPTIONS,
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
  const expand = readExpand(values.expand);
  const output = readEventOutput(values);
  const { profile, ocsfVersion } = output;
  const state = readStateFile(statePath);
  const opened = await openOrgClient("sync", baseUrl, values, {
    onPage: (page) => {
      progress.devices += page.devices.length;
    },
  });
  if (!opened.ok) return opened.exitCode;
  const { client, progress } = opened;

  const mapOptions: MapOptions = { profile, ocsfVersion };
  // Events of another profile, OCSF version or mapping release than the state's: write
  // every device again (a full run, which still finds deletions), not only the changes.
  const revision = mappingRevision(mapOptions);
  const rewrite = rewriteNotice(state, revision);
  if (rewrite !== undefined) process.stderr.write(`sync: ${rewrite}\n`);
  // Ctrl-C or SIGTERM: stop listing, write out the complete lines, say so, save no state.
  const stop = new AbortController();
  const interrupt = onInterrupt(() => stop.abort(new Error("interrupted")));
  const sink = await output.open();
  let closed = { summary: "", rejected: 0 };
  let failed = 0;
  let written = 0;
  let summary: DeviceSyncSummary | undefined;
  let failure: unknown;
  try {
    const from = rewrite === undefined || state === undefined ? state : forgetLastUpdated(state);
    for await (const item of client.syncDevices(from, {
      mode: values.full === true || rewrite !== undefined ? "full" : "auto",
      fullEveryMs,
      search: values.search,
      expand,
      signal: stop.signal,
    })) {
      if (interrupt.signal !== undefined) break;
      if (item.type === "state") {
        // Only now, with every event flushed, may the state move past them.
        closed = await sink.close();
        failed += closed.rejected;
        writeStateFile(statePath, { ...item.state, mappingRevision: revision });
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
    failure = error;
  }
  interrupt.dispose();
  // A signal after the state was saved changes nothing: the run is complete.
  if (interrupt.signal !== undefined && summary === undefined) {
    // Every write is whole lines: flushing them leaves no half event in the output.
    await sink.close();
    process.stderr.write(
      `sync: interrupted (${interrupt.signal}) after ${progress.devices} devices (${progress.pages} pages), ${written} event(s) written; ` +
        "state not saved: rerun to sync again\n",
    );
    return exitCodeOfSignal(interrupt.signal);
  }
  if (failure !== undefined) {
    // Parquet: the rows not yet in a file are dropped (no partial file); the state stays.
    await sink.abort();
    if (!(failure instanceof OktaClientError)) throw failure;
    process.stderr.write(
      `sync failed after ${progress.devices} devices ${describeClientFailure(failure)}` +
        "No deletion was written and the state was not moved: a rerun starts from the same point.\n",
    );
    return exitCodeFor(failure.reason);
  }
  if (summary === undefined) throw new Error("sync ended without a state");
  for (const notice of summary.notices) process.stderr.write(`sync: ${notice}\n`);
  process.stderr.write(
    `${describe(summary)}; ${written} event(s) written, ${failed} not mapped; state saved to ${statePath}${closed.summary === "" ? "" : `; ${closed.summary}`}\n`,
  );
  return failed > 0 ? EXIT_RECORDS_FAILED : 0;
}
