/** wa-ops templates pull [--out dir]: each template as the JSON file lint-template and push read, one per name and language. */
import { resolve } from 'node:path';
import { EXIT } from '../../core/errors.js';
import { filterTemplates } from '../../core/templates/filter.js';
import { pullTemplates } from '../../io/templates-sync/pull.js';
import { info, out, outJson, paint } from '../../ui/output.js';
import { plural } from '../../ui/plural.js';
import { renderPull } from '../../ui/templates-report.js';
import { term } from '../../ui/term.js';
import { parseFlags } from '../flags.js';
import { account, filterFlags, TEMPLATES_FLAGS, type TemplatesFlags } from '../templates.js';

/** Run the subcommand; returns the exit code (1 when a file was kept because wa-ops did not write it). */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = parseFlags<TemplatesFlags>(flags, TEMPLATES_FLAGS);
  const filter = filterFlags(f);
  const dir = resolve(f.out ?? 'templates');
  const force = f.force === true;
  const { client, wabaId } = account(f.config);
  try {
    const records = filterTemplates(await client.listTemplates(wabaId), filter);
    const results = pullTemplates(dir, records, force);
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    const summary = { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), kept: count('kept') };
    if (term().json) outJson({ out: dir, ...summary, files: results });
    else {
      if (results.length) out(renderPull(results));
      info(`${plural(results.length, 'template')} in ${dir}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged${summary.kept ? paint('yellow', `, ${summary.kept} kept (see above)`) : ''}`);
    }
    return summary.kept > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    await client.close();
  }
}
