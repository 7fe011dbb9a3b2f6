/** The suppression list: numbers that opted out (STOP, Meta's marketing opt-out, 131050, manual); JSON Lines, mode 0600. */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { readTextFile } from './read-text-file.js';
import { readDotEnv } from './config/config-files.js';

import type { SuppressionRecord } from '../core/suppressions/record.js';
import { foldSuppressions, normaliseSuppression, SUPPRESSION_E164, type SuppressionList } from '../core/suppressions/fold.js';

export type { SuppressionReason, SuppressionRecord, SuppressionScope, SuppressionSource } from '../core/suppressions/record.js';

/** Where the list lives: WA_OPS_SUPPRESSIONS (the environment, else .env, as every WA_OPS_ setting), else wa-ops.suppressions.jsonl in the working directory. */
export function suppressionsPath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  // Read from .env too: a receiver started with the variable and a send reading only .env must not use two lists.
  return resolve(cwd, env.WA_OPS_SUPPRESSIONS || readDotEnv(cwd).WA_OPS_SUPPRESSIONS || 'wa-ops.suppressions.jsonl');
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
    if (!SUPPRESSION_E164.test(r.e164)) throw new Error(`suppression record without a valid E.164 number: ${JSON.stringify(r.e164)}`);
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
