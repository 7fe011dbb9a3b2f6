/** send --campaign's flags: their kinds, and the typed options they become (parsed once, before any lock or request). */
import { UsageError } from '../core/errors.js';
import { parseDuration, parseRate } from '../core/campaign/duration.js';
import { windowFrom } from '../core/campaign/policies.js';
import { checkSuppressionsFile } from '../io/campaign/send-suppressions.js';
import type { SendOptions } from '../io/campaign/send-options.js';
import { csvLimitFlags, intFlag, type FlagSchema } from './flags.js';

/** send --campaign's flags as commander delivers them. */
export interface SendFlags {
  campaign: string;
  dryRun?: boolean;
  yes?: boolean;
  interval?: string;
  rate?: string;
  limit?: string;
  sample?: boolean;
  wait?: boolean;
  cooldown?: string;
  retryUnknown?: boolean;
  ledger?: string;
  config?: string;
  window?: string | false;
  graphUrl?: string[];
  allowFullBudget?: boolean;
  events?: string;
  store?: string;
  maxDuration?: string;
  maxLineLength?: string;
  maxFieldLength?: string;
  suppressions?: string;
  /** Global flags (optsWithGlobals): repeated in the printed resume command. */
  allowInsecureGraphUrl?: boolean;
  allowInternalMedia?: boolean;
}

/** The flags' kinds, checked once when they are read (parseFlags). */
export const SEND_FLAGS: FlagSchema<SendFlags> = {
  campaign: 'required',
  dryRun: 'boolean',
  yes: 'boolean',
  interval: 'string',
  rate: 'string',
  limit: 'string',
  sample: 'boolean',
  wait: 'boolean',
  cooldown: 'string',
  retryUnknown: 'boolean',
  ledger: 'string',
  config: 'string',
  window: 'string-or-false',
  graphUrl: 'list',
  allowFullBudget: 'boolean',
  events: 'string',
  store: 'string',
  maxDuration: 'string',
  maxLineLength: 'string',
  maxFieldLength: 'string',
  suppressions: 'string',
  allowInsecureGraphUrl: 'boolean',
  allowInternalMedia: 'boolean',
};

function badFlag(flag: string, value: string, expected: string): never {
  throw new UsageError(`${flag} takes ${expected}, got "${value}"`, { code: 'bad-flag' });
}

/** Flags -> typed options, once. country: the campaign's defaultCountry, for the import command a CRM's CSV given as --suppressions is told to use. */
export function parseOptions(f: SendFlags, events: string, store: string | undefined, country?: string): SendOptions {
  return {
    ...flagValues(f),
    events,
    store,
    // Checked now: a mistyped path is refused before a lock, a cooldown wait or the network.
    suppressions: f.suppressions === undefined ? undefined : checkSuppressionsFile(f.suppressions, { country }),
  };
}

/** The flags' values, typed; a bad one is exit 2 at once (before the campaign file is read: one mistake at a time is enough). */
export function flagValues(f: SendFlags): Omit<SendOptions, 'events' | 'store' | 'suppressions'> {
  if (f.interval && f.rate) throw new UsageError('pass --interval or --rate, not both', { code: 'bad-flag' });
  let intervalMs: number | undefined;
  if (f.interval !== undefined) intervalMs = parseDuration(f.interval) ?? badFlag('--interval', f.interval, 'a duration such as 6s, 250ms, 1m');
  if (f.rate !== undefined) intervalMs = parseRate(f.rate) ?? badFlag('--rate', f.rate, 'a rate such as 10/s, 30/min, 500/h');
  if (intervalMs !== undefined && intervalMs <= 0) badFlag('--interval', String(f.interval), 'a duration above zero');
  // A bad --window is a usage error at once, before a paused ledger or the network is consulted.
  if (typeof f.window === 'string') {
    try {
      windowFrom(f.window, undefined);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err), { code: 'bad-flag' });
    }
  }
  // Zero would stop every run (and its printed resume command) before the first message.
  const maxDurationMs = f.maxDuration === undefined ? undefined : (positive(parseDuration(f.maxDuration)) ?? badFlag('--max-duration', f.maxDuration, 'a duration above 0 such as 50m or 5h'));
  return {
    campaign: f.campaign,
    dryRun: Boolean(f.dryRun),
    yes: Boolean(f.yes),
    intervalMs,
    limit: f.limit === undefined ? undefined : intFlag('--limit', f.limit, 1),
    sample: f.sample === true,
    noSample: f.sample === false,
    noWait: f.wait === false,
    cooldownMs: f.cooldown === undefined ? 300_000 : (parseDuration(f.cooldown) ?? badFlag('--cooldown', f.cooldown, 'a duration such as 5m')),
    retryUnknown: Boolean(f.retryUnknown),
    ledger: f.ledger,
    config: f.config,
    window: f.window,
    graphUrls: f.graphUrl,
    allowFullBudget: Boolean(f.allowFullBudget),
    maxDurationMs,
    maxDuration: f.maxDuration,
    csvLimits: csvLimitFlags(f),
  };
}

/** A duration above zero, else undefined. */
function positive(ms: number | undefined): number | undefined {
  return ms !== undefined && ms > 0 ? ms : undefined;
}
