/** The live tail of webhook serve (one line per event, like `stripe listen`) and its stop summary. */
import { formatDuration } from '../core/campaign/duration.js';
import { cleanExternal as c } from '../core/webhook/external-text.js';
import { describeManagement } from '../core/webhook/management.js';
import type { WebhookRecord } from '../core/webhook/records.js';
import type { WebhookStats } from '../webhook/server-options.js';
import type { ForwardResult } from '../webhook/forwarder.js';
import { paint } from './output.js';
import { fmtInt } from './progress.js';
import { plural } from './plural.js';

const clock = (d: Date) => d.toTimeString().slice(0, 8);
const num = (digits: string) => (/^\d+$/.test(digits) ? `+${digits}` : c(digits, 40));
const STATUS_COLOUR: Record<string, 'green' | 'red' | 'cyan' | 'gray'> = { sent: 'gray', delivered: 'cyan', read: 'green', played: 'green', failed: 'red' };

/** A long wamid cut in the middle: its start says what it is, its end tells two messages apart (their starts are alike). */
function shortId(id: string, max = 48): string {
  if (id.length <= max) return id;
  const head = 14;
  return `${id.slice(0, head)}…${id.slice(id.length - (max - head - 1))}`;
}

const field = (o: unknown, k: string): unknown => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** What a message without typed text holds, in a few words: a reaction's emoji, a place, a caption or file name, a contact, an order. */
function messageGist(type: string, m: unknown): string | undefined {
  const o = field(m, type);
  if (type === 'reaction') return text(field(o, 'emoji')) ?? '(reaction removed)';
  if (type === 'location') return text(field(o, 'name')) ?? text(field(o, 'address')) ?? [field(o, 'latitude'), field(o, 'longitude')].map(text).join(', ');
  if (type === 'contacts' && Array.isArray(o)) return o.map((x) => text(field(field(x, 'name'), 'formatted_name')) ?? '?').join(', ');
  if (type === 'order') return `${Array.isArray(field(o, 'product_items')) ? (field(o, 'product_items') as unknown[]).length : 0} item(s)${text(field(o, 'text')) ? `: ${text(field(o, 'text'))}` : ''}`;
  if (type === 'system') return text(field(o, 'body'));
  return text(field(o, 'caption')) ?? text(field(o, 'filename'));
}

function body(r: WebhookRecord): string {
  switch (r.kind) {
    case 'status': {
      const err = r.errors?.[0];
      const what = paint(STATUS_COLOUR[r.status] ?? 'gray', c(r.status, 20).padEnd(9));
      // A group message: the group, and the participant this status is for.
      const participant = text(field(r.extra, 'recipient_participant_id'));
      return `status   ${what} ${num(r.recipient)}${participant ? ` ${num(participant)}` : ''}  ${shortId(c(r.id, 200))}${r.cb ? `  ${paint('dim', c(r.cb, 60))}` : ''}${err ? `  ${paint('red', `${err.code} ${c(err.title ?? '', 60)}`)}` : ''}`;
    }
    case 'message': {
      const gist = r.text ?? messageGist(r.type, r.message);
      return `inbound  ${c(r.type, 20).padEnd(9)} ${num(r.from)}  ${gist !== undefined ? JSON.stringify(c(gist, 60)) : ''}`;
    }
    case 'preference':
      return `opt-out  ${`${c(r.value, 8)}`.padEnd(9)} ${num(r.waId ?? r.userId ?? '?')}  ${c(r.category, 30)}`;
    case 'error':
      return `error    ${paint('red', c(r.code, 12))} ${c(r.title ?? '', 60)}${r.details ? `: ${c(r.details, 80)}` : ''}`;
    case 'management': {
      const e = describeManagement(r);
      const line = `${c(e.field, 40)}  ${c(e.subject, 60)}  ${c(e.change, 100)}`;
      return `account  ${e.severity === 'stop' ? paint('red', line) : e.severity === 'warn' ? paint('yellow', line) : line}`;
    }
    default:
      return `event    ${c(r.field, 40)}`;
  }
}

/** One line for a stored (or duplicate) record. */
export function tailLine(r: WebhookRecord, duplicate: boolean, now = new Date()): string {
  return `${paint('dim', clock(now))}  ${body(r)}${duplicate ? paint('dim', '  (duplicate, not stored again)') : ''}`;
}

/** One line for a forwarding result worth showing (retries and dead letters; successes only when verbose). */
export function forwardLine(r: ForwardResult, now = new Date()): string {
  const why = r.status !== undefined ? `HTTP ${r.status}` : c(r.error ?? 'error', 80);
  const kept = r.deadLetterError ? `could not keep it as a dead letter (${c(r.deadLetterError, 120)}); the event is in the events file` : 'kept as a dead letter';
  const what = r.ok ? paint('green', `forwarded (${why})`) : r.dead ? paint('red', `forward gave up after ${plural(r.attempts, 'try', 'tries')} (${why}): ${kept}`) : paint('yellow', `forward failed (${why}), retrying`);
  return `${paint('dim', clock(now))}  → ${what}`;
}

/** The sentence printed when serve stops. */
export function stopSummary(s: WebhookStats, elapsedMs: number, deadLetterPath?: string): string {
  const parts = [`${plural(s.recorded, 'event')} stored`];
  if (s.duplicates) parts.push(`${plural(s.duplicates, 'duplicate delivery', 'duplicate deliveries')} ignored`);
  const refused = s.badSignature + s.tooLarge + s.badJson;
  if (refused) parts.push(`${fmtInt(refused)} refused (${[s.badSignature && plural(s.badSignature, 'bad signature'), s.tooLarge && `${fmtInt(s.tooLarge)} too large`, s.badJson && `${fmtInt(s.badJson)} not JSON`].filter(Boolean).join(', ')})`);
  if (s.storageErrors) parts.push(`${fmtInt(s.storageErrors)} answered 500 (storage errors)`);
  if (s.suppressed || s.lifted) parts.push(`${plural(s.suppressed, 'opt-out')} suppressed, ${fmtInt(s.lifted)} lifted`);
  if (s.unresolvedOptOuts) parts.push(`${plural(s.unresolvedOptOuts, 'opt-out')} without a known number`);
  if (deadLetterPath) parts.push(`${fmtInt(s.forwarded)} forwarded${s.forwardRetries ? ` (${plural(s.forwardRetries, 'retry', 'retries')})` : ''}, ${plural(s.deadLetters, 'dead letter')}${s.deadLetters ? ` in ${deadLetterPath}` : ''}`);
  return `stopped after ${formatDuration(elapsedMs)}: ${parts.join(', ')} (${plural(s.fsyncs, 'disk sync')}).`;
}
