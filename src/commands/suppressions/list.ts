/** wa-ops suppressions list: every active suppression (or, with --history, every add and lift) with its number classified. */
import Table from 'cli-table3';
import { classify } from '../../core/numbers/classify.js';
import { stripTerminalControls } from '../../core/terminal-text.js';
import type { SuppressionRecord } from '../../core/suppressions/plan.js';
import { openSuppressionTarget } from '../../io/suppression-target.js';
import { out, outJson, paint } from '../../ui/output.js';
import { plural } from '../../ui/plural.js';
import { term } from '../../ui/term.js';
import { commonOptions, reasonFlag, suppressionsFlags } from '../suppressions.js';

/** A record with the number's region and type, as validate-numbers would classify it. */
function described(r: SuppressionRecord) {
  const c = classify(r.e164, undefined);
  return { ...r, region: c.region, type: c.type };
}

/** Free text from the list file (anyone may have written it) as a table cell: no terminal controls, a bounded length. */
function cell(text: string | undefined): string {
  const clean = stripTerminalControls(text ?? '').replace(/[\t\n]/g, ' ');
  return clean.length > 120 ? `${clean.slice(0, 119)}…` : clean;
}

/** Run the subcommand; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = suppressionsFlags(flags);
  const o = commonOptions(f);
  const list = await openSuppressionTarget(o.list);
  const folded = await list.read().finally(() => list.close());
  const history = f.history === true;
  const reason = f.reason === undefined ? undefined : reasonFlag(f.reason, '');
  const records = (history ? folded.history() : folded.entries()).filter((r) => (!o.scope || r.scope === o.scope) && (!reason || r.reason === reason)).map(described);
  if (term().json) {
    outJson({ file: list.location, count: records.length, [history ? 'history' : 'suppressions']: records });
    return 0;
  }
  if (records.length === 0) {
    out(`no suppressions in ${list.location}`);
    return 0;
  }
  const t = new Table({ head: [...(history ? ['op'] : []), 'number', 'region', 'reason', 'scope', 'source', 'at', 'by', 'note'].map((h) => paint('bold', h)), style: { head: [], border: [] } });
  for (const r of records) t.push([...(history ? [r.op] : []), r.e164, r.region, r.reason, r.scope, r.source, r.at, cell(r.by), cell(r.note)]);
  out(`${t.toString()}\n${history ? plural(records.length, 'record') : plural(records.length, 'suppressed number')} in ${list.location}`);
  return 0;
}
