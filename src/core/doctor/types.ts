/** Doctor checks as data: facts gathered elsewhere go in, results with hints come out. */

/** How a check came out. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One finding of doctor: its id, whether it passed, and what to do when it did not. */
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** What was seen. */
  detail: string;
  /** What to do about it (which Meta screen or API call fixes it). */
  hint: string;
}

/** Shorthand constructors. */
export const pass = (id: string, title: string, detail: string, hint = ''): CheckResult => ({ id, title, status: 'pass', detail, hint });
/** A finding that does not stop a send (fails only with --strict). */
export const warn = (id: string, title: string, detail: string, hint: string): CheckResult => ({ id, title, status: 'warn', detail, hint });
/** A finding that stops a send. */
export const fail = (id: string, title: string, detail: string, hint: string): CheckResult => ({ id, title, status: 'fail', detail, hint });
/** A check that could not run (offline, or what it needs is missing). */
export const skip = (id: string, title: string, detail: string, hint = ''): CheckResult => ({ id, title, status: 'skip', detail, hint });

/** A fact that may have failed to arrive (an API error, a network problem, offline mode). */
export type Fact<T> = { ok: true; value: T } | { ok: false; error: string; hint?: string; offline?: boolean; skipped?: string; code?: number };

/** The result of a check whose fact did not arrive: skipped (offline, or a cause already reported once) or failed. */
export function unavailableCheck(id: string, title: string, f: { error: string; hint?: string; offline?: boolean; skipped?: string }, fallbackHint: string): CheckResult {
  if (f.offline) return skip(id, title, 'skipped (--offline)');
  if (f.skipped) return skip(id, title, f.skipped);
  return fail(id, title, `could not check: ${f.error}`, f.hint ?? fallbackHint);
}
