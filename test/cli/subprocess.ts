// Runs the built command as a subprocess (npm test builds first), with what CLI tests need:
// a clean environment, a kill timer, signals, a peak-RSS measure, large outputs discarded, a
// wrapper command. Spawned asynchronously: a synchronous spawn would block the event loop
// that serves a fake org.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const bin = resolve(root, "dist/cli.js");
const maxRss = resolve(root, "bench/max-rss.cjs");

/** What a run printed and how it ended. */
export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size in bytes, when asked for with `rssFile`. */
  maxRss: number | undefined;
}

/** Options of {@link cli}. */
export interface CliOptions {
  cwd: string;
  env?: Record<string, string>;
  input?: string | Uint8Array;
  /** Sends this signal once, the first time `when` holds for what stdout has printed. */
  signal?: { name: NodeJS.Signals; when: (stdout: string) => boolean };
  /** Measures the child's peak RSS (written to this file on exit). */
  rssFile?: string;
  /** Counts stdout bytes instead of keeping them (for outputs of tens of megabytes). */
  discardStdout?: boolean;
  /** Kills the command (SIGKILL) after this many ms. Default 120000. */
  timeoutMs?: number;
  /** A command that runs `node …` as its last arguments (e.g. `unshare -m sh -c …`). */
  wrapper?: string[];
}

const PROXY_VARIABLES = [
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
  "NO_PROXY",
  "no_proxy",
];

export function assertBuilt(): void {
  if (!existsSync(bin))
    throw new Error("dist/cli.js is missing: run `npm run build` first (npm test does)");
}

/** Runs `okta-device-ocsf ARGS` with a clean environment (no OKTA_* or proxy variables unless given). */
export function cli(args: string[], options: CliOptions): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const env: Record<string, string | undefined> = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith("OKTA_")) delete env[name];
    for (const name of ["NODE_EXTRA_CA_CERTS", ...PROXY_VARIABLES]) delete env[name];
    Object.assign(env, options.env);
    if (options.rssFile !== undefined) env.MAX_RSS_FILE = options.rssFile;
    const preload = options.rssFile === undefined ? [] : ["-r", maxRss];
    const command = [...(options.wrapper ?? []), process.execPath, ...preload, bin, ...args];
    const child = spawn(command[0] as string, command.slice(1), { cwd: options.cwd, env });
    let stdout = "";
    let stderr = "";
    let signalled = false;
    const maybeSignal = () => {
      if (options.signal !== undefined && !signalled && options.signal.when(stdout)) {
        signalled = true;
        child.kill(options.signal.name);
      }
    };
    // Checked on output and every 50 ms (a condition may hang on something else, e.g. a server).
    const poll = options.signal === undefined ? undefined : setInterval(maybeSignal, 50);
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (options.discardStdout === true) return;
      stdout += chunk;
      maybeSignal();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolvePromise({
        status,
        signal,
        stdout,
        stderr,
        maxRss:
          options.rssFile === undefined ? undefined : Number(readFileSync(options.rssFile, "utf8")),
      });
    });
    child.stdin.end(options.input ?? "");
  });
}

export const lines = (text: string) => text.split("\n").filter((line) => line !== "");
