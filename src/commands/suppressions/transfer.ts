/** wa-ops suppressions import <file.csv> | export [--out file.csv]: to and from a CRM. */
import { explainCommand, importAdvice } from '../../core/suppressions/import-advice.js';
import { planAdds } from '../../core/suppressions/plan.js';
import { exportSuppressionsCsv, readNumbersCsv } from '../../io/suppressions-csv.js';
import { openSuppressionTarget } from '../../io/suppression-target.js';
import { info, out, outJson, warn } from '../../ui/output.js';
import { term } from '../../ui/term.js';
import { csvLimitFlags } from '../flags.js';
import { commonOptions, reasonFlag, suppressionsFlags } from '../suppressions.js';
import { InputError, UsageError } from '../../core/errors.js';
import { fmtCount, plural } from '../../ui/plural.js';

/** Invalid rows listed by line in --json (the counts cover the rest). */
const MAX_ROWS_LISTED = 100;

/** suppressions import <file.csv>: every valid number of the phone column, in one append; invalid rows are reported by line. */
export async function importCsv(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = suppressionsFlags(flags);
  const o = commonOptions(f);
  const path = String(args[0]);
  const reason = reasonFlag(f.reason, 'import');
  const asked = { column: f.column, country: o.country, countryColumn: f.countryColumn };
  const read = await readNumbersCsv(path, { ...asked, limits: csvLimitFlags(f) });
  const reasons: Record<string, number> = {};
  for (const r of read.invalid) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
  // Decided before the list is opened: a file with no valid number is refused and nothing is written.
  const advice = importAdvice({ path, label: read.label ?? path, rows: read.rows, valid: read.numbers.length, reasons, ...asked, countryColumnUsed: read.countryColumn });
  if (advice.refuse) throw new InputError(advice.refuse.message, { code: 'no-valid-numbers', hint: advice.refuse.hint });
  const list = await openSuppressionTarget(o.list);
  let plan;
  try {
    plan = planAdds(await list.read(), read.numbers.map((n) => n.e164), { reason, scope: o.scope ?? 'all', source: 'import', at: new Date().toISOString(), by: o.by, note: o.note });
    await list.append(plan.records);
  } finally {
    await list.close();
  }
  const summary = { file: list.location, source: path, rows: read.rows, added: plan.records.length, already: plan.already.length, duplicates: read.numbers.length - plan.records.length - plan.already.length, invalid: read.invalid.length, invalidReasons: reasons, invalidRows: read.invalid.slice(0, MAX_ROWS_LISTED), phoneColumn: read.phoneColumn, countryColumn: read.countryColumn };
  if (term().json) outJson(summary);
  else {
    info(`columns: phone ${read.areaCodeColumn ? `"${read.areaCodeColumn}" + ` : ''}"${read.phoneColumn}"${read.countryColumn ? `, country "${read.countryColumn}"` : ''}`);
    if (read.countryNote) warn(read.countryNote);
    if (read.areaCodeNote) warn(read.areaCodeNote);
    const label = read.label ?? path;
    out(`${plural(summary.added, 'number')} suppressed from ${label} (${plural(summary.rows, 'row')}; ${fmtCount(summary.already)} already suppressed, ${fmtCount(summary.duplicates)} repeated, ${fmtCount(summary.invalid)} invalid)`);
    for (const r of read.invalid.slice(0, 5)) warn(`${label}:${r.line}: not a valid number (${r.reason}), skipped`);
    // Standard input is spent: the command to copy names a file only when there is one.
    const explain = `${explainCommand({ path, ...asked })} explains each`;
    if (read.invalid.length > 5) info(`... and ${plural(read.invalid.length - 5, 'more invalid row')} (${explain})`);
    if (advice.warning) warn(advice.warning);
  }
  return 0;
}

/** suppressions export: the active list as CSV (formula-safe; a file is created with mode 0600 and never replaces one without --force). */
export async function exportCsv(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = suppressionsFlags(flags);
  const o = commonOptions(f);
  const outPath = f.out;
  if (term().json && (outPath === undefined || outPath === '-')) throw new UsageError('--json with export needs --out <file.csv> (stdout holds the JSON summary)', { code: 'bad-flag', hint: 'add --out <file.csv> (e.g. --out suppressed.csv), or drop --json for the CSV on stdout' });
  const list = await openSuppressionTarget(o.list);
  const records = (await list.read().finally(() => list.close())).entries().filter((r) => !o.scope || r.scope === o.scope);
  exportSuppressionsCsv(records, outPath, f.force === true, list.kind === 'file' ? list.location : undefined);
  if (outPath !== undefined && outPath !== '-') {
    if (term().json) outJson({ file: list.location, out: outPath, rows: records.length });
    else info(`wrote ${plural(records.length, 'suppression')} to ${outPath}`);
  }
  return 0;
}
