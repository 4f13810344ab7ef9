// The registered secrets, found in a text in one pass whatever their number. A process may
// hold thousands (every client's token and key lines, an access token per refresh, each
// with its encoded forms); `indexOf` of each over a 4 MB hostile error body made redaction
// take time proportional to the text's length times their number (3.5 s with 100 tokens).

// Secrets are at least this long (secrets.ts): the last this many characters key each one.
const KEY_LENGTH = 8;
// Below this many, one `indexOf` per secret is faster than a look-up at every position.
const SCAN_ALL_BELOW = 64;

/** A set of secrets (each at least 8 characters) that finds all their occurrences in a text. */
export class SecretRegistry {
  private readonly all = new Set<string>();
  // Keyed by their last characters, which are the random end of a token, key or signature
  // (their first ones may be shared: access tokens of one org start with the same header).
  private readonly byEnd = new Map<string, string[]>();

  /** How many secrets are held. */
  get size(): number {
    return this.all.size;
  }

  /** Whether `secret` is held. */
  has(secret: string): boolean {
    return this.all.has(secret);
  }

  /** Adds a secret of at least 8 characters. */
  add(secret: string): void {
    if (this.all.has(secret)) return;
    this.all.add(secret);
    const key = secret.slice(-KEY_LENGTH);
    const list = this.byEnd.get(key);
    if (list === undefined) this.byEnd.set(key, [secret]);
    else list.push(secret);
  }

  /** Forgets the oldest secret. */
  deleteOldest(): void {
    const oldest = this.all.values().next();
    if (oldest.done === true) return;
    this.all.delete(oldest.value);
    const key = oldest.value.slice(-KEY_LENGTH);
    const list = this.byEnd.get(key) ?? [];
    list.splice(list.indexOf(oldest.value), 1);
    if (list.length === 0) this.byEnd.delete(key);
  }

  /** Pushes the start and end of every occurrence of every secret in `text`. */
  find(text: string, ranges: [number, number][]): void {
    if (this.all.size < SCAN_ALL_BELOW) {
      for (const secret of this.all) {
        for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
          ranges.push([at, at + secret.length]);
        }
      }
      return;
    }
    // One look-up per position, by the characters that would end a secret there.
    for (let end = KEY_LENGTH; end <= text.length; end++) {
      const list = this.byEnd.get(text.slice(end - KEY_LENGTH, end));
      if (list === undefined) continue;
      for (const secret of list) {
        const start = end - secret.length;
        if (start >= 0 && text.startsWith(secret, start)) ranges.push([start, end]);
      }
    }
  }
}
