/** Counts for people, in one place: thousands separators and the right plural ("1 warning", "1,634 recipients"). */

/** An integer with thousands separators: 1634 -> "1,634". */
export function fmtCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "1 warning", "2 warnings", "1,634 recipients"; irregular plurals are given ("1 entry", "2 entries"). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${fmtCount(n)} ${n === 1 ? singular : pluralForm}`;
}
