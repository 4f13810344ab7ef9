// Why a text is not JSON, without any of the text. From Node 22 on, V8's JSON.parse messages
// quote the input (`Unexpected token 'h', "hunter2" is not valid JSON`), and the CLI's input
// may be a file of secrets given by mistake: only the position is ours to print.

/**
 * `JSON.parse`'s complaint reduced to where it is, counted from 1 as every number in the
 * command's messages (V8 counts from 0): `"at character 13"`, or `""` when it names none.
 */
export function jsonErrorPosition(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const position = /\bposition (\d+)/.exec(message)?.[1];
  if (position !== undefined) return `at character ${Number(position) + 1}`;
  // V8 names no position for a text that ends too early.
  return /end of (JSON|data) input/i.test(message) ? "(it ends too early)" : "";
}
