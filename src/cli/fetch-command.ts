import { advanceCheckpoint, CheckpointTimeError } from "../client/checkpoint.js";
import { OktaClientError } from "../client/errors.js";
import { mapOktaDevices } from "../mapping/map-devices.js";
import { mappingRevision } from "../mapping/revision.js";
import type { OktaDevice } from "../okta/device.js";
import { parseCommand, UsageError } from "./args.js";
import { readCheckpoint, readSince, writeCheckpoint } from "./checkpoint-file.js";
import { CREDENTIAL_HELP, requireBaseUrl } from "./credentials.js";
import { EVENT_OUTPUT_HELP, EVENT_OUTPUT_OPTIONS, readEventOutput } from "./event-output.js";
import { EXIT_CODE_HELP, EXIT_RECORDS_FAILED, exitCodeFor } from "./exit-codes.js";
import { exitCodeOfSignal, onInterrupt } from "./interrupt.js";
import { OCSF_VERSION_HELP } from "./ocsf-version.js";
import { describeClientFailure, LISTING_OPTIONS, openOrgClient, readExpand } from "./org-client.js";
import { progressLine } from "./progress.js";

export const FETCH_HELP = `Usage: okta-device-ocsf fetch --base-url URL [options]

Lists the org's devices with the client and writes one OCSF event per line (NDJSON), or
Parquet files for Amazon Security Lake with --format parquet.

Options:
  --base-url URL          the org, e.g. https://acme.okta.com (required)
  --since ISO             only devices updated at or after this time
  --checkpoint FILE       incremental sync: read the last checkpoint from FILE (if it
                          exists), and write the new one there, atomically, only after the
                          output is flushed: a rerun fetches only what changed, and an
                          interrupted run loses nothing (it is fetched again). A
                          checkpoint written with another --profile or --ocsf-version
                          is refused (delete it to fetch everything again)
  --expand user|userSummary  embed users (managed status, owner); default user
  --profile sekoia|ocsf   output profile (default sekoia)
${OCSF_VERSION_HELP}
  --out FILE              write to FILE (replaced) instead of stdout
${EVENT_OUTPUT_HELP}
  --allow-insecure-http   allow http:// for a loopback test server
  -h, --help              this help

${CREDENTIAL_HELP}

Progress (devices, pages, rate-limit waits) goes to stderr when it is a terminal, a
one-line summary otherwise.

${EXIT_CODE_HELP}`;

/** `okta-device-ocsf fetch`. */
export async function runFetch(args: string[]): Promise<number> {
  const { values } = parseCommand(
    "fetch",
    args,
    {
      since: { type: "string" },
      checkpoint: { type: "string" },
      out: { type: "string" },
      ...EVENT_OUTPUT_OPTIONS,
      ...LISTING_OPTIONS,
    },
    false,
  );
  if (values.help === true) {
    process.stdout.write(`${FETCH_HELP}\n`);
    return 0;
  }
  const baseUrl = requireBaseUrl("fetch", values["base-url"]);
  if (values.since !== undefined && values.checkpoint !== undefined) {
    throw new UsageError("use either --since or --checkpoint, not both");
  }
  const since = values.since === undefined ? undefined : readSince(values.since);
  const expand = readExpand(values.expand);
  const output = readEventOutput(values);
  const { profile, ocsfVersion } = output;
  const checkpointPath = values.checkpoint;
  // The checkpoint records the mapping revision of the events before it (see readCheckpoint).
  const revision = mappingRevision({ profile, ocsfVersion });
  const previous =
    checkpointPath === undefined ? undefined : readCheckpoint(checkpointPath, Date.now(), revision);

  // No progress line when the events go to the same terminal: it would run into their lines.
  const interactive = progressLine({
    toStdout: output.format === "ndjson" && values.out === undefined,
  }).interactive;
  // The server's clock of the page being listed: no device time beyond it moves the checkpoint.
  let serverTime: number | undefined;
  const opened = await openOrgClient("fetch", baseUrl, values, {
    onPage: (page) => {
      serverTime = page.serverTime;
    },
    onChange: () => showProgress(),
  });
  if (!opened.ok) return opened.exitCode;
  const { client, progress } = opened;
  function showProgress(): void {
    if (interactive) {
      process.stderr.write(
        `\r${progress.devices} devices, ${progress.pages} pages, ${progress.waits} rate-limit waits, ${progress.retries} retries`,
      );
    }
  }

  let checkpoint = previous;
  let unusable = 0;
  // Ctrl-C or SIGTERM: stop listing, write out the complete lines, say so, move no checkpoint.
  const stop = new AbortController();
  const interrupt = onInterrupt(() => stop.abort(new Error("interrupted")));
  async function* listed(): AsyncGenerator<OktaDevice> {
    for await (const device of client.listDevices({
      updatedSince: previous ?? since,
      expand,
      signal: stop.signal,
    })) {
      if (interrupt.signal !== undefined) return;
      const index = progress.devices++;
      try {
        // The earlier of the server's clock and this machine's: a Date header up to a day
        // ahead is believed, but a checkpoint past this machine's clock is one the next run
        // refuses (readCheckpoint), so neither clock alone may let a device move it there.
        const now = Math.min(serverTime ?? Number.POSITIVE_INFINITY, Date.now());
        checkpoint = advanceCheckpoint(checkpoint, device, { now });
      } catch (error) {
        if (!(error instanceof CheckpointTimeError)) throw error;
        // Reported, and the checkpoint stays put: the device is fetched again next run.
        unusable++;
        process.stderr.write(`${interactive ? "\n" : ""}device ${index + 1}: ${error.message}\n`);
      }
      yield device;
    }
  }

  const started = Date.now();
  const sink = await output.open();
  let written = 0;
  let failed = 0;
  let failure: unknown;
  try {
    for await (const result of mapOktaDevices(listed(), { profile, ocsfVersion })) {
      let reason: string;
      if (result.ok) {
        const refused = sink.add(result.event);
        if (refused === undefined) {
          written++;
          await sink.flush();
          continue;
        }
        reason = refused;
      } else {
        reason = result.error.message;
      }
      failed++;
      const id = result.deviceId === undefined ? "no id" : `id ${result.deviceId}`;
      process.stderr.write(
        `${interactive ? "\n" : ""}device ${result.index + 1} (${id}) not mapped: ${reason}\n`,
      );
    }
  } catch (error) {
    failure = error;
  }
  interrupt.dispose();
  if (interrupt.signal !== undefined) {
    // Every write is whole lines: flushing them leaves no half event in the output.
    if (interactive) process.stderr.write("\n");
    await sink.close();
    process.stderr.write(
      `fetch: interrupted (${interrupt.signal}) after ${progress.devices} devices (${progress.pages} pages), ${written} event(s) written` +
        (checkpointPath === undefined
          ? "; the output is partial: rerun to fetch everything\n"
          : "; checkpoint not advanced: rerun to fetch again\n"),
    );
    return exitCodeOfSignal(interrupt.signal);
  }
  if (failure !== undefined) {
    // Parquet: the rows not yet in a file are dropped (no partial file); NDJSON: flushed.
    await sink.abort();
    if (interactive) process.stderr.write("\n");
    if (failure instanceof OktaClientError) {
      process.stderr.write(
        `fetch failed after ${progress.devices} devices ${describeClientFailure(failure)}` +
          (checkpointPath === undefined
            ? ""
            : `The checkpoint was not moved: a rerun fetches these devices again.\n`),
      );
      return exitCodeFor(failure.reason);
    }
    throw failure;
  }
  // Parquet: every file renamed into place (a failure throws: the checkpoint stays).
  const closed = await sink.close();
  failed += closed.rejected;
  // Only now, with every event flushed, may the checkpoint move past them.
  if (checkpointPath !== undefined && checkpoint !== undefined && checkpoint !== previous) {
    writeCheckpoint(checkpointPath, checkpoint, revision);
  }
  if (interactive) process.stderr.write("\n");
  process.stderr.write(
    `fetch: ${progress.devices} devices in ${progress.pages} page(s), ${written} event(s) written, ${failed} not mapped, ` +
      `${progress.waits} rate-limit wait(s), ${progress.retries} retries, ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (checkpointPath === undefined
        ? ""
        : `; checkpoint ${checkpoint?.lastUpdated ?? "unchanged"}`) +
      (unusable > 0 ? `; ${unusable} device(s) did not move the checkpoint (reported above)` : "") +
      (closed.summary === "" ? "" : `; ${closed.summary}`) +
      "\n",
  );
  return failed > 0 ? EXIT_RECORDS_FAILED : 0;
}
