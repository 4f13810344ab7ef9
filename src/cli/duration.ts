import { UsageError } from "./args.js";

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Reads a duration such as `24h`, `15m`, `90s`, `1d` or `500ms`, in ms. */
export function parseDuration(option: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (match === null) {
    throw new UsageError(
      `${option} must be a duration such as 24h, 15m, 90s or 1d, got ${JSON.stringify(value)}`,
    );
  }
  return Math.round(Number(match[1]) * (UNITS[match[2] as string] as number));
}
