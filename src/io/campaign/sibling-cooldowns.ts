/**
 * With local files, each campaign's cooldowns live in its own ledger: a spam-rate (131048) or throughput cooldown that
 * another campaign of the same folder met on a sender binds that number, so a run on it must not start sending during
 * it (PostgreSQL shares cooldowns per sender in the store). Read, never written: each ledger keeps one writer.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { LedgerState } from '../../core/campaign/ledger-state.js';

/** The latest sender cooldown in force found in another ledger, and which ledger holds it. */
export interface SiblingCooldown {
  at: number;
  until: number;
  code: number;
  sender: string;
  reason: string;
  ledger: string;
}

/** The cooldown in force on any of `senders` that another ledger in `ledgerPath`'s folder recorded (undefined: none). */
export async function siblingCooldown(ledgerPath: string, senders: readonly string[], now: number): Promise<SiblingCooldown | undefined> {
  const dir = dirname(resolve(ledgerPath));
  let names: string[];
  try {
    // Regular files only: a FIFO or a device named like a ledger would hang or flood the read.
    names = readdirSync(dir).filter((n) => n.endsWith('.ledger.jsonl') && n !== basename(ledgerPath) && statSync(join(dir, n), { throwIfNoEntry: false })?.isFile() === true);
  } catch {
    return undefined; // an unreadable folder: this campaign's own ledger still binds
  }
  let found: SiblingCooldown | undefined;
  for (const name of names) {
    const hit = await cooldownIn(join(dir, name), senders, now).catch(() => undefined);
    if (hit && (!found || hit.until > found.until)) found = hit;
  }
  return found;
}

/** The latest API cooldown on one of `senders` still in force in one ledger (only its cooldown lines are parsed). */
async function cooldownIn(path: string, senders: readonly string[], now: number): Promise<SiblingCooldown | undefined> {
  let found: SiblingCooldown | undefined;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.includes('"cooldown-until"')) continue;
    let e: { t?: unknown; until?: unknown; code?: unknown; sender?: unknown; reason?: unknown };
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      continue; // a torn line
    }
    if (e.t !== 'cooldown-until' || typeof e.code !== 'number' || typeof e.sender !== 'string' || !senders.includes(e.sender)) continue;
    const until = Date.parse(String(e.until));
    if (!(until > now) || (found && until <= found.until)) continue;
    found = { at: Date.parse(String((e as { at?: unknown }).at)), until, code: e.code, sender: e.sender, reason: typeof e.reason === 'string' ? e.reason : String(e.code), ledger: path };
  }
  return found;
}

/**
 * This run's state binds the other campaign's cooldown when it ends later than its own (in memory only: nothing is
 * written to this ledger); it counts toward escalation like one of its own. Returns whether it was adopted.
 */
export function adoptSiblingCooldown(state: LedgerState, c: SiblingCooldown | undefined): boolean {
  const own = state.cooldownUntil ? Date.parse(state.cooldownUntil) : 0;
  if (!c || c.until <= own) return false;
  state.cooldownUntil = new Date(c.until).toISOString();
  state.cooldownCode = c.code;
  state.cooldownSender = c.sender;
  state.cooldownReason = `${c.reason} (met by the campaign of ${basename(c.ledger)})`;
  state.cooldowns.push({ at: Number.isFinite(c.at) ? c.at : c.until, until: c.until, code: c.code });
  return true;
}
