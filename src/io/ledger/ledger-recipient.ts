/** Finds the number a campaign sent a message to, from its ledger (for an opt-out known only by its wamid). */
import { readFileSync } from 'node:fs';
import { isObject } from '../../core/is-object.js';
import { findLedgers } from './find-ledgers.js';
import { isRegularFile } from './ledger-file.js';

/** The recipient a campaign ledger recorded for a wamid (read only; ledgers belong to send). */
export function ledgerRecipient(dirs: string[], wamid: string): string | undefined {
  const needle = JSON.stringify(wamid);
  for (const path of findLedgers(dirs).values()) {
    let text: string;
    if (!isRegularFile(path)) continue;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes(needle)) continue;
    for (const line of text.split('\n')) {
      if (!line.includes(needle)) continue;
      try {
        const e: unknown = JSON.parse(line);
        if (isObject(e) && e.wamid === wamid && typeof e.r === 'string' && /^\+\d{6,15}$/.test(e.r)) return e.r;
      } catch {
        // a torn line
      }
    }
  }
  return undefined;
}
