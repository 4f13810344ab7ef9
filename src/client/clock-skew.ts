// The offset between the local clock and Okta's, from the responses' `Date` headers.
//
// `Date` is truncated to the second, so `localReceiveTime - Date` is always at least the true
// skew (plus latency); low values are the accurate ones. One absurd `Date` (year 1970 or
// 2100, a proxy's own clock) must not set the skew for the client's lifetime, so the estimate
// is a low quantile of the recent plausible observations rather than their minimum. Only an
// IMF-fixdate counts: a bare day or a zone-less time parses, but hours off.
import { parseImfFixdate } from "./server-time.js";

/** Offsets beyond this are not a clock skew but a wrong `Date`: ignored. */
export const MAX_PLAUSIBLE_SKEW_MS = 24 * 60 * 60 * 1000;
const KEPT = 16;

/** A robust estimate of `local time - Okta time`, in ms. */
export class ClockSkew {
  private readonly recent: number[] = [];
  private estimate = 0;

  /** Records one response's `Date` header, received at local epoch ms `receivedAt`. */
  observe(date: string | null, receivedAt: number): void {
    const serverTime = parseImfFixdate(date);
    if (serverTime === undefined) return;
    const observed = receivedAt - serverTime;
    if (Math.abs(observed) > MAX_PLAUSIBLE_SKEW_MS) return;
    this.recent.push(observed);
    if (this.recent.length > KEPT) this.recent.shift();
    const sorted = [...this.recent].sort((a, b) => a - b);
    // The lower quartile: close to the minimum, yet one low outlier in four is ignored.
    this.estimate = sorted[Math.floor(sorted.length / 4)] ?? 0;
  }

  /** The current estimate; 0 before any plausible `Date`. */
  get estimateMs(): number {
    return this.estimate;
  }
}
