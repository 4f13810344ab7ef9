// The exit-code table is said four ways: EXIT_CODE_HELP (every command's --help), the
// README's table and docs/cli.md's. They must list the same codes with the same reasons
// (issue 13's attack: nothing tied the two documents to the codes).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  EXIT_CODE_HELP,
  EXIT_CODES,
  EXIT_DATA_ERROR,
  EXIT_IO_ERROR,
  EXIT_RECORDS_FAILED,
  EXIT_SIGINT,
  EXIT_SIGTERM,
  EXIT_SOFTWARE,
  EXIT_USAGE,
} from "../../src/cli/exit-codes.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const read = (path: string) => readFileSync(resolve(root, path), "utf8");

const REASONS = Object.entries(EXIT_CODES).filter(([, code]) => code !== EXIT_USAGE);
const CODES = [
  0,
  EXIT_RECORDS_FAILED,
  ...REASONS.map(([, code]) => code),
  EXIT_USAGE,
  EXIT_DATA_ERROR,
  EXIT_SOFTWARE,
  EXIT_IO_ERROR,
  EXIT_SIGINT,
  EXIT_SIGTERM,
].sort((a, b) => a - b);

/** The table that follows `heading` in a Markdown text: its rows' first and second cells. */
function table(text: string, heading: RegExp): [string, string][] {
  const start = text.search(heading);
  expect(start).toBeGreaterThan(-1);
  const rows: [string, string][] = [];
  let inTable = false;
  for (const line of text.slice(start).split("\n")) {
    if (line.startsWith("|")) {
      inTable = true;
      const cells = line.split("|").map((cell) => cell.trim());
      if (/^\d/.test(cells[1] ?? "")) rows.push([cells[1] ?? "", cells[2] ?? ""]);
    } else if (inTable) break;
  }
  return rows;
}

/** Every code a table's rows name: `10 … 21` and `130, 143` spelt out. */
function codesOf(rows: [string, string][]): number[] {
  const codes: number[] = [];
  for (const [first, meaning] of rows) {
    const range = /^(\d+)\s*(?:…|-|to)\s*(\d+)$/.exec(first);
    if (range !== null) {
      // A range row spells each code out in its meaning: `name` N.
      for (const [, code] of meaning.matchAll(/`[a-z_]+` (\d+)/g)) codes.push(Number(code));
    } else codes.push(...first.split(",").map((code) => Number(code.trim())));
  }
  return codes.sort((a, b) => a - b);
}

describe("the exit-code tables", () => {
  it("README lists every code, and each Okta reason with its code", () => {
    const rows = table(read("README.md"), /\| exit code \| meaning \|/);
    expect(codesOf(rows)).toStrictEqual(CODES);
    const text = rows.map((row) => row.join(" ")).join("\n");
    for (const [reason, code] of REASONS) expect(text).toContain(`\`${reason}\` ${code}`);
  });

  it("docs/cli.md lists every code, and each Okta reason on its code's row", () => {
    const rows = table(read("docs/cli.md"), /^## Exit codes$/m);
    expect(codesOf(rows)).toStrictEqual(CODES);
    for (const [reason, code] of REASONS) {
      expect(rows).toContainEqual([String(code), `\`${reason}\``]);
    }
  });

  it("--help lists every code", () => {
    const said = [...EXIT_CODE_HELP.matchAll(/^ {2}(\d+)(?:-(\d+))?/gm)].flatMap(
      ([, first, last]) => (last === undefined ? [Number(first)] : []),
    );
    const named = [...EXIT_CODE_HELP.matchAll(/\b(\d+) ([a-z_]+)\b/g)]
      .filter(([, , reason]) => Object.hasOwn(EXIT_CODES, reason as string))
      .map(([, code]) => Number(code));
    const signals = /(\d+) terminated \(SIGTERM\)/.exec(EXIT_CODE_HELP)?.[1];
    expect([...said, ...named, Number(signals)].sort((a, b) => a - b)).toStrictEqual(CODES);
  });
});
