// Keeping secrets out of everything an error carries.
//
// Errors are made in many places (transport, pagination, OAuth, Okta's own error bodies), so
// redaction happens once, where every error is built (the OktaClientError constructor):
// each text it keeps goes through `redactSecrets`, and its cause is reduced to name, message
// and code. The secrets are those the clients of this process hold (tokens, access tokens,
// private key material), registered when a client gets them; JWTs (client assertions, DPoP
// proofs, access tokens) are recognised by their shape, since a new one is signed per request.

const REDACTED = "[REDACTED]";
// Shorter values would match ordinary words; real tokens and keys are far longer.
const MIN_SECRET_LENGTH = 8;
// Enough for every client a process plausibly creates; the oldest go first.
const MAX_SECRETS = 4096;
const secrets = new Set<string>();

/** Registers a value that must never appear in an error (a token, a key). */
export function registerSecret(value: unknown): void {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) return;
  if (secrets.has(value)) return;
  if (secrets.size >= MAX_SECRETS) {
    const oldest = secrets.values().next();
    if (oldest.done !== true) secrets.delete(oldest.value);
  }
  secrets.add(value);
}

/** Registers the secret parts of a private key: a PEM (and each of its lines) or a JWK. */
export function registerKeyMaterial(key: unknown): void {
  if (typeof key === "string") {
    registerSecret(key);
    for (const line of key.split(/\r?\n/)) {
      if (!line.startsWith("-----")) registerSecret(line.trim());
    }
    return;
  }
  if (key === null || typeof key !== "object") return;
  for (const member of ["d", "p", "q", "dp", "dq", "qi", "k"]) {
    if (Object.hasOwn(key, member)) registerSecret((key as Record<string, unknown>)[member]);
  }
}

// Runs of characters a token, a JWT or a base64 key line is made of. One character class,
// so matching is linear: every run is consumed once.
const TOKEN_RUN = /[A-Za-z0-9_\-.~+/=]+/g;

function looksLikeJwt(run: string): boolean {
  const start = run.indexOf("eyJ");
  if (start === -1) return false;
  const first = run.indexOf(".", start);
  return first !== -1 && run.indexOf(".", first + 1) !== -1;
}

/**
 * `text` with every registered secret, every JWT and every credential after an
 * `SSWS`/`Bearer`/`DPoP` scheme replaced by `[REDACTED]`. Linear in the text's length.
 */
export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  let afterScheme = false;
  return result.replace(TOKEN_RUN, (run, offset: number, whole: string) => {
    const redact = afterScheme || looksLikeJwt(run);
    // The run after "SSWS ", "Bearer " or "DPoP " is a credential, known or not.
    afterScheme =
      /^(?:ssws|bearer|dpop)$/i.test(run) && /\s/.test(whole[offset + run.length] ?? "");
    return redact ? REDACTED : run;
  });
}

/**
 * Reduces a cause (and its own causes, a few levels deep) to name, message and `code`, all
 * redacted, as an `Error` so that it still prints well. ky's errors carry the `Request`
 * (with the DPoP proof and the client assertion): only this much of them is kept.
 */
export function safeCause(cause: unknown, depth = 0): Error | undefined {
  if (cause === undefined || cause === null || depth > 3) return undefined;
  const source = typeof cause === "object" ? (cause as Record<string, unknown>) : {};
  const message =
    cause instanceof Error
      ? cause.message
      : typeof source.message === "string"
        ? source.message
        : String(cause);
  const safe = new Error(redactSecrets(message));
  safe.name = typeof source.name === "string" ? redactSecrets(source.name) : "Error";
  const code = source.code;
  if (typeof code === "string" || typeof code === "number") {
    Object.defineProperty(safe, "code", { value: redactSecrets(String(code)), enumerable: true });
  }
  const inner = safeCause(source.cause, depth + 1);
  if (inner !== undefined) safe.cause = inner;
  // The stack would name this module, not the failure: the message says what failed.
  safe.stack = `${safe.name}: ${safe.message}`;
  return safe;
}
