/** Terminal tables of the templates command: the list, pull and push results, review states. */
import Table from 'cli-table3';
import type { ReviewRow } from '../core/templates/review.js';
import type { PullResult } from '../io/templates-sync/pull.js';
import type { PushResult } from '../io/templates-sync/push.js';
import { paint } from './output.js';
import { plural } from './plural.js';

/** One row of templates list. */
export interface ListRow {
  name: string;
  language: string;
  category: string;
  status: string;
  quality: string;
  rejectedReason: string;
  lastUpdated: string;
}

function table(head: string[]): Table.Table {
  return new Table({ head: head.map((h) => paint('bold', h)), style: { head: [], border: [] } });
}

const STATUS_COLOUR: Record<string, 'green' | 'yellow' | 'red'> = { APPROVED: 'green', PENDING: 'yellow', IN_APPEAL: 'yellow', REJECTED: 'red', PAUSED: 'red', DISABLED: 'red' };
const status = (s: string | undefined) => (s ? paint(STATUS_COLOUR[s] ?? 'gray', s) : '');

/** templates list. */
export function renderTemplateList(rows: readonly ListRow[]): string {
  if (rows.length === 0) return 'no templates match';
  const t = table(['name', 'language', 'category', 'status', 'quality', 'rejection reason', 'last update']);
  for (const r of rows) t.push([r.name, r.language, r.category, status(r.status), r.quality, r.rejectedReason, r.lastUpdated]);
  return `${t.toString()}\n${plural(rows.length, 'template')}`;
}

/** templates pull. */
export function renderPull(results: readonly PullResult[]): string {
  const t = table(['file', 'result']);
  for (const r of results) t.push([r.file || `(${r.template})`, r.outcome === 'kept' ? paint('yellow', `kept: ${r.reason}`) : r.outcome]);
  return t.toString();
}

/** templates push. */
export function renderPush(results: readonly PushResult[]): string {
  const t = table(['file', 'template', 'result', 'status', 'reason']);
  for (const r of results) {
    const outcome = r.outcome === 'refused' ? paint('red', 'refused') : r.outcome === 'unchanged' ? paint('gray', 'unchanged') : paint('green', r.outcome);
    const notes = [r.reason, r.recategorised ? `filed as ${r.recategorised}` : undefined].filter(Boolean).join('; ');
    t.push([r.file, `${r.template}:${r.language}`, outcome, status(r.status), notes]);
  }
  return t.toString();
}

/** templates status. */
export function renderReview(rows: readonly ReviewRow[]): string {
  const t = table(['template', 'category', 'status', 'rejection reason', 'lint rule that catches it']);
  for (const r of rows) {
    const rules = r.status === 'REJECTED' ? (r.rules.length ? r.rules.join(', ') : 'none would have') : '';
    t.push([`${r.name}:${r.language}`, r.category, status(r.status), r.reason ?? '', rules]);
  }
  return t.toString();
}
