/** A golden file: the events one profile (and version) writes for the fixed records. */
export interface Golden {
  profile: string;
  ocsfVersion?: string;
  /** The mapping revision the events were recorded under. */
  revision: string;
  /** Events per group of records, in record order. */
  events: Record<string, unknown[]>;
}

/** The groups whose events differ, compared as JSON text (key order included). */
export function changedGroups(
  stored: Record<string, unknown[]>,
  current: Record<string, unknown[]>,
): string[] {
  return Object.keys(current).filter(
    (group) => JSON.stringify(stored[group]) !== JSON.stringify(current[group]),
  );
}

/**
 * What the golden test concludes: `"same"`; `"record"` when the revision changed and the
 * new output may be recorded; or a failure message. Output that changes under the same
 * revision can never be recorded: that is the point of the test.
 */
export function goldenVerdict(
  stored: Golden | undefined,
  current: Golden,
): { verdict: "same" | "record" } | { verdict: "fail"; message: string } {
  const name =
    current.ocsfVersion === undefined
      ? current.profile
      : `${current.profile} ${current.ocsfVersion}`;
  if (stored === undefined) return { verdict: "record" };
  const changed = changedGroups(stored.events, current.events);
  if (stored.revision === current.revision) {
    if (changed.length === 0) return { verdict: "same" };
    return {
      verdict: "fail",
      message: `the ${name} output changed (records: ${changed.join(", ")}) but its mapping revision is still ${current.revision}: give it a new revision in src/mapping/revision.ts, then record the new output with UPDATE_GOLDEN=1`,
    };
  }
  return { verdict: "record" };
}
