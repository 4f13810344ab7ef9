// Runs the built bin as a subprocess (npm test builds first): the plain form of subprocess.ts,
// for tests that need only what the command printed and how it exited.
import { cli } from "./subprocess.js";

/** What a run of the CLI printed and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `okta-device-ocsf ...args` with only the given OKTA_* variables set; killed after 60 s. */
export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<CliRun> {
  const { status, stdout, stderr } = await cli(args, {
    cwd: options.cwd ?? process.cwd(),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.input === undefined ? {} : { input: options.input }),
    timeoutMs: 60_000,
  });
  return { status, stdout, stderr };
}

export { lines } from "./subprocess.js";
