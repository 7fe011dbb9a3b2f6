/** send --to's flags: their kinds, and the typed options they become (checked once, before anything is read or sent). */
import { parseDuration } from '../core/campaign/duration.js';
import { UsageError } from '../core/errors.js';
import { parseTemplateRef } from '../core/send-to/message.js';
import { parseParamFlags } from '../core/send-to/params.js';
import { checkSuppressionsFile } from '../io/campaign/send-suppressions.js';
import { parseFlags, regionFlag, type FlagSchema } from './flags.js';
import { isSupportedRegion } from './supported-region.js';

/** send --to's options, parsed once from the flags. */
export interface SendToOptions {
  to: string;
  template?: { name: string; language: string };
  params: Map<string, string>;
  text?: string;
  country?: string;
  yes: boolean;
  wait: boolean;
  waitTimeoutMs: number;
  config?: string;
  events?: string;
  /** --store: the suppression list then comes from PostgreSQL, as for send --campaign --store. */
  store?: string;
  /** --suppressions: this list file is honoured too (it must exist). */
  suppressions?: string;
}

/** The flags send --to reads, as commander delivers them (--campaign only to refuse it). */
interface ToFlags {
  to?: string;
  campaign?: string;
  template?: string;
  param?: string[];
  text?: string;
  country?: string;
  yes?: boolean;
  wait?: boolean;
  waitTimeout?: string;
  config?: string;
  events?: string;
  store?: string;
  suppressions?: string;
}

/** The flags' kinds, checked once when they are read (parseFlags). */
const TO_FLAGS: FlagSchema<ToFlags> = {
  to: 'string',
  campaign: 'string',
  template: 'string',
  param: 'list',
  text: 'string',
  country: 'string',
  yes: 'boolean',
  wait: 'boolean',
  waitTimeout: 'string',
  config: 'string',
  events: 'string',
  store: 'string',
  suppressions: 'string',
};

/** Flags to options; every bad combination is a usage error (exit 2) with one line. */
export function toOptions(flags: Record<string, unknown>): SendToOptions {
  const f = parseFlags<ToFlags>(flags, TO_FLAGS);
  const list = f.param ?? [];
  const { template, text } = f;
  if (f.campaign !== undefined) throw new UsageError('pass --campaign or --to, not both', { code: 'bad-flag' });
  if ((template === undefined) === (text === undefined)) throw new UsageError('send --to needs exactly one of --template <name:lang> or --text <body>', { code: 'bad-flag' });
  if (text !== undefined && list.length) throw new UsageError('--param goes with --template, not --text', { code: 'bad-flag' });
  const timeout = f.waitTimeout;
  const waitTimeoutMs = timeout === undefined ? 120_000 : parseDuration(timeout);
  if (!waitTimeoutMs) throw new UsageError(`--wait-timeout takes a duration such as 30s or 5m, got "${timeout}"`, { code: 'bad-flag' });
  const country = f.country === undefined ? undefined : regionFlag('--country', f.country, isSupportedRegion);
  return {
    to: f.to ?? '',
    template: template === undefined ? undefined : parseTemplateRef(template),
    params: parseParamFlags(list),
    text,
    country,
    yes: f.yes === true,
    wait: f.wait === true,
    waitTimeoutMs,
    config: f.config,
    events: f.events,
    store: f.store,
    suppressions: f.suppressions === undefined ? undefined : checkSuppressionsFile(f.suppressions, { country }),
  };
}
