/** wa-ops suppressions list | add | remove | import | export: the opt-out list as a first-class thing; each subcommand is its own module. */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { classifyTyped } from '../core/numbers/typed-number.js';
import { REASONS, SCOPES, type SuppressionScope } from '../core/suppressions/plan.js';
import { parseFlags, regionFlag, type FlagSchema } from './flags.js';
import { isSupportedRegion } from './supported-region.js';

type Runner = (args: unknown[], flags: Record<string, unknown>) => Promise<number>;

/** Flags every subcommand shares, parsed once. */
export interface CommonOptions {
  /** Which list: --suppressions (a file), else --store / WA_OPS_STORE / config when PostgreSQL, else the default file. */
  list: { file?: string; store?: string; config?: string };
  scope?: SuppressionScope;
  country?: string;
  by: string;
  note?: string;
}

/** The flags of suppressions list | add | remove | import | export as commander delivers them (each subcommand has some). */
export interface SuppressionsFlags {
  suppressions?: string;
  store?: string;
  config?: string;
  scope?: string;
  country?: string;
  by?: string;
  note?: string;
  reason?: string;
  history?: boolean;
  column?: string;
  countryColumn?: string;
  out?: string;
  force?: boolean;
  maxLineLength?: string;
  maxFieldLength?: string;
}

/** Their kinds, checked once when they are read (parseFlags). */
const SUPPRESSIONS_FLAGS: FlagSchema<SuppressionsFlags> = {
  suppressions: 'string',
  store: 'string',
  config: 'string',
  scope: 'string',
  country: 'string',
  by: 'string',
  note: 'string',
  reason: 'string',
  history: 'boolean',
  column: 'string',
  countryColumn: 'string',
  out: 'string',
  force: 'boolean',
  maxLineLength: 'string',
  maxFieldLength: 'string',
};

/** A subcommand's flags, read once. */
export function suppressionsFlags(flags: Record<string, unknown>): SuppressionsFlags {
  return parseFlags<SuppressionsFlags>(flags, SUPPRESSIONS_FLAGS);
}

/** Parse the shared flags (exit 2 on a bad value). */
export function commonOptions(f: SuppressionsFlags): CommonOptions {
  // An empty value is no value: "--note ''" adds no note.
  const str = (k: 'suppressions' | 'store' | 'config' | 'scope' | 'country' | 'by' | 'note') => f[k] || undefined;
  const given = str('scope');
  const scope = SCOPES.find((s) => s === given);
  if (given !== undefined && scope === undefined) throw new UsageError(`--scope takes all or marketing, got "${given}"`, { code: 'bad-flag' });
  return {
    list: { file: f.suppressions ? resolve(f.suppressions) : undefined, store: str('store'), config: str('config') },
    scope,
    country: str('country') === undefined ? undefined : regionFlag('--country', f.country, isSupportedRegion),
    by: boundedText('--by', str('by')) ?? osUser(),
    note: boundedText('--note', str('note')),
  };
}

/** Longest --note or --by kept: a record is one line of the list, read by every send. */
export const MAX_NOTE_LENGTH = 1000;

/** A free-text flag of a record, refused when it would make the list's line unreasonably long. */
function boundedText(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.length > MAX_NOTE_LENGTH) {
    throw new UsageError(`${flag} is ${value.length.toLocaleString('en-US')} characters long; at most ${MAX_NOTE_LENGTH.toLocaleString('en-US')}`, { code: 'bad-flag', hint: 'shorten it: a note says why, the details belong in your CRM' });
  }
  return value;
}

/** --reason: one of the list's reason ids. */
export function reasonFlag(value: string | undefined, fallback: string): string {
  const reason = value ?? fallback;
  if (!REASONS.some((r) => r === reason)) throw new UsageError(`--reason takes ${REASONS.join(', ')}, got "${reason}"`, { code: 'bad-flag' });
  return reason;
}

/** Numbers typed on the command line, classified like validate-numbers; one bad number stops everything (exit 2). */
export function numberArgs(list: unknown, country: string | undefined): string[] {
  const raw = Array.isArray(list) ? list.map(String) : [];
  if (raw.length === 0) throw new UsageError('give at least one number', { code: 'usage' });
  return raw.map((n) => {
    const c = classifyTyped(n, country);
    if (!c.valid) throw new UsageError(`"${n}" is not a valid number (${c.reason}); nothing was changed`, { code: 'bad-number', hint: c.reason === 'missing-country-code' ? 'write it with +<country code> or pass --country DE' : c.reason === 'ambiguous-country-code' ? `it reads as ${c.detail}: write it with "+" or with its leading 0` : 'check the number' });
    return c.e164;
  });
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** suppressions list */
export const list: Runner = async (args, flags) => (await import('./suppressions/list.js')).run(args, flags);
/** suppressions add */
export const add: Runner = async (args, flags) => (await import('./suppressions/change.js')).add(args, flags);
/** suppressions remove */
export const remove: Runner = async (args, flags) => (await import('./suppressions/change.js')).remove(args, flags);
/** suppressions import */
export const importCsv: Runner = async (args, flags) => (await import('./suppressions/transfer.js')).importCsv(args, flags);
/** suppressions export */
export const exportCsv: Runner = async (args, flags) => (await import('./suppressions/transfer.js')).exportCsv(args, flags);
