/** wa-ops suppressions import <file.csv> | export [--out file.csv]: to and from a CRM. */
import { planAdds } from '../../core/suppressions/plan.js';
import { exportSuppressionsCsv, readNumbersCsv } from '../../io/suppressions-csv.js';
import { openSuppressionTarget } from '../../io/suppression-target.js';
import { info, out, outJson, warn } from '../../ui/output.js';
import { term } from '../../ui/term.js';
import { stringFlag } from '../flags.js';
import { commonOptions, reasonFlag } from '../suppressions.js';
import { UsageError } from '../../core/errors.js';
import { fmtCount, plural } from '../../ui/plural.js';

/** suppressions import <file.csv>: every valid number of the phone column, in one append; invalid rows are reported by line. */
export async function importCsv(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const o = commonOptions(flags);
  const path = String(args[0]);
  const reason = reasonFlag(flags.reason, 'import');
  const read = await readNumbersCsv(path, { column: stringFlag(flags, 'column'), country: o.country, countryColumn: stringFlag(flags, 'countryColumn') });
  const list = await openSuppressionTarget(o.place);
  const plan = await (async () => {
    try {
      const p = planAdds(await list.read(), read.numbers.map((n) => n.e164), { reason, scope: o.scope ?? 'all', source: 'import', at: new Date().toISOString(), by: o.by, note: o.note });
      await list.append(p.records);
      return p;
    } finally {
      await list.close();
    }
  })();
  const reasons: Record<string, number> = {};
  for (const r of read.invalid) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
  const summary = { ...list.where, source: path, rows: read.rows, added: plan.records.length, already: plan.already.length, duplicates: read.numbers.length - plan.records.length - plan.already.length, invalid: read.invalid.length, invalidReasons: reasons };
  if (term().json) outJson(summary);
  else {
    out(`${plural(summary.added, 'number')} suppressed from ${path} (${plural(summary.rows, 'row')}; ${fmtCount(summary.already)} already suppressed, ${fmtCount(summary.duplicates)} repeated, ${fmtCount(summary.invalid)} invalid)`);
    for (const r of read.invalid.slice(0, 5)) warn(`${path}:${r.line}: not a valid number (${r.reason}), skipped`);
    if (read.invalid.length > 5) info(`... and ${read.invalid.length - 5} more invalid rows (wa-ops validate-numbers ${path} explains each)`);
  }
  return 0;
}

/** suppressions export: the active list as CSV (formula-safe; a file is created with mode 0600 and never replaces one without --force). */
export async function exportCsv(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const o = commonOptions(flags);
  const outPath = stringFlag(flags, 'out');
  if (term().json && (outPath === undefined || outPath === '-')) throw new UsageError('--json with export needs --out <file.csv> (stdout holds the JSON summary)', { code: 'bad-flag' });
  const list = await openSuppressionTarget(o.place);
  const records = (await list.read().finally(() => list.close())).entries().filter((r) => !o.scope || r.scope === o.scope);
  exportSuppressionsCsv(records, outPath, flags.force === true);
  if (outPath !== undefined && outPath !== '-') {
    if (term().json) outJson({ ...list.where, out: outPath, rows: records.length });
    else info(`wrote ${records.length} suppression(s) to ${outPath}`);
  }
  return 0;
}
