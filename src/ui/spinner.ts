/** A status line while a long command runs: an ora spinner on a terminal, a plain line every few seconds otherwise. */
import { term } from './term.js';

/** A one-line status on stderr: update it, log a line above it, stop it. */
export interface StatusLine {
  update(text: string): void;
  /** Print a line above the status (a notice that should stay visible). */
  log(text: string): void;
  stop(): void;
}

/** Start a status line on stderr (silent under --quiet and --json). */
export async function startStatusLine(plainEveryMs = 5000, text?: string): Promise<StatusLine> {
  const t = term();
  if (t.quiet) return { update: () => {}, log: () => {}, stop: () => {} };
  // Under --json stdout holds the one document; notices still belong on stderr.
  if (t.json) return { update: () => {}, log: (text) => process.stderr.write(`${text}\n`), stop: () => {} };
  // A terminal that reports no width (some pseudo-terminals) would make the spinner's line arithmetic loop.
  if (t.stderrTty && !process.env.CI && (process.stderr.columns ?? 0) > 0) {
    const { default: ora } = await import('ora');
    // No discardStdin: its raw mode turns Ctrl-C into a byte that it never reads on a stdin nobody read yet (it
    // listens without resuming the stream), so Ctrl-C did nothing. In cooked mode Ctrl-C is the terminal's SIGINT.
    const spinner = ora({ stream: process.stderr, color: 'cyan', isEnabled: true, discardStdin: false }).start(text);
    return {
      update: (text) => {
        spinner.text = text;
      },
      log: (text) => {
        spinner.clear();
        process.stderr.write(`${text}\n`);
        spinner.render();
      },
      stop: () => spinner.stop(),
    };
  }
  // Not a terminal (CI, a log file): one line at a steady interval, the first after one interval, never a stray one.
  let latest: string | undefined = text;
  const timer = setInterval(() => {
    if (latest !== undefined) process.stderr.write(`${latest}\n`);
  }, plainEveryMs);
  timer.unref();
  return {
    update: (text) => {
      latest = text;
    },
    log: (text) => process.stderr.write(`${text}\n`),
    stop: () => clearInterval(timer),
  };
}

/** Run fn with a status line on a terminal only (nothing on a pipe, a log file, --json or --quiet), cleared when it ends. */
export async function withTerminalStatus<T>(text: string, fn: () => Promise<T>): Promise<T> {
  const t = term();
  // Off a terminal the plain fallback would add lines to a log that nobody watches live: say nothing there.
  if (!t.stderrTty || t.json || t.quiet) return fn();
  // The text from the first frame: a fast answer would otherwise flash a bare spinner.
  const status = await startStatusLine(undefined, text);
  // On Ctrl-C or SIGTERM the line goes first, so the "interrupted" message is not followed by a redrawn spinner.
  const clear = () => status.stop();
  process.once('SIGINT', clear);
  process.once('SIGTERM', clear);
  try {
    return await fn();
  } finally {
    process.off('SIGINT', clear);
    process.off('SIGTERM', clear);
    status.stop();
  }
}
