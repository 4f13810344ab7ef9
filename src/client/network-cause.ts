// Naming a network failure. `fetch` reports every failure as "fetch failed"; the system
// error (a refused connection, an unknown host, a certificate problem) is in its cause chain.

/** What a network failure comes down to: the system code and its own message. */
export interface NetworkCause {
  /** `ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`, … or `undefined` when none is given. */
  code: string | undefined;
  /** What to tell the user: the deepest message, with advice for known codes. */
  description: string;
}

const ADVICE: ReadonlyMap<string, string> = new Map([
  ["ECONNREFUSED", "nothing accepts connections there: check baseUrl and the port"],
  ["ENOTFOUND", "the host name does not resolve: check baseUrl for a typo"],
  ["EAI_AGAIN", "DNS did not answer: check the network or proxy"],
  ["ETIMEDOUT", "the connection timed out: check the network, proxy or firewall"],
  ["UND_ERR_CONNECT_TIMEOUT", "the connection timed out: check the network, proxy or firewall"],
  ["ECONNRESET", "the connection was reset"],
  ["CERT_HAS_EXPIRED", "the server's TLS certificate has expired"],
  [
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "the server's TLS certificate is self-signed (a proxy inspecting TLS? give Node its CA with NODE_EXTRA_CA_CERTS)",
  ],
  [
    "SELF_SIGNED_CERT_IN_CHAIN",
    "the TLS certificate chain ends in an untrusted root (a proxy inspecting TLS? give Node its CA with NODE_EXTRA_CA_CERTS)",
  ],
  [
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "the server's TLS certificate cannot be verified (a missing intermediate or an untrusted CA)",
  ],
  [
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "the TLS certificate's issuer is not trusted here (a proxy inspecting TLS? give Node its CA with NODE_EXTRA_CA_CERTS)",
  ],
  ["ERR_TLS_CERT_ALTNAME_INVALID", "the server's TLS certificate is for another host name"],
]);

/**
 * Walks an error's cause chain (a few levels, into an AggregateError's first error) for its
 * system code and deepest message.
 */
export function networkCause(error: unknown): NetworkCause {
  let code: string | undefined;
  let message: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const record = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof record.code === "string" && record.code !== "") code = record.code;
    if (typeof record.message === "string" && record.message !== "") message = record.message;
    // An AggregateError (every address of a host refused) holds the system errors in
    // `errors`, not in `cause`: the first says what happened.
    current =
      record.cause === undefined && Array.isArray(record.errors) ? record.errors[0] : record.cause;
  }
  if (message === undefined) message = typeof error === "string" ? error : "unknown error";
  const advice = code === undefined ? undefined : ADVICE.get(code);
  const named = code === undefined || message.includes(code) ? message : `${code}: ${message}`;
  return { code, description: advice === undefined ? named : `${named}; ${advice}` };
}
