// SIGINT (Ctrl-C) and SIGTERM during a long command: the first one asks it to stop cleanly
// (finish what it is writing, say what happened); a second one exits at once.

/** The signals a command stops on. */
export type StopSignal = "SIGINT" | "SIGTERM";

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
    if (received !== undefined) process.exit(signal === "SIGINT" ? 130 : 143);
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
