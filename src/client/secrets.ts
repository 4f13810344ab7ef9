// Keeping secrets out of everything an error carries.
//
// Errors are made in many places (transport, pagination, OAuth, Okta's own error bodies), so
// redaction happens once, where every error is built (the OktaClientError constructor):
// each text it keeps goes through `redactSecrets`, and its cause is reduced to name, message
// and code. The secrets are those the clients of this process hold (tokens, access tokens,
// private key material), registered when a client gets them; JWTs (client assertions, DPoP
// proofs, access tokens) are recognised by their shape, since a new one is signed per request.
// A server may echo any of them encoded (percent-encoding, base64, base64url, or base64 in a
// URL): each run of text that decodes to a secret or a JWT is redacted whole.

import { encodedReadings } from "./encoded-text.js";

const REDACTED = "[REDACTED]";
// Shorter values would match ordinary words; real tokens and keys are far longer.
const MIN_SECRET_LENGTH = 8;
// Enough for every client a process plausibly creates; the oldest go first.
const MAX_SECRETS = 4096 * 21; // each with its encoded forms (encodedForms)
const secrets = new Set<string>();

/** Registers a value that must never appear in an error (a token, a key). */
export function registerSecret(value: unknown): void {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) return;
  if (secrets.has(value)) return;
  for (const form of [value, ...encodedForms(value)]) {
    if (form.length < MIN_SECRET_LENGTH || secrets.has(form)) continue;
    if (secrets.size >= MAX_SECRETS) {
      const oldest = secrets.values().next();
      if (oldest.done !== true) secrets.delete(oldest.value);
    }
    secrets.add(form);
  }
}

// A server may echo a secret percent-encoded (a URL, a form body), in base64 (a Basic
// header, a log blob) or both (base64 in a URL): those forms are secrets too, found
// wherever they are in a text (the decoding pass of redactSecrets reads a blob from where a
// run of text starts, which text just before it may blur). Base64 of a secret inside longer
// text depends on the secret's offset modulo 3, so each of the three alignments is kept,
// without the edge characters that also encode the neighbouring bytes.
function percentForms(value: string): string[] {
  const forms: string[] = [];
  try {
    // encodeURIComponent, and form encoding (URLSearchParams), which also escapes !'()~.
    for (const encoded of [
      encodeURIComponent(value),
      new URLSearchParams({ v: value }).toString().slice(2),
    ]) {
      if (encoded === value) continue;
      forms.push(
        encoded,
        encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
      );
    }
  } catch {
    // A lone surrogate has no percent-encoding.
  }
  return forms;
}

function encodedForms(value: string): string[] {
  const forms = percentForms(value);
  const bytes = new TextEncoder().encode(value);
  for (let offset = 0; offset < 3; offset++) {
    let binary = "\0".repeat(offset);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const core = btoa(binary).slice(
      Math.ceil((8 * offset) / 6),
      Math.floor((8 * (offset + bytes.length)) / 6),
    );
    forms.push(core, core.replaceAll("+", "-").replaceAll("/", "_"), ...percentForms(core));
  }
  return forms;
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

// The characters a token, a JWT or a base64 key line is made of.
function isTokenChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x2d || // -
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x7e || // ~
    code === 0x2b || // +
    code === 0x2f || // /
    code === 0x3d // =
  );
}

// Searches within the run only: `indexOf` on the whole text would scan past the run's end
// for every run without "eyJ", quadratic on text of many short words ("a a a …").
function looksLikeJwt(text: string, start: number, end: number): boolean {
  const run = text.slice(start, end);
  const at = run.indexOf("eyJ");
  if (at === -1) return false;
  const first = run.indexOf(".", at);
  return first !== -1 && run.indexOf(".", first + 1) !== -1;
}

const SCHEMES = new Set(["ssws", "bearer", "dpop"]);

/**
 * `text` with every registered secret, every JWT and every credential after an
 * `SSWS`/`Bearer`/`DPoP` scheme replaced by `[REDACTED]`, as they are or encoded
 * (percent-encoding, base64, base64url, base64 percent-encoded): a run of text whose
 * decoding holds one is replaced whole. Linear in the text's length.
 */
export function redactSecrets(text: string): string {
  // Both passes read the original text and their findings are merged: a registered secret
  // that happens to occur inside an encoded JWT must not cut that JWT's encoding in two
  // pieces that neither pass then recognises.
  const ranges: Range[] = [];
  plainRanges(text, ranges);
  encodedRanges(text, ranges);
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let copied = 0;
  let index = 0;
  while (index < ranges.length) {
    const [start] = ranges[index] as Range;
    let end = (ranges[index] as Range)[1];
    // Overlapping or touching ranges are one secret to the reader.
    while (++index < ranges.length && (ranges[index] as Range)[0] <= end) {
      end = Math.max(end, (ranges[index] as Range)[1]);
    }
    pieces.push(text.slice(copied, start), REDACTED);
    copied = end;
  }
  pieces.push(text.slice(copied));
  return pieces.join("");
}

/** A part of a text to redact: start and end offsets. */
type Range = [number, number];

// The characters of an encoded credential: token characters, percent escapes and what
// percent-encoders leave as it is (`!*'()`, kept by encodeURIComponent), so that a
// percent-encoded secret is one run.
function isEncodedChar(code: number): boolean {
  return (
    isTokenChar(code) ||
    code === 0x25 || // %
    code === 0x21 || // !
    code === 0x2a || // *
    code === 0x27 || // '
    code === 0x28 || // (
    code === 0x29 // )
  );
}

// Each run of encoded characters, cut after `=` padding that is followed by more (so that
// `key=<base64>` reads the blob, and `<base64>==<base64>` each blob), is redacted whole when
// one of its decodings holds a secret.
function encodedRanges(text: string, ranges: Range[]): void {
  let index = 0;
  while (index < text.length) {
    if (!isEncodedChar(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const start = index;
    while (index < text.length && isEncodedChar(text.charCodeAt(index))) {
      const padding = text.charCodeAt(index) === 0x3d; // =
      index++;
      if (padding && index < text.length && text.charCodeAt(index) !== 0x3d) break;
    }
    if (index - start < MIN_SECRET_LENGTH || isReplaced(text, start, index)) continue;
    const segment = text.slice(start, index);
    if (encodedReadings(segment).some(holdsSecret)) ranges.push([start, index]);
  }
}

function holdsSecret(text: string): boolean {
  const ranges: Range[] = [];
  plainRanges(text, ranges);
  return ranges.length > 0;
}

// A secret already replaced (the run "REDACTED" of "[REDACTED]", in a text redacted before)
// stays as it is; only that exact run: "REDACTED" before a blob must not hide the blob.
function isReplaced(text: string, start: number, end: number): boolean {
  return end - start === 8 && text.startsWith("REDACTED", start) && text[start - 1] === "[";
}

// Registered secrets (and their stored encoded forms), JWTs and scheme credentials as they
// appear in `text`: every occurrence of each secret, then one pass over the runs of token
// characters.
function plainRanges(text: string, ranges: Range[]): void {
  for (const secret of secrets) {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
      ranges.push([at, at + secret.length]);
    }
  }
  let afterScheme = false;
  let index = 0;
  while (index < text.length) {
    if (!isTokenChar(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const start = index;
    while (index < text.length && isTokenChar(text.charCodeAt(index))) index++;
    if (!isReplaced(text, start, index) && (afterScheme || looksLikeJwt(text, start, index))) {
      ranges.push([start, index]);
    }
    // The run after "SSWS ", "Bearer " or "DPoP " is a credential, known or not.
    afterScheme =
      index - start <= 6 &&
      SCHEMES.has(text.slice(start, index).toLowerCase()) &&
      (text[index] === " " || text[index] === "\t");
  }
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
