import { createHash } from "node:crypto";

/** A golden file: the events one profile (and version) writes for the fixed records. */
export interface Golden {
  profile: string;
  ocsfVersion?: string;
  /** The mapping revision the events were recorded under. */
  revision: string;
  /** Events per group of records, in record order. */
  events: Record<string, unknown[]>;
}

/** Strings longer than this are stored as a digest (the golden files stay readable). */
export const GOLDEN_LONG_STRING = 300;

function compactString(text: string): string {
  if (text.length <= GOLDEN_LONG_STRING) return text;
  const digest = createHash("sha256").update(text, "utf8").digest("hex");
  return `«${[...text].length} code points, sha256 ${digest}»`;
}

/**
 * A copy of `value` in which every string (key or value) longer than
 * {@link GOLDEN_LONG_STRING} UTF-16 units is replaced by its length and SHA-256: any change
 * of such a string still changes the golden text, but 64 KiB strings are not stored.
 */
export function compactLongStrings(value: unknown): unknown {
  if (typeof value === "string") return compactString(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(compactLongStrings);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, compactString(key), {
      value: compactLongStrings(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** The groups whose events differ, compared as JSON text (key order included). */
export function changedGroups(
  stored: Record<string, unknown[]>,
  current: Record<string, unknown[]>,
): string[] {
  return Object.keys(current).filter(
    (group) =>
      Object.hasOwn(stored, group) &&
      JSON.stringify(stored[group]) !== JSON.stringify(current[group]),
  );
}

/**
 * What the golden test concludes: `"same"`; `"record"` when the revision changed and the
 * new output may be recorded; `"extend"` when the output of every stored group is the same
 * and the fixture has new groups of records, which may be recorded under the same revision
 * (new records are not a change of output); or a failure message. Output that changes under
 * the same revision can never be recorded: that is the point of the test.
 */
export function goldenVerdict(
  stored: Golden | undefined,
  current: Golden,
):
  | { verdict: "same" | "record" }
  | { verdict: "extend"; groups: string[] }
  | { verdict: "fail"; message: string } {
  const name =
    current.ocsfVersion === undefined
      ? current.profile
      : `${current.profile} ${current.ocsfVersion}`;
  if (stored === undefined) return { verdict: "record" };
  if (stored.revision !== current.revision) return { verdict: "record" };
  const changed = changedGroups(stored.events, current.events);
  if (changed.length > 0) {
    return {
      verdict: "fail",
      message: `the ${name} output changed (records: ${changed.join(", ")}) but its mapping revision is still ${current.revision}: give it a new revision in src/mapping/revision.ts, then record the new output with UPDATE_GOLDEN=1`,
    };
  }
  const removed = Object.keys(stored.events).filter(
    (group) => !Object.hasOwn(current.events, group),
  );
  if (removed.length > 0) {
    return {
      verdict: "fail",
      message: `the ${name} golden file holds records the fixture no longer makes (${removed.join(", ")}): a group of golden records was lost`,
    };
  }
  const added = Object.keys(current.events).filter((group) => !Object.hasOwn(stored.events, group));
  return added.length > 0 ? { verdict: "extend", groups: added } : { verdict: "same" };
}
