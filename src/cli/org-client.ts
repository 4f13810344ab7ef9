// What `fetch` and `sync` share to reach an org: their listing options, `--expand`, the
// client with the proxy transport and progress counters, and how a client failure is told.
import { createOktaDeviceClient, type OktaDeviceClient } from "../client/create-client.js";
import { OktaClientError } from "../client/errors.js";
import type { DevicePage } from "../client/pagination.js";
import { UsageError } from "./args.js";
import { CONNECTION_OPTIONS, readCredentials } from "./credentials.js";
import { adviceFor, exitCodeFor } from "./exit-codes.js";
import { OCSF_VERSION_OPTION } from "./ocsf-version.js";
import { inCliTerms, transportOptions } from "./proxy.js";

/** The options of a command that lists an org's devices and writes events (`--out` aside). */
export const LISTING_OPTIONS = {
  expand: { type: "string" },
  profile: { type: "string" },
  ...OCSF_VERSION_OPTION,
  ...CONNECTION_OPTIONS,
} as const;

/** Reads `--expand`: `user` (the default) or `userSummary`. */
export function readExpand(value: string | undefined): "user" | "userSummary" {
  const expand = value ?? "user";
  // The value is not echoed: it may be a secret typed after the wrong option.
  if (expand !== "user" && expand !== "userSummary") {
    throw new UsageError("--expand must be user or userSummary");
  }
  return expand;
}

/** What a listing has done so far, counted by the client's hooks. */
export interface ListingProgress {
  pages: number;
  devices: number;
  waits: number;
  retries: number;
}

/** The connection options' values, as `parseCommand` returns them with {@link LISTING_OPTIONS}. */
type ConnectionValues = Parameters<typeof readCredentials>[0] & {
  "allow-insecure-http"?: boolean | undefined;
};

/** A client ready to list, or the exit code of a refusal already reported on stderr. */
export type OpenedClient =
  | { ok: true; client: OktaDeviceClient; progress: ListingProgress }
  | { ok: false; exitCode: number };

/**
 * Reads the credentials and creates the client for `baseUrl` (checked by `requireBaseUrl`),
 * through the environment's proxy, counting pages, rate-limit waits and retries into
 * `progress` and calling `onChange` after each; `onPage` sees each page (its `serverTime`).
 */
export async function openOrgClient(
  command: string,
  baseUrl: string,
  values: ConnectionValues,
  hooks: { onChange?: () => void; onPage?: (page: DevicePage) => void } = {},
): Promise<OpenedClient> {
  const auth = await readCredentials(values);
  const progress: ListingProgress = { pages: 0, devices: 0, waits: 0, retries: 0 };
  const changed = () => hooks.onChange?.();
  const transport = await transportOptions();
  try {
    const client = createOktaDeviceClient({
      baseUrl,
      auth,
      allowInsecureHttp: values["allow-insecure-http"] === true,
      ...transport,
      hooks: {
        onPage: [
          (page) => {
            hooks.onPage?.(page);
            progress.pages++;
            changed();
          },
        ],
        onRateLimitWait: [
          () => {
            progress.waits++;
            changed();
          },
        ],
        onRetry: [
          () => {
            progress.retries++;
            changed();
          },
        ],
      },
    });
    return { ok: true, client, progress };
  } catch (error) {
    if (!(error instanceof OktaClientError)) throw error;
    process.stderr.write(`${command}: ${inCliTerms(error.message)}\n`);
    return { ok: false, exitCode: exitCodeFor(error.reason) };
  }
}

/** `(reason): message\nadvice\n` for a failure met while listing, in the command line's terms. */
export function describeClientFailure(error: OktaClientError): string {
  return `(${error.reason}): ${inCliTerms(error.message)}\n${adviceFor(error.reason)}\n`;
}
