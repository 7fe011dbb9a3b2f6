/** The columns validate-numbers appends to every row it writes, named so that none repeats a column of the list. */

/** The added columns, in order. */
export const ADDED_COLUMNS = ['e164', 'status', 'reason', 'region', 'type', 'detail'] as const;

/**
 * The added columns' names for a list with this header: one whose name the list already uses
 * (compared without case or surrounding spaces, as spreadsheets and CRMs do) becomes "wa_<name>",
 * then "wa_<name>_2", ... until it is unique, so a list's own "region" or "status" keeps its meaning.
 */
export function addedColumnNames(header: readonly string[]): string[] {
  const taken = new Set(header.map((h) => h.trim().toLowerCase()));
  return ADDED_COLUMNS.map((name) => {
    let candidate: string = name;
    for (let n = 1; taken.has(candidate.toLowerCase()); n++) candidate = n === 1 ? `wa_${name}` : `wa_${name}_${n}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
