/** The suppression list: numbers that opted out (STOP, Meta's marketing opt-out, 131050, manual); JSON Lines, mode 0600. */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { isObject } from '../core/is-object.js';
import { whatsAppKey } from '../core/numbers/same-wa-number.js';
import { readTextFile } from './read-text-file.js';
import { readDotEnv } from './config/config-files.js';

import type { SuppressionRecord, SuppressionScope } from '../core/suppressions/record.js';

export type { SuppressionReason, SuppressionRecord, SuppressionScope, SuppressionSource } from '../core/suppressions/record.js';

/** Why a number is suppressed for a category. */
export interface SuppressionHit {
  reason: string;
  scope: SuppressionScope;
  at: string;
  record: SuppressionRecord;
}

/** The folded list: the latest record per number and scope wins, "lift" removes. */
export interface SuppressionList {
  /** null when the number may receive a template of this category; a "marketing" scope blocks MARKETING only. */
  isSuppressed(e164: string, category: string): SuppressionHit | null;
  /** The active suppressions (latest "add" per number and scope), in file order. */
  entries(): SuppressionRecord[];
  /** Every valid record in file order (for audit: who lifted what, when). */
  history(): SuppressionRecord[];
  /** Any active suppression of the number, whatever its scope (all-scope first). Kept for callers that predate scopes. */
  get(e164: string): SuppressionHit | undefined;
  /** Number of active suppressions. */
  readonly size: number;
}

const E164 = /^\+[1-9]\d{5,14}$/;

/** Where the list lives: WA_OPS_SUPPRESSIONS (the environment, else .env, as every WA_OPS_ setting), else wa-ops.suppressions.jsonl in the working directory. */
export function suppressionsPath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  // Read from .env too: a receiver started with the variable and a send reading only .env must not use two lists.
  return resolve(cwd, env.WA_OPS_SUPPRESSIONS || readDotEnv(cwd).WA_OPS_SUPPRESSIONS || 'wa-ops.suppressions.jsonl');
}

/** A record from one parsed line: v2 as is, v1 (`{e164, reason, at, source?}`) as an all-scope add; null if unusable. */
export function normaliseSuppression(raw: unknown): SuppressionRecord | null {
  if (!isObject(raw)) return null;
  const r = raw;
  const e164 = typeof r.e164 === 'string' ? r.e164.trim() : '';
  // `{"e164":"+"}` and other junk from older versions suppress nobody.
  if (!E164.test(e164)) return null;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const op = r.op === 'lift' ? 'lift' : 'add';
  const scope: SuppressionScope = r.v === 2 && r.scope === 'marketing' ? 'marketing' : 'all';
  const rec: SuppressionRecord = { v: 2, op, e164, reason: str(r.reason) ?? 'manual', scope, source: r.v === 2 ? (str(r.source) ?? 'cli') : 'webhook', at: str(r.at) ?? '' };
  for (const k of ['waId', 'userId', 'eventAt', 'by', 'note'] as const) if (str(r[k])) rec[k] = str(r[k]);
  return rec;
}

/**
 * Fold records (in file order) into a list. Numbers are keyed by WhatsApp account: an opt-out from a webhook carries the
 * customer's wa_id, which in Brazil, Mexico and Argentina may lack (or have) the extra mobile digit the business dials;
 * either spelling is the same customer, for an add, a lift and a lookup alike.
 */
export function foldSuppressions(records: SuppressionRecord[]): SuppressionList {
  const active = new Map<string, SuppressionRecord>();
  const keyOf = (scope: SuppressionScope, e164: string) => `${scope}|${whatsAppKey(e164)}`;
  for (const r of records) {
    const key = keyOf(r.scope, r.e164);
    // Re-insert so entries() keeps the order of the latest add.
    active.delete(key);
    if (r.op === 'add') active.set(key, r);
  }
  const hit = (r: SuppressionRecord | undefined): SuppressionHit | null => (r ? { reason: r.reason, scope: r.scope, at: r.at, record: r } : null);
  return {
    isSuppressed(e164, category) {
      const all = active.get(keyOf('all', e164));
      if (all) return hit(all);
      return String(category).toUpperCase() === 'MARKETING' ? hit(active.get(keyOf('marketing', e164))) : null;
    },
    entries: () => [...active.values()],
    history: () => [...records],
    get: (e164) => hit(active.get(keyOf('all', e164)) ?? active.get(keyOf('marketing', e164))) ?? undefined,
    get size() {
      return active.size;
    },
  };
}

const LIST_HINT = 'give --suppressions (or WA_OPS_SUPPRESSIONS) the JSON Lines file of the list, e.g. wa-ops.suppressions.jsonl';

/** The largest list read (about 1.5 million records): far above real opt-out lists, far below what exhausts memory. */
export const MAX_LIST_BYTES = 256 * 1024 * 1024;

/**
 * The list's text, undefined when there is none. A FIFO, a device or a /proc file in its place is refused (exit 2)
 * instead of hanging wa-ops in a read no signal can interrupt, or reading /dev/zero until memory runs out.
 */
export function readListText(path: string): string | undefined {
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError(`the suppression list ${path} is a folder, not a file`, { code: 'not-a-file', hint: LIST_HINT });
  }
  return readTextFile(path, {
    what: 'suppression list',
    maxBytes: MAX_LIST_BYTES,
    code: 'not-a-file',
    hint: LIST_HINT,
    missingOk: true,
  });
}

/** Read and fold the list (a missing file is an empty list; a torn or broken line is skipped). */
export function readSuppressions(path: string): SuppressionList {
  const records: SuppressionRecord[] = [];
  for (const line of (readListText(path) ?? '').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = normaliseSuppression(JSON.parse(line));
      if (r) records.push(r);
    } catch {
      // a torn line from a crash: skipped
    }
  }
  return foldSuppressions(records);
}

/** Append records durably: newline-terminate a torn tail, then one O_APPEND write of whole lines and an fsync (mode 0600). */
export function appendSuppressions(path: string, records: SuppressionRecord[]): void {
  if (records.length === 0) return;
  for (const r of records) {
    if (!E164.test(r.e164)) throw new Error(`suppression record without a valid E.164 number: ${JSON.stringify(r.e164)}`);
  }
  const fd = openSync(path, 'a+', 0o600);
  try {
    const size = fstatSync(fd).size;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      // Several processes may append (serve, the suppressions command): terminating is safe where truncating is not.
      if (last[0] !== 0x0a) prefix = '\n';
    }
    writeSync(fd, prefix + records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A record with the defaults filled in (op add, source cli, now). */
export function suppressionRecord(init: Omit<SuppressionRecord, 'v' | 'op' | 'source' | 'at'> & Partial<Pick<SuppressionRecord, 'op' | 'source' | 'at'>>): SuppressionRecord {
  return { ...init, v: 2, op: init.op ?? 'add', source: init.source ?? 'cli', at: init.at ?? new Date().toISOString() };
}
