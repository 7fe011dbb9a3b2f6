/** The terminal report of validate-numbers. */
import Table from 'cli-table3';
import { NOTES, REASONS } from '../core/numbers/reasons.js';
import type { NumbersSummary } from '../core/numbers/tally.js';
import { fmtInt } from './progress.js';
import { paint } from './output.js';
import { plural } from './plural.js';

/** The words for a reason id, or for a note such as assumed-international (looked up by any id). */
const REASON_TEXT: Record<string, string | undefined> = REASONS;
const NOTE_TEXT: Record<string, string | undefined> = NOTES;

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function table(head: string[]): Table.Table {
  return new Table({ head: head.map((h) => paint('bold', h)), style: { head: [], border: [] } });
}

/** Render the summary as tables and a few lines of advice. */
export function renderNumbersReport(s: NumbersSummary, written: { label: string; path: string }[]): string {
  const parts: string[] = [];
  const totals = table(['rows', 'valid', 'invalid', 'duplicates', 'invalid rate']);
  totals.push([fmtInt(s.rows), paint('green', fmtInt(s.valid)), s.invalid ? paint('red', fmtInt(s.invalid)) : '0', fmtInt(s.duplicates), pct(s.invalidRate)]);
  parts.push(`${paint('bold', s.file)}${s.estimate ? `  (estimated from a sample of ${plural(s.checked, 'row')})` : ''}`, totals.toString());
  if (s.estimate) {
    const [lo, hi] = s.estimate.ci95;
    parts.push(`Estimated invalid rate: ${pct(s.estimate.invalidRate)} (95 % CI ${pct(lo)} to ${pct(hi)}), about ${plural(s.estimate.invalid, 'invalid row')} in the whole file.`);
  }
  const reasons = Object.entries(s.reasons);
  if (s.assumedInternational > 0) reasons.push(['assumed-international', s.assumedInternational]);
  if (s.leadingZeroRestored > 0) reasons.push(['leading-zero-restored', s.leadingZeroRestored]);
  if (reasons.length > 0) {
    const t = new Table({
      head: ['reason', 'rows', 'what it means'].map((h) => paint('bold', h)),
      colWidths: [24, 10, 60],
      wordWrap: true,
      style: { head: [], border: [] },
    });
    for (const [id, n] of reasons) t.push([id, fmtInt(n), REASON_TEXT[id] ?? NOTE_TEXT[id] ?? '']);
    parts.push(t.toString());
  }
  const line = (label: string, counts: Record<string, number>) => {
    const entries = Object.entries(counts);
    if (entries.length === 0) return;
    const shown = entries.slice(0, 12).map(([k, n]) => `${k} ${fmtInt(n)}`).join(' · ');
    parts.push(`${paint('bold', label)} ${shown}${entries.length > 12 ? ` · +${entries.length - 12} more` : ''}`);
  };
  line('Regions:', s.regions);
  line('Types:  ', s.types);
  for (const d of s.duplicateExamples.slice(0, 5)) parts.push(`duplicate: line ${d.line} is ${d.e164}, first seen on line ${d.firstLine}`);
  if (s.duplicates > 5) parts.push(`... and ${plural(s.duplicates - 5, 'more duplicate', 'more duplicates')} (see the status column of --out)`);
  if (s.sample?.file) parts.push(`Pilot sample: ${plural(s.sample.size, 'row')} (${s.sample.percent} %, seed ${s.sample.seed}) in ${s.sample.file}`);
  for (const w of written) parts.push(`${w.label}: ${w.path}`);
  return parts.join('\n');
}
