import { type ParseArgsConfig, parseArgs } from "node:util";

/** A command-line mistake: printed with a hint, exit code 64 (EX_USAGE). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>
>;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** Parses a command's arguments strictly; an unknown flag names the closest known one. */
export function parseCommand<T extends Options>(
  command: string,
  args: string[],
  options: T,
  allowPositionals: boolean,
): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown !== undefined) {
      const name = unknown.replace(/^-+/, "").split("=")[0] ?? "";
      const closest = Object.keys(options)
        .map((known) => ({ known, score: distance(name, known) }))
        .sort((a, b) => a.score - b.score)[0];
      // Echoed only when it is a single letter or a near miss of a known option: anything
      // else may be a secret pasted in the wrong place (`--<token>`).
      const near = closest !== undefined && closest.score <= 3;
      const shown = name.length <= 1 || near ? ` ${unknown}` : "";
      const hint = near ? ` Did you mean --${closest.known}?` : "";
      throw new UsageError(
        `unknown option${shown} for "${command}".${hint} See: okta-device-ocsf ${command} --help`,
      );
    }
    if (/Unexpected argument/.test(message)) {
      // parseArgs quotes the argument: it may be a secret typed without its option.
      throw new UsageError(
        `"${command}" takes no positional arguments (the one given is not shown, in case it is a secret). See: okta-device-ocsf ${command} --help`,
      );
    }
    throw new UsageError(`${message} See: okta-device-ocsf ${command} --help`);
  }
}

/** Reads all of a stream as UTF-8 text. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  stream.setEncoding("utf8");
  for await (const chunk of stream) text += chunk as string;
  return text;
}
