/** One event as an NDJSON line, or why it could not be written. */
export type SerializedEvent = { ok: true; line: string } | { ok: false; reason: string };

/**
 * Serialises one event to an NDJSON line. A failure (a value too deeply nested for the
 * stack, a BigInt, a cycle) is returned, not thrown: the command reports that record with
 * its index and id and goes on writing the others.
 */
export function serializeEvent(event: unknown): SerializedEvent {
  try {
    return { ok: true, line: `${JSON.stringify(event)}\n` };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, reason: `could not be written as JSON (${reason})` };
  }
}
