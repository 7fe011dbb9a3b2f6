/** Progress lines on stderr: rewritten in place on a terminal, a plain line every few seconds otherwise. */
import { term } from './term.js';

/** A throttled progress line: update it, finish it. */
export interface Progress {
  update(render: () => string): void;
  done(): void;
}

/** A throttled progress reporter; silent under --quiet and --json, and for the first second. */
export function createProgress(opts: { delayMs?: number; ttyEveryMs?: number; plainEveryMs?: number } = {}): Progress {
  const t = term();
  const started = Date.now();
  const delay = opts.delayMs ?? 1000;
  const every = t.stderrTty ? (opts.ttyEveryMs ?? 200) : (opts.plainEveryMs ?? 5000);
  let last = 0;
  let drawn = false;
  if (t.quiet || t.json) return { update: () => {}, done: () => {} };
  return {
    update(render) {
      const now = Date.now();
      if (now - started < delay || now - last < every) return;
      last = now;
      const text = render();
      if (t.stderrTty) {
        process.stderr.write(`\r\u001b[K${text}`);
        drawn = true;
      } else process.stderr.write(`${text}\n`);
    },
    done() {
      if (drawn) process.stderr.write('\r\u001b[K');
      drawn = false;
    },
  };
}

/** 1234567 -> "1,234,567". */
export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Seconds as "42s", "3m 05s", "1h 02m". */
export function fmtDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
