#!/usr/bin/env node
// The `okta-device-ocsf` command. Node built-ins only (node:util parseArgs).
import { readFileSync } from "node:fs";
import { UsageError } from "./cli/args.js";
import { DEMO_HELP, runDemo } from "./cli/demo-command.js";
import {
  EXIT_CODE_HELP,
  EXIT_DATA_ERROR,
  EXIT_IO_ERROR,
  EXIT_SOFTWARE,
  EXIT_USAGE,
} from "./cli/exit-codes.js";
import { InputError, LocalIoError } from "./cli/failures.js";
import { FETCH_HELP, runFetch } from "./cli/fetch-command.js";
import { MAP_HELP, runMap } from "./cli/map-command.js";
import { closeProxies } from "./cli/proxy.js";
import { runSync, SYNC_HELP } from "./cli/sync-command.js";
import { runTest, TEST_HELP } from "./cli/test-command.js";

const HELP = `Usage: okta-device-ocsf <command> [options]

Commands:
  map [FILE|-]      map Okta device JSON (array, object or NDJSON) to OCSF events (NDJSON)
  fetch             list an org's devices and write OCSF events, incrementally with --checkpoint
  sync              keep an inventory in sync, deleted devices included (--state FILE)
  test              check that the credentials can read devices, and say why not
  demo              list a fake org in-process and print OCSF events

Run "okta-device-ocsf <command> --help" for a command's options.

${EXIT_CODE_HELP}`;

// A Map: the command name is user input, and an object literal would answer "constructor".
const COMMANDS = new Map<string, { run: (args: string[]) => Promise<number>; help: string }>([
  ["map", { run: runMap, help: MAP_HELP }],
  ["fetch", { run: runFetch, help: FETCH_HELP }],
  ["sync", { run: runSync, help: SYNC_HELP }],
  ["test", { run: runTest, help: TEST_HELP }],
  ["demo", { run: runDemo, help: DEMO_HELP }],
]);

function version(): string {
  const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return String((packageJson as { version?: unknown }).version);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${HELP}\n`);
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = COMMANDS.get(name);
  if (command === undefined) {
    // Not echoed: a mistyped command line may put a secret first.
    throw new UsageError(
      `unknown command. Commands: ${[...COMMANDS.keys()].join(", ")}. See: okta-device-ocsf --help`,
    );
  }
  try {
    return await command.run(args);
  } finally {
    // A proxy that never answered must not hold the process once the command is done.
    await closeProxies();
  }
}

// `head` closing stdout early is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`okta-device-ocsf: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    process.stderr.write(
      `okta-device-ocsf: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode =
      error instanceof LocalIoError
        ? EXIT_IO_ERROR
        : error instanceof InputError
          ? EXIT_DATA_ERROR
          : EXIT_SOFTWARE;
  },
);
