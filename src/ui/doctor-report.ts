/** The doctor report: one line per check with a symbol, what was seen, and what to do. */
import type { CheckResult } from '../core/doctor/types.js';
import { paint } from './output.js';
import { fmtCount, plural } from './plural.js';

const SYMBOL = { pass: ['green', '✔'], warn: ['yellow', '⚠'], fail: ['red', '✖'], skip: ['gray', '–'] } as const;

/** Render checks grouped by their id prefix. */
export function renderDoctor(checks: CheckResult[], ok: boolean, strict: boolean): string {
  const lines: string[] = [];
  let group = '';
  for (const c of checks) {
    const g = c.id.split('.')[0];
    if (g !== group) {
      group = g;
      lines.push('', paint('bold', g));
    }
    const [colour, sym] = SYMBOL[c.status];
    lines.push(`  ${paint(colour, sym)} ${c.title.padEnd(34)} ${c.status === 'skip' ? paint('gray', c.detail) : c.detail}  ${paint('gray', c.id)}`);
    if (c.hint && (c.status === 'fail' || c.status === 'warn')) lines.push(`      ${paint('cyan', '→')} ${c.hint}`);
  }
  const count = (s: string) => checks.filter((c) => c.status === s).length;
  lines.push('', `${ok ? paint('green', 'ready') : paint('red', 'not ready')}: ${fmtCount(count('pass'))} passed, ${plural(count('warn'), 'warning')}, ${fmtCount(count('fail'))} failed, ${fmtCount(count('skip'))} skipped${strict ? ' (--strict: warnings fail)' : ''}`);
  return lines.join('\n').replace(/^\n/, '');
}
