import { join } from "node:path";

/** The folder a custom source's data goes under, relative to the output directory. */
export function sourcePrefix(source: string): string {
  return `ext/${source}`;
}

/**
 * The Security Lake partition folder of a file, relative to the output directory:
 * `ext/<source>/region=<region>/accountId=<account>/eventDay=<YYYYMMDD>`.
 */
export function partitionFolder(
  source: string,
  region: string,
  account: string,
  eventDay: string,
): string {
  return join(
    sourcePrefix(source),
    `region=${region}`,
    `accountId=${account}`,
    `eventDay=${eventDay}`,
  );
}

const DAY_MS = 86_400_000;

// Days already formatted: formatting a Date for each event cost more than shredding some of
// them, and a first load's events come in no order of day. Bounded: cleared when full.
const eventDays = new Map<number, string>();
const MAX_CACHED_DAYS = 4096;

/** The UTC day (`YYYYMMDD`) of an epoch-milliseconds time. */
export function eventDayOf(timeMs: number): string {
  const day = Math.floor(timeMs / DAY_MS);
  let eventDay = eventDays.get(day);
  if (eventDay === undefined) {
    eventDay = new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "");
    if (eventDays.size >= MAX_CACHED_DAYS) eventDays.clear();
    eventDays.set(day, eventDay);
  }
  return eventDay;
}

/** Whether `timeMs` is within the range a JavaScript Date (and so an eventDay) can show. */
export function isDateRange(timeMs: number): boolean {
  return (
    Math.abs(timeMs) <= 8.64e15 && timeMs >= Date.UTC(0, 0, 1) && timeMs < Date.UTC(10000, 0, 1)
  );
}
