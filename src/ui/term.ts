/** Colour, TTY and CI decisions, made once per process (CONTRACT §1). */

/** The global flags that decide the terminal's behaviour. */
export interface TermFlags {
  json?: boolean;
  color?: boolean; // commander's --no-color sets this to false
  quiet?: boolean;
  verbose?: boolean;
}

/** What the terminal allows: colour, prompts, rewriting lines, JSON mode and verbosity. */
export interface Term {
  /** Colour on stderr/stdout is allowed. */
  color: boolean;
  /** Prompts and animations are allowed (stdin and stdout are TTYs, not CI, not --json). */
  interactive: boolean;
  /** Why there are no prompts ("with CI set"), for errors that ask for --yes instead; empty when interactive. */
  noPromptReason?: string;
  /** stderr is a terminal: progress lines may be rewritten in place. */
  stderrTty: boolean;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** Decide colour and interactivity from flags, environment and the streams. */
export function detectTerm(flags: TermFlags, env: NodeJS.ProcessEnv = process.env): Term {
  const json = Boolean(flags.json);
  const stderrTty = Boolean(process.stderr.isTTY);
  const ci = Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
  const color = !json && flags.color !== false && colourWanted(env, stderrTty && Boolean(process.stdout.isTTY));
  const ttys = Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
  const interactive = !json && !ci && ttys;
  const noPromptReason = json ? 'under --json' : ci ? 'with CI set' : ttys ? '' : 'when not running in a terminal';
  return { color, interactive, noPromptReason, stderrTty, json, quiet: Boolean(flags.quiet), verbose: Boolean(flags.verbose) };
}

/** The usual conventions: NO_COLOR wins, then FORCE_COLOR (0/false off, 1-3/true/empty on), else terminals only. */
function colourWanted(env: NodeJS.ProcessEnv, bothTty: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  // Reports go to stdout and logs to stderr: colour only when both are terminals, so a redirected report stays plain.
  return env.TERM !== 'dumb' && bothTty;
}

let current: Term | undefined;

/** Set the process-wide terminal decisions (cli.ts does this once). */
export function setTerm(term: Term): void {
  current = term;
}

/** The process-wide terminal decisions. */
export function term(): Term {
  current ??= detectTerm({});
  return current;
}

/** Columns available for a line of output: the terminal's width, else COLUMNS, else 100. */
export function termWidth(env: NodeJS.ProcessEnv = process.env): number {
  const tty = process.stdout.isTTY ? process.stdout.columns : undefined;
  const fromEnv = Number(env.COLUMNS);
  const width = tty || (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 100);
  return Math.max(40, width);
}
