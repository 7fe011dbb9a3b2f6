/** wa-ops templates list: name, language, category, status, quality, rejection reason and last update of each template. */
import { filterTemplates } from '../../core/templates/filter.js';
import type { TemplateRecord } from '../../io/graph/types.js';
import { out, outJson } from '../../ui/output.js';
import { renderTemplateList, type ListRow } from '../../ui/templates-report.js';
import { term } from '../../ui/term.js';
import { parseFlags } from '../flags.js';
import { account, filterFlags, TEMPLATES_FLAGS, type TemplatesFlags } from '../templates.js';

/** One row of the list (also the JSON shape). */
export function listRow(t: TemplateRecord): ListRow & { id: string } {
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    status: t.status,
    quality: t.quality_score?.score ?? '',
    rejectedReason: t.rejected_reason && t.rejected_reason !== 'NONE' ? t.rejected_reason : '',
    lastUpdated: t.last_updated_time ?? '',
  };
}

/** Run the subcommand; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = parseFlags<TemplatesFlags>(flags, TEMPLATES_FLAGS);
  const filter = filterFlags(f);
  const { client, wabaId } = account(f.config);
  try {
    // The API narrows by language, status and category; --name matches a part of the name, which only we do.
    const one = (l?: string[]) => (l?.length === 1 ? l[0] : undefined);
    const records = await client.listTemplates(wabaId, { language: one(filter.language), status: one(filter.status), category: one(filter.category) });
    const rows = filterTemplates(records, filter).map(listRow);
    if (term().json) outJson({ wabaId, count: rows.length, templates: rows });
    else out(renderTemplateList(rows));
    return 0;
  } finally {
    await client.close();
  }
}
