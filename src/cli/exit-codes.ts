import type { OktaFailureReason } from "../client/errors.js";

/** Exit code of a command-line mistake (EX_USAGE). */
export const EXIT_USAGE = 64;
/** Exit code when some records could not be mapped (the others were written). */
export const EXIT_RECORDS_FAILED = 1;
/** Exit code when the input as a whole is unreadable: not UTF-8, not JSON, an array cut short (EX_DATAERR). */
export const EXIT_DATA_ERROR = 65;
/**
 * Exit code of a fault in this program itself (EX_SOFTWARE): an error no other code covers.
 * Not 1, which scripts read as "some records could not be mapped, the others were written".
 */
export const EXIT_SOFTWARE = 70;
/** Exit code of an I/O error on this machine: a file that cannot be read or written, a full disk (EX_IOERR). */
export const EXIT_IO_ERROR = 74;
/** Exit code after SIGINT (Ctrl-C): 128 + 2, as shells report it. */
export const EXIT_SIGINT = 130;
/** Exit code after SIGTERM: 128 + 15. */
export const EXIT_SIGTERM = 143;

/** One exit code per failure reason, so scripts can tell a bad token from a network outage. */
export const EXIT_CODES: Readonly<Record<OktaFailureReason, number>> = {
  invalid_base_url: 10,
  invalid_token: 11,
  forbidden: 12,
  not_found: 13,
  rate_limited: 14,
  network: 15,
  server_error: 16,
  unexpected_response: 17,
  invalid_client: 18,
  invalid_scope: 19,
  dpop_error: 20,
  bad_request: 21,
  invalid_options: EXIT_USAGE,
};

/** What to do about each failure, for people. */
export const ADVICE: Readonly<Record<OktaFailureReason, string>> = {
  invalid_base_url: "Use your org's URL, e.g. https://acme.okta.com (not the -admin console URL).",
  invalid_token:
    "Create a new API token (Security > API > Tokens) or check that it belongs to this org.",
  forbidden:
    "The token's admin cannot read devices: assign a role that can (e.g. Read-only Administrator).",
  not_found: "Check the URL; the devices API needs an Okta Identity Engine org.",
  rate_limited: "Okta's rate limit is exhausted; wait a minute or lower other integrations' use.",
  network: "Check DNS, the proxy and TLS between this machine and Okta.",
  server_error: "Okta had a server error; try again later (status.okta.com).",
  unexpected_response:
    "The URL answered, but not like Okta's API: check that it is the org URL, not a sign-in page.",
  invalid_client:
    "Check the client id and that the private key matches the public key registered in Okta.",
  invalid_scope: "Grant okta.devices.read to the app (Okta API Scopes tab).",
  dpop_error: "Check the app's DPoP setting.",
  bad_request: "Check the search expression.",
  invalid_options: "Check the command's options (--help).",
};

// The reasons' line is built from EXIT_CODES, so the table cannot drift from the codes.
function reasonLines(): string {
  const entries = Object.entries(EXIT_CODES)
    .filter(([, code]) => code !== EXIT_USAGE)
    .sort(([, a], [, b]) => a - b)
    .map(([reason, code]) => `${code} ${reason}`);
  const lines: string[] = [];
  let line = "";
  for (const entry of entries) {
    const next = line === "" ? entry : `${line}, ${entry}`;
    if (next.length > 70 && line !== "") {
      lines.push(`${line},`);
      line = entry;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines.map((text) => `          ${text}`).join("\n");
}

/** The exit-code table every command's `--help` ends with, identical in each. */
export const EXIT_CODE_HELP = `Exit codes (the same for every command):
  0       done
  ${EXIT_RECORDS_FAILED}       some records could not be mapped (each is reported; the others were written)
  10-21   Okta could not be read, by reason (okta-device-ocsf test says what to do):
${reasonLines()}
  ${EXIT_USAGE}      usage: a wrong option or argument
  ${EXIT_DATA_ERROR}      the input as a whole is unreadable (not UTF-8, not JSON, an array cut short)
  ${EXIT_SOFTWARE}      an unexpected internal error (a bug: please report it with the message)
  ${EXIT_IO_ERROR}      an I/O error on this machine (a file that cannot be read or written, a full
          disk); the message names the path and the error code
  ${EXIT_SIGINT}     interrupted (SIGINT, Ctrl-C); ${EXIT_SIGTERM} terminated (SIGTERM)`;

// Own-property checks: a reason is a string that may, through a bug or a server's answer, be
// a name Object.prototype carries ("constructor"), and the tables must not answer with that.

/** The exit code of a failure reason; an unknown reason gets the exit code of `unexpected_response`. */
export function exitCodeFor(reason: string): number {
  return Object.hasOwn(EXIT_CODES, reason)
    ? EXIT_CODES[reason as OktaFailureReason]
    : EXIT_CODES.unexpected_response;
}

/** The advice for a failure reason; an unknown reason gets that of `unexpected_response`. */
export function adviceFor(reason: string): string {
  return Object.hasOwn(ADVICE, reason)
    ? ADVICE[reason as OktaFailureReason]
    : ADVICE.unexpected_response;
}
