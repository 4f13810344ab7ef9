// Runs the built bin as a subprocess (npm test builds first). Spawned asynchronously: a
// synchronous spawn would block the event loop that serves the test's fake orgs.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = resolve(root, "dist/cli.js");

/** What a run of the CLI printed and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `okta-device-ocsf ...args` with only the given OKTA_* variables set; killed after 60 s. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<CliRun> {
  if (!existsSync(bin)) {
    throw new Error("dist/cli.js is missing: run `npm run build` first (npm test does)");
  }
  return new Promise((resolvePromise, reject) => {
    const env: Record<string, string | undefined> = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith("OKTA_")) delete env[name];
    Object.assign(env, options.env);
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** The non-empty lines of a text. */
export const lines = (text: string): string[] => text.split("\n").filter((line) => line !== "");
