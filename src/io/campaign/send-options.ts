/** The options of a send, parsed once from the flags, and merged with those an interrupted run kept in its ledger. */
import type { RunOptionsRecord } from '../../core/campaign/events.js';
import { exactDuration } from '../../core/campaign/resume.js';
import type { CsvLimits } from '../csv/record-splitter.js';

/** send --campaign's options, parsed once; an unfinished run's options fill what the flags leave out. */
export interface SendOptions {
  /** The campaign file as the user typed it (for the resume command). */
  campaign: string;
  dryRun: boolean;
  yes: boolean;
  intervalMs?: number;
  limit?: number;
  sample: boolean;
  /** --no-sample: an interrupted pilot run (--sample) resumes as a run to the whole list. */
  noSample?: boolean;
  noWait: boolean;
  cooldownMs: number;
  retryUnknown: boolean;
  ledger?: string;
  config?: string;
  window?: string | false;
  graphUrls?: string[];
  allowFullBudget: boolean;
  events?: string;
  store?: string;
  maxDurationMs?: number;
  maxDuration?: string;
  /** Caps on the list's records (--max-line-length, --max-field-length), as validate-numbers takes them. */
  csvLimits?: CsvLimits;
  /** --suppressions: the list file to honour (with the store's list); absent: the store's or the default file. */
  suppressions?: string;
}

/** Options the ledger keeps for a run that did not finish: used when this command does not say otherwise. */
export function adoptResumed(o: SendOptions, kept: RunOptionsRecord | undefined, flagsGiven: { interval: boolean; limit: boolean; cooldown?: boolean }): { options: SendOptions; adopted: string[] } {
  if (!kept) return { options: o, adopted: [] };
  const out = { ...o };
  const adopted: string[] = [];
  if (!o.sample && !o.noSample && kept.sample) {
    out.sample = true;
    adopted.push('--sample');
  }
  if (!flagsGiven.interval && kept.intervalMs !== undefined) {
    out.intervalMs = kept.intervalMs;
    adopted.push(`the pace (${kept.intervalMs} ms per sender)`);
  }
  // A limit used up (0 left) ended that run's work: the plain command then sends the rest, as the printed command does.
  if (!flagsGiven.limit && kept.limit !== undefined && kept.limit > 0) {
    out.limit = kept.limit;
    adopted.push(`--limit ${kept.limit} (what was left of it)`);
  }
  // The printed resume command keeps --cooldown; the plain command does too.
  if (!flagsGiven.cooldown && kept.cooldownMs !== undefined && kept.cooldownMs !== o.cooldownMs) {
    out.cooldownMs = kept.cooldownMs;
    adopted.push(`--cooldown ${exactDuration(kept.cooldownMs)}`);
  }
  // A list named for the unfinished run stays honoured without the flag: dropping it would message who opted out since.
  if (o.suppressions === undefined && kept.suppressions !== undefined) {
    out.suppressions = kept.suppressions;
    adopted.push(`--suppressions ${kept.suppressions}`);
  }
  return { options: out, adopted };
}
