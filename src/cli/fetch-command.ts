import { advanceCheckpoint, CheckpointTimeError } from "../client/checkpoint.js";
import { createOktaDeviceClient } from "../client/create-client.js";
import { OktaClientError } from "../client/errors.js";
import { mapOktaDevices } from "../mapping/map-devices.js";
import type { OktaDevice } from "../okta/device.js";
import { parseCommand, UsageError } from "./args.js";
import { readCheckpoint, readSince, writeCheckpoint } from "./checkpoint-file.js";
import {
  CONNECTION_OPTIONS,
  CREDENTIAL_HELP,
  readCredentials,
  requireBaseUrl,
} from "./credentials.js";
import {
  LAKE_OCSF_VERSION,
  OUTPUT_HELP,
  OUTPUT_OPTIONS,
  openEventOutput,
  readOutputChoice,
} from "./event-output.js";
import { adviceFor, EXIT_RECORDS_FAILED, exitCodeFor } from "./exit-codes.js";
import { readProfile } from "./map-command.js";

export const FETCH_HELP = `Usage: okta-device-ocsf fetch --base-url URL [options]

Lists the org's devices with the client and writes one OCSF event per line (NDJSON).

Options:
  --base-url URL          the org, e.g. https://acme.okta.com (required)
  --since ISO             only devices updated at or after this time
  --checkpoint FILE       incremental sync: read the last checkpoint from FILE (if it
                          exists), and write the new one there, atomically, only after the
                          output is flushed: a rerun fetches only what changed, and an
                          interrupted run loses nothing (it is fetched again)
  --expand user|userSummary  embed users (managed status, owner); default user
  --profile sekoia|ocsf   output profile (default sekoia)
  --out FILE              write to FILE (replaced) instead of stdout
${OUTPUT_HELP}
  --allow-insecure-http   allow http:// for a loopback test server
  -h, --help              this help

${CREDENTIAL_HELP}

Progress (devices, pages, rate-limit waits) goes to stderr when it is a terminal, a
one-line summary otherwise. Exit codes: 0 done, 1 some devices could not be mapped (they
are reported), 10-21 the failure reason (see okta-device-ocsf test --help), 64 usage.`;

/** `okta-device-ocsf fetch`. */
export async function runFetch(args: string[]): Promise<number> {
  const { values } = parseCommand(
    "fetch",
    args,
    {
      since: { type: "string" },
      checkpoint: { type: "string" },
      expand: { type: "string" },
      profile: { type: "string" },
      out: { type: "string" },
      ...OUTPUT_OPTIONS,
      ...CONNECTION_OPTIONS,
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
  const expandValue = values.expand ?? "user";
  if (expandValue !== "user" && expandValue !== "userSummary") {
    // The value is not echoed: it may be a secret typed after the wrong option.
    throw new UsageError("--expand must be user or userSummary");
  }
  const expand: "user" | "userSummary" = expandValue;
  const output = readOutputChoice(values);
  const profile = output.format === "parquet" ? "ocsf" : readProfile(values.profile);
  const mapOptions =
    output.format === "parquet" ? { profile, ocsfVersion: LAKE_OCSF_VERSION } : { profile };
  const checkpointPath = values.checkpoint;
  const previous = checkpointPath === undefined ? undefined : readCheckpoint(checkpointPath);
  const auth = await readCredentials(values);

  const interactive = process.stderr.isTTY === true;
  const progress = { pages: 0, devices: 0, waits: 0, retries: 0 };
  // The server's clock of the page being listed: no device time beyond it moves the checkpoint.
  let serverTime: number | undefined;
  const showProgress = () => {
    if (interactive) {
      process.stderr.write(
        `\r${progress.devices} devices, ${progress.pages} pages, ${progress.waits} rate-limit waits, ${progress.retries} retries`,
      );
    }
  };
  let client: ReturnType<typeof createOktaDeviceClient>;
  try {
    client = createOktaDeviceClient({
      baseUrl,
      auth,
      allowInsecureHttp: values["allow-insecure-http"] === true,
      hooks: {
        onPage: [
          (page) => {
            serverTime = page.serverTime;
            progress.pages++;
            showProgress();
          },
        ],
        onRateLimitWait: [
          () => {
            progress.waits++;
            showProgress();
          },
        ],
        onRetry: [
          () => {
            progress.retries++;
            showProgress();
          },
        ],
      },
    });
  } catch (error) {
    if (error instanceof OktaClientError) {
      process.stderr.write(`fetch: ${error.message}\n`);
      return exitCodeFor(error.reason);
    }
    throw error;
  }

  let checkpoint = previous;
  let unusable = 0;
  async function* listed(): AsyncGenerator<OktaDevice> {
    for await (const device of client.listDevices({ updatedSince: previous ?? since, expand })) {
      const index = progress.devices++;
      try {
        checkpoint = advanceCheckpoint(checkpoint, device, { now: serverTime });
      } catch (error) {
        if (!(error instanceof CheckpointTimeError)) throw error;
        // Reported, and the checkpoint stays put: the device is fetched again next run.
        unusable++;
        process.stderr.write(`${interactive ? "\n" : ""}device ${index}: ${error.message}\n`);
      }
      yield device;
    }
  }

  const started = Date.now();
  const sink = await openEventOutput(output);
  let written = 0;
  let failed = 0;
  let closed = { summary: "", rejected: 0 };
  try {
    for await (const result of mapOktaDevices(listed(), mapOptions)) {
      let reason: string;
      if (result.ok) {
        const notWritten = await sink.write(result.event);
        if (notWritten === undefined) {
          written++;
          continue;
        }
        reason = notWritten;
      } else {
        reason = result.error.message;
      }
      failed++;
      const id = result.deviceId === undefined ? "no id" : `id ${result.deviceId}`;
      process.stderr.write(
        `${interactive ? "\n" : ""}device ${result.index} (${id}) not mapped: ${reason}\n`,
      );
    }
    closed = await sink.close();
  } catch (error) {
    await sink.abort();
    if (interactive) process.stderr.write("\n");
    if (error instanceof OktaClientError) {
      process.stderr.write(
        `fetch failed after ${progress.devices} devices (${error.reason}): ${error.message}\n${adviceFor(error.reason)}\n` +
          (checkpointPath === undefined
            ? ""
            : `The checkpoint was not moved: a rerun fetches these devices again.\n`),
      );
      return exitCodeFor(error.reason);
    }
    throw error;
  }
  // Only now, with every event flushed, may the checkpoint move past them.
  if (checkpointPath !== undefined && checkpoint !== undefined && checkpoint !== previous) {
    writeCheckpoint(checkpointPath, checkpoint);
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
  return failed + closed.rejected > 0 ? EXIT_RECORDS_FAILED : 0;
}
