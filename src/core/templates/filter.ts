/** Filters of `templates list`: each a comma-separated list; name matches a part, the others exactly. */

/** The filters of templates list and pull. */
export interface TemplateFilter {
  status?: string[];
  name?: string;
  language?: string[];
  category?: string[];
}

/** The records the filter keeps (the API may filter too; this makes every server agree). */
export function filterTemplates<T extends { name: string; language: string; status: string; category: string }>(list: readonly T[], f: TemplateFilter): T[] {
  const inList = (v: string, allowed?: string[]) => !allowed || allowed.some((a) => a.toUpperCase() === v.toUpperCase());
  return list
    .filter((t) => inList(t.status, f.status) && inList(t.category, f.category) && inList(t.language, f.language) && (!f.name || t.name.includes(f.name.toLowerCase())))
    .sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
}

/** "approved,pending" -> ["APPROVED", "PENDING"]. */
export function splitList(value: string | undefined, upper = true): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  return items.map((s) => (upper ? s.toUpperCase() : s));
}
