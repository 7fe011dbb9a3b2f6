/** The exact command that resumes a run with the options it had (printed for the user to copy). */
import { shellQuote } from '../shell-quote.js';
import type { RunOptionsRecord } from './events.js';

/** A duration as --interval takes it, exactly (no rounding). */
export function exactDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

export { shellQuote } from '../shell-quote.js';

/** Everything the printed resume command must carry to continue the run exactly as it was. */
export interface ResumeInput extends RunOptionsRecord {
  campaign: string;
  /** Whether the run was confirmed with --yes (default: yes). */
  yes?: boolean;
  window?: string | false;
  graphUrls?: string[];
  events?: string;
  maxDuration?: string;
  /** The --store value as it may be printed (storeForResume), when it came from the flag. */
  store?: string;
  /** --max-line-length, --max-field-length and their values, when the run raised the list's caps. */
  csvLimitArgs?: string[];
  /** The run had --allow-full-budget (its pace or budget needs it). */
  allowFullBudget?: boolean;
  /** The run had --no-wait. */
  noWait?: boolean;
  /** The --suppressions file the run honoured: the resumed run must skip the same people. */
  suppressions?: string;
  /** The run had --allow-insecure-graph-url / --allow-internal-media: without them the resumed run stops at its checks (exit 2). */
  allowInsecureGraphUrl?: boolean;
  allowInternalMedia?: boolean;
}

/** --store for a printed command: the URL itself, or "$WA_OPS_STORE" when it holds a password (never printed). */
export function storeForResume(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.password || u.searchParams.has('password')) return '"$WA_OPS_STORE"';
  } catch {
    return undefined;
  }
  return url;
}

/** ` --store <url>` for a printed command naming the store `url` (storeForResume's form), or '' without one. */
export function storeArgument(url: string | undefined): string {
  const store = storeForResume(url);
  return store ? ` --store ${store.startsWith('"') ? store : shellQuote(store)}` : '';
}

/** wa-ops send --campaign ... with every option the run used, then --yes when the run had it (an operator who was asked is asked again). */
export function resumeCommand(o: ResumeInput): string {
  const a = ['wa-ops', 'send', '--campaign', shellQuote(o.campaign)];
  if (o.ledger) a.push('--ledger', shellQuote(o.ledger));
  if (o.config) a.push('--config', shellQuote(o.config));
  if (o.events) a.push('--events', shellQuote(o.events));
  if (o.suppressions) a.push('--suppressions', shellQuote(o.suppressions));
  if (o.store) a.push('--store', o.store === '"$WA_OPS_STORE"' ? o.store : shellQuote(o.store));
  if (o.sample) a.push('--sample');
  if (o.intervalMs !== undefined) a.push('--interval', exactDuration(o.intervalMs));
  // A limit used up means the run did what it was asked; what is left is sent by the plain command.
  if (o.limit !== undefined && o.limit > 0) a.push('--limit', String(o.limit));
  if (o.retryUnknown) a.push('--retry-unknown');
  if (o.cooldownMs !== undefined && o.cooldownMs !== 300_000) a.push('--cooldown', exactDuration(o.cooldownMs));
  if (o.window !== undefined) a.push('--window', o.window === false ? 'off' : shellQuote(o.window));
  for (const u of o.graphUrls ?? []) a.push('--graph-url', shellQuote(u));
  if (o.maxDuration) a.push('--max-duration', o.maxDuration);
  // A pace over the number's throughput is refused without it; a run that exits at a cooldown keeps doing so.
  if (o.allowFullBudget) a.push('--allow-full-budget');
  if (o.noWait) a.push('--no-wait');
  if (o.allowInsecureGraphUrl) a.push('--allow-insecure-graph-url');
  if (o.allowInternalMedia) a.push('--allow-internal-media');
  // Without them the resumed run could not read the list it started on.
  if (o.csvLimitArgs) a.push(...o.csvLimitArgs);
  if (o.yes !== false) a.push('--yes');
  return a.join(' ');
}
