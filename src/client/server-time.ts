// The server's clock, from a response's `Date` header (RFC 9110 IMF-fixdate, e.g.
// `Sun, 06 Nov 1994 08:49:37 GMT`), for the checks that must not trust data over it.

const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** A `Date` header further than this from the local clock is not believed: one day, in ms. */
export const MAX_SERVER_CLOCK_SKEW_MS = 86_400_000;

/**
 * An HTTP date in the one format Okta sends (RFC 9110 IMF-fixdate, always GMT), in epoch ms;
 * `undefined` for anything else. `Date.parse` alone also takes a bare day (`2025-06-01`,
 * midnight) or a time without a zone (read in the local zone): hours off, not a clock. A
 * date that does not exist is refused too, where `Date.parse` rolls it over (`31 Feb` is
 * 3 March, `24:00:00` the next day, `08:49:60` is read as `08:49:00`), and so is a day name
 * that is not that date's: the text must be exactly how that instant is written.
 */
export function parseImfFixdate(text: string | null): number | undefined {
  if (text === null || text.length > 64) return undefined;
  // Every response of a second has the same `Date`, read twice (clock skew, page time):
  // the last answer is kept, which spares a listing two date parses and a format per page.
  if (text === lastText) return lastValue;
  const ms = IMF_FIXDATE.test(text) ? Date.parse(text) : Number.NaN;
  const value = Number.isFinite(ms) && new Date(ms).toUTCString() === text ? ms : undefined;
  lastText = text;
  lastValue = value;
  return value;
}
let lastText: string | undefined;
let lastValue: number | undefined;

/**
 * The time a response's `Date` header states, in epoch milliseconds; `undefined` when the
 * header is absent, not an IMF-fixdate, or more than {@link MAX_SERVER_CLOCK_SKEW_MS} from
 * the local clock (one absurd header must not move a checkpoint's notion of "now").
 */
export function serverTimeOf(headers: Headers, localNow: number = Date.now()): number | undefined {
  const ms = parseImfFixdate(headers.get("date"));
  if (ms === undefined || Math.abs(ms - localNow) > MAX_SERVER_CLOCK_SKEW_MS) return undefined;
  return ms;
}
