// A progress line on stderr, only when stderr is a terminal (and stdout, when the output goes
// there, is not: the line would run into the output on the same screen): redrawn at most a few times
// a second (a line per record would cost more than the work), and ended before any other
// message so that nothing is written after an unterminated line.

/** A progress line; all no-ops when stderr is not a terminal. */
export interface ProgressLine {
  /** Whether stderr is a terminal. */
  readonly interactive: boolean;
  /** Redraws the line (throttled unless `force`). */
  show(text: () => string, force?: boolean): void;
  /** Ends the line, if one is drawn, so that the next message starts on its own line. */
  end(): void;
}

const REDRAW_MS = 200;

/** Options of {@link progressLine}. */
export interface ProgressLineOptions {
  /**
   * The command writes its output to stdout: when stdout is a terminal too (the same
   * screen), no progress line is drawn, for its text would run into the output's lines.
   */
  toStdout?: boolean;
}

/** Opens the progress line for the current process's stderr. */
export function progressLine(options: ProgressLineOptions = {}): ProgressLine {
  const interactive =
    process.stderr.isTTY === true && !(options.toStdout === true && process.stdout.isTTY === true);
  let drawn = false;
  let last = 0;
  return {
    interactive,
    show(text, force = false) {
      if (!interactive) return;
      const now = Date.now();
      if (!force && now - last < REDRAW_MS) return;
      last = now;
      // \x1b[K clears what a longer earlier line left.
      process.stderr.write(`\r${text()}\x1b[K`);
      drawn = true;
    },
    end() {
      if (drawn) process.stderr.write("\n");
      drawn = false;
    },
  };
}

/** "1,234 records, 5,678/s, 3.2 s" */
export function rateText(count: number, noun: string, startedMs: number): string {
  const seconds = (Date.now() - startedMs) / 1000;
  const rate = seconds > 0 ? Math.round(count / seconds) : 0;
  return `${count.toLocaleString("en-US")} ${noun}, ${rate.toLocaleString("en-US")}/s, ${seconds.toFixed(1)} s`;
}
