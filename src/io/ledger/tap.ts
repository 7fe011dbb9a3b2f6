/** Append webhook statuses to the campaign ledgers they belong to, found by the campaign id in biz_opaque_callback_data. */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerEvent } from '../../core/campaign/events.js';
import { DurableAppender } from './appender.js';

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

/** Appends to ledgers that a running send may hold: each event is one O_APPEND write, so lines never interleave. */
export class LedgerTap {
  private ledgers = new Map<string, string>();
  private readonly open = new Map<string, { fd: number; out: DurableAppender }>();
  private lastScan = 0;

  constructor(private readonly dirs: string[]) {}

  /** The ledger of a campaign id (rescanning at most every 2 s for new campaigns). */
  find(campaignId: string): string | undefined {
    let path = this.ledgers.get(campaignId);
    if (!path && Date.now() - this.lastScan > 2000) {
      this.ledgers = findLedgers(this.dirs);
      this.lastScan = Date.now();
      path = this.ledgers.get(campaignId);
    }
    return path;
  }

  /** Append an event to a campaign's ledger; false when no ledger is known for it. */
  async append(campaignId: string, event: LedgerEvent): Promise<boolean> {
    const path = this.find(campaignId);
    if (!path) return false;
    let entry = this.open.get(path);
    if (!entry) {
      const fd = openSync(path, 'a', 0o600);
      entry = { fd, out: new DurableAppender(fd) };
      this.open.set(path, entry);
    }
    await entry.out.append(JSON.stringify(event));
    return true;
  }

  /** Flush everything and close the files. */
  async close(): Promise<void> {
    await Promise.all([...this.open.values()].map((o) => o.out.drain()));
    for (const { fd } of this.open.values()) closeSync(fd);
    this.open.clear();
  }
}
