// Reading `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an IMF-fixdate. A response may
// carry it more than once (Okta and a gateway in front of it each add one), and
// `Headers.get` joins repeats with ", ": every value is read, as for the X-Rate-Limit
// headers, instead of the joined text failing both forms and the wait falling back to 1 s.
import { parseImfFixdate } from "./server-time.js";

// Delay-seconds as decimal digits only; anything else (1e308, -1, 1.5) is not trusted.
const DELAY_SECONDS = /^\d{1,16}$/;
// An IMF-fixdate holds one comma itself, after its day name (`Sun, 06 Nov 1994 …`).
const DAY_NAME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)$/;

/** Each value of a (possibly repeated) `Retry-After`: the joined text split back. */
export function retryAfterValues(raw: string): string[] {
  const parts = raw.split(",").map((part) => part.trim());
  const values: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as string;
    const next = parts[index + 1];
    if (DAY_NAME.test(part) && next !== undefined) {
      values.push(`${part}, ${next}`);
      index++;
    } else values.push(part);
  }
  return values;
}

/**
 * The wait a `Retry-After` asks for, in ms from `now` (local epoch ms): the longest of its
 * valid values (a date is on the server's clock, `skewMs` = local minus server, and one in
 * the past asks for 0), `undefined` when the header is absent or has no valid value. The
 * caller bounds it by `maxWaitMs`.
 */
export function retryAfterMs(raw: string | null, skewMs: number, now: number): number | undefined {
  if (raw === null) return undefined;
  let longest: number | undefined;
  for (const value of retryAfterValues(raw)) {
    let ms: number | undefined;
    if (DELAY_SECONDS.test(value)) ms = Number(value) * 1000;
    else {
      const date = parseImfFixdate(value);
      if (date !== undefined) ms = Math.max(0, date + skewMs - now);
    }
    if (ms !== undefined && (longest === undefined || ms > longest)) longest = ms;
  }
  return longest;
}
