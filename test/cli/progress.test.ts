// map's progress line (issue 13's attack): on stderr only when it is a terminal, and not
// when the events go to stdout on that same terminal (the line ran into the events' lines).
import { afterEach, describe, expect, it, vi } from "vitest";
import { progressLine } from "../../src/cli/progress.js";

// isTTY is an own data property only on a terminal's stream: set, then put back as it was.
const restores: (() => void)[] = [];
function setTty(stream: NodeJS.WriteStream, value: boolean): void {
  const had = Object.getOwnPropertyDescriptor(stream, "isTTY");
  Object.defineProperty(stream, "isTTY", { value, configurable: true, writable: true });
  restores.push(() => {
    if (had === undefined) Reflect.deleteProperty(stream, "isTTY");
    else Object.defineProperty(stream, "isTTY", had);
  });
}
function terminals(stderr: boolean, stdout: boolean): void {
  setTty(process.stderr, stderr);
  setTty(process.stdout, stdout);
}

function drawn(options: Parameters<typeof progressLine>[0]): string {
  const writes: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  const line = progressLine(options);
  line.show(() => "12 records", true);
  line.end();
  return writes.join("");
}

describe("progressLine", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    for (const restore of restores.splice(0).reverse()) restore();
  });

  it.each([
    // stderr a terminal, stdout a terminal, output to stdout, drawn
    [true, false, true, true],
    [true, true, true, false],
    [true, true, false, true],
    [false, false, true, false],
    [false, true, false, false],
  ])(
    "stderr TTY %s, stdout TTY %s, output on stdout %s: drawn %s",
    (stderr, stdout, toStdout, expected) => {
      terminals(stderr, stdout);
      const text = drawn({ toStdout });
      expect(text === "\r12 records\x1b[K\n").toBe(expected);
      if (!expected) expect(text).toBe("");
    },
  );
});
