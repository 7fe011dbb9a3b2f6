/** Find campaign ledgers under some folders by the campaign id in their header line (read-only: only send writes a ledger). */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRegularFile } from './ledger-file.js';

function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').split('\n')[0];
  } finally {
    closeSync(fd);
  }
}

/** Ledgers under some folders (two levels deep), by campaign id from their header line. */
export function findLedgers(dirs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (name.endsWith('.ledger.jsonl')) {
        // A FIFO or device with a ledger's name is not a ledger, and opening it would wait forever.
        if (!isRegularFile(path)) continue;
        try {
          const header = JSON.parse(firstLine(path)) as { t?: string; campaignId?: string };
          if (header.t === 'header' && header.campaignId) out.set(header.campaignId, path);
        } catch {
          // not a ledger, or an empty one
        }
      } else if (depth > 0 && !name.startsWith('.') && name !== 'node_modules') {
        try {
          if (statSync(path).isDirectory()) visit(path, depth - 1);
        } catch {
          // vanished
        }
      }
    }
  };
  for (const d of dirs) visit(d, 2);
  return out;
}
