/** wa-ops suppressions add | remove: one durable append per command; remove records who lifted it. */
import { planAdds, planLifts } from '../../core/suppressions/plan.js';
import { openSuppressionTarget } from '../../io/suppression-target.js';
import { info, outJson, out, warn } from '../../ui/output.js';
import { term } from '../../ui/term.js';
import { commonOptions, numberArgs, reasonFlag, suppressionsFlags } from '../suppressions.js';

/** suppressions add <numbers...> */
export async function add(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = suppressionsFlags(flags);
  const o = commonOptions(f);
  const reason = reasonFlag(f.reason, 'manual');
  const numbers = numberArgs(args[0], o.country);
  const list = await openSuppressionTarget(o.list);
  let plan;
  try {
    plan = planAdds(await list.read(), numbers, { reason, scope: o.scope ?? 'all', source: 'cli', at: new Date().toISOString(), by: o.by, note: o.note });
    await list.append(plan.records);
  } finally {
    await list.close();
  }
  if (term().json) outJson({ file: list.location, added: plan.records.length, already: plan.already, records: plan.records });
  else {
    for (const r of plan.records) out(`suppressed ${r.e164} (${r.reason}, scope ${r.scope})`);
    for (const e of plan.already) info(`${e} was already suppressed`);
  }
  return 0;
}

/** suppressions remove <numbers...> */
export async function remove(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const o = commonOptions(suppressionsFlags(flags));
  const numbers = numberArgs(args[0], o.country);
  const list = await openSuppressionTarget(o.list);
  let plan;
  try {
    plan = planLifts(await list.read(), numbers, { scope: o.scope, at: new Date().toISOString(), by: o.by, note: o.note });
    await list.append(plan.records);
  } finally {
    await list.close();
  }
  if (term().json) outJson({ file: list.location, lifted: plan.records.length, notSuppressed: plan.notSuppressed, records: plan.records });
  else {
    for (const r of plan.records) out(`lifted ${r.e164} (was ${r.reason}, scope ${r.scope}) by ${r.by}`);
    for (const e of plan.notSuppressed) warn(`${e} is not suppressed${o.scope ? ` in scope ${o.scope}` : ''}: nothing to lift`);
  }
  return 0;
}
