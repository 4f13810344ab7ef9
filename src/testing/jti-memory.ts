// The `jti`s of client assertions and DPoP proofs the fake authorization server has
// accepted, so that a replay is refused. Bounded twice: a jti is kept only while the token
// that carried it could still be accepted (its `exp`, or its `iat` plus the proof window;
// afterwards the token is refused for its time anyway, so forgetting it opens no replay),
// and never more than `max` at once. When `max` live jtis are held, a new token is refused
// rather than an old jti forgotten: a replay must never get through because of the bound.

/** Default of `FakeOrgOAuthOptions.maxSeenJtis`. */
export const DEFAULT_MAX_SEEN_JTIS = 100_000;
// Expired jtis are swept when the map doubles since the last sweep (amortised constant work
// per token, memory within twice the live jtis), and always before refusing for the cap.
const FIRST_SWEEP_AT = 1024;

/** What {@link JtiMemory.remember} found. */
export type JtiVerdict = "new" | "replay" | "full";

/** The live jtis, each with the epoch ms after which its token can no longer be accepted. */
export class JtiMemory {
  private readonly seen = new Map<string, number>();
  private sweepAt: number;

  /** @param max - most jtis held at once, a whole number of at least 1 */
  constructor(private readonly max: number = DEFAULT_MAX_SEEN_JTIS) {
    if (!Number.isSafeInteger(max) || max < 1) {
      throw new RangeError("fake org: oauth.maxSeenJtis must be a whole number of at least 1");
    }
    this.sweepAt = Math.min(FIRST_SWEEP_AT, max);
  }

  /** Jtis held now (expired ones not yet swept included). */
  get size(): number {
    return this.seen.size;
  }

  /**
   * Records `jti` as used until `usableUntilMs`: `"new"` the first time, `"replay"` while it
   * is live, `"full"` (not recorded) when `max` live jtis are held.
   */
  remember(jti: string, usableUntilMs: number, now: number): JtiVerdict {
    const until = this.seen.get(jti);
    if (until !== undefined && until >= now) return "replay";
    if (until === undefined && this.seen.size >= this.sweepAt) this.sweep(now);
    if (until === undefined && this.seen.size >= this.max) return "full";
    this.seen.set(jti, usableUntilMs);
    return "new";
  }

  private sweep(now: number): void {
    for (const [jti, until] of this.seen) if (until < now) this.seen.delete(jti);
    this.sweepAt = Math.min(Math.max(FIRST_SWEEP_AT, 2 * this.seen.size), this.max);
  }
}
