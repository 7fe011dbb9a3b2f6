/**
 * Recognise wa-ops' own earlier output from a file's first bytes, so a report can replace the one it wrote
 * last time but never a user's file of the same name (a spreadsheet, someone's HTML).
 */
import { ADDED_COLUMNS } from './numbers/added-columns.js';

/** The generator mark every HTML report carries in its head. */
export const HTML_GENERATOR = '<meta name="generator" content="wa-ops">';

/** How many bytes of an existing file the recognisers look at. */
export const HEAD_BYTES = 8192;

const firstLine = (head: string): string => head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';

/** A delivery report written by `webhook analyze --html` (this version's mark, or the head earlier versions wrote). */
export function isOwnHtmlReport(head: string): boolean {
  if (head.includes(HTML_GENERATOR)) return true;
  return head.startsWith('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Delivery report: ');
}

/** A CSV whose header line is exactly these columns, comma-separated (status --export). */
export function csvHeaderIs(columns: readonly string[]): (head: string) => boolean {
  const expected = columns.join(',');
  return (head) => firstLine(head) === expected;
}

/** An annotated or filtered copy written by validate-numbers: the header ends with its added columns (renamed wa_<name>[_n] when the list had them). */
export function isOwnNumbersCsv(head: string): boolean {
  const line = firstLine(head);
  // Every delimiter the list reader takes: an output keeps its list's delimiter.
  return [',', ';', '\t', '|'].some((d) => {
    const cells = line.split(d).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length < ADDED_COLUMNS.length) return false;
    const tail = cells.slice(-ADDED_COLUMNS.length);
    return ADDED_COLUMNS.every((name, i) => new RegExp(`^(?:wa_)?${name}(?:_\\d+)?$`, 'i').test(tail[i]));
  });
}
