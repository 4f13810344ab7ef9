// SIGINT (Ctrl-C) and SIGTERM during a long command: the first one asks it to stop cleanly
// (finish what it is writing, say what happened); a second one exits at once.

import { EXIT_SIGINT, EXIT_SIGTERM } from "./exit-codes.js";

/** The signals a command stops on. */
export type StopSignal = "SIGINT" | "SIGTERM";

/** The exit code after a signal: 130 for SIGINT, 143 for SIGTERM (128 + its number). */
export function exitCodeOfSignal(signal: StopSignal): number {
  return signal === "SIGINT" ? EXIT_SIGINT : EXIT_SIGTERM;
}

/** A command's hold on SIGINT and SIGTERM. */
export interface InterruptWatch {
  /** The signal received, if any. */
  readonly signal: StopSignal | undefined;
  /** Gives the signals back to Node's default handling. */
  dispose(): void;
}

/** Calls `stop` on the first SIGINT or SIGTERM; a second one exits with 128 + its number. */
export function onInterrupt(stop: () => void): InterruptWatch {
  let received: StopSignal | undefined;
  const handler = (signal: StopSignal) => {
    if (received !== undefined) process.exit(exitCodeOfSignal(signal));
    received = signal;
    stop();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    get signal() {
      return received;
    },
    dispose() {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
