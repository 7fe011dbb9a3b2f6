/** The error taxonomy: every failure a user can meet carries a stable kebab-case code, a hint and an exit code. */

/** The exit codes of CONTRACT §3, by meaning. */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  upstream: 3,
  paused: 75,
  sighup: 129,
  sigint: 130,
  sigterm: 143,
} as const;

/** The signals that stop a command: Ctrl-C, a supervisor's stop, a terminal that hung up (a dropped ssh session). */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** The exit code of a command stopped by a signal (128 + its number). */
export function signalExit(signal: StopSignal): number {
  return signal === 'SIGHUP' ? EXIT.sighup : signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
}

/** The signal behind an interruption's exit code (the inverse of signalExit). */
export function exitSignal(exitCode: number): StopSignal {
  return exitCode === EXIT.sighup ? 'SIGHUP' : exitCode === EXIT.sigterm ? 'SIGTERM' : 'SIGINT';
}

/** Optional parts of an error: its code, the hint for the user, and the cause. */
export interface ErrorInit {
  code?: string;
  hint?: string;
  cause?: unknown;
}

/** Base class of every error wa-ops expects; anything else is a bug and shows a stack trace under --verbose. */
export class WaOpsError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, exitCode: number, init: ErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code ?? 'error';
    this.hint = init.hint;
    this.exitCode = exitCode;
  }
}

/** A bad flag, a missing required option, a conflicting combination. */
export class UsageError extends WaOpsError {
  constructor(message: string, init: ErrorInit = {}) {
    super(message, EXIT.usage, { code: 'usage', ...init });
  }
}

/** An unreadable, malformed or unsuitable input file or config. */
export class InputError extends WaOpsError {
  constructor(message: string, init: ErrorInit = {}) {
    super(message, EXIT.usage, { code: 'input', ...init });
  }
}

/** The Graph API (or the network to it) refused or failed for good. */
export class UpstreamError extends WaOpsError {
  /** exitCode: a rate limit that outlived its retries is 75 (the same command resumes later), not a refusal. */
  constructor(message: string, init: ErrorInit = {}, exitCode: number = EXIT.upstream) {
    super(message, exitCode, { code: 'upstream', ...init });
  }
}

/** A cooldown or daily limit is in force; the same command resumes later. */
export class PausedError extends WaOpsError {
  constructor(message: string, init: ErrorInit = {}) {
    super(message, EXIT.paused, { code: 'paused', ...init });
  }
}

/** The run stopped on a signal after saving its state. */
export class InterruptedError extends WaOpsError {
  constructor(signal: StopSignal, init: ErrorInit = {}) {
    super(`interrupted by ${signal}${signal === 'SIGHUP' ? ' (the terminal hung up)' : ''}`, signalExit(signal), {
      code: 'interrupted',
      ...init,
      // Commands that saved state say how to resume; otherwise the same command is the way on.
      hint: init.hint ?? 'run the same command again when ready',
    });
  }
}
