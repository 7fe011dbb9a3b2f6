/** Operating policies of a run, worked out before the first send: budget, window, cost. */
import { estimateCost, type CostEstimate, type PriceTable } from './pricing.js';
import { zoneFor } from './timezones.js';
import { isOpen, parseWindow, type SendWindow } from './window.js';

/** The daily limit in force, where it warns and where it pauses, and where the limit came from. */
export interface Budget {
  limit: number;
  warnAt: number;
  pauseAt: number;
  source: string;
}

/**
 * The 24 h unique-recipient budget: the smaller of the campaign's dailyLimit and the account's tier.
 * An explicit dailyLimit is the operator's own margin and pauses at exactly that; the account's tier
 * pauses at 90 % unless allowFull. Both warn at 80 %.
 */
export function budgetFrom(dailyLimit: number | undefined, tier: number | undefined, tierName: string | undefined, allowFull: boolean): Budget | undefined {
  const fromTier = tier !== undefined && Number.isFinite(tier) ? tier : undefined;
  if (dailyLimit === undefined && fromTier === undefined) return undefined;
  if (dailyLimit !== undefined && (fromTier === undefined || dailyLimit <= fromTier)) {
    return { limit: dailyLimit, warnAt: Math.floor(dailyLimit * 0.8), pauseAt: dailyLimit, source: `dailyLimit ${dailyLimit}` };
  }
  const limit = fromTier!;
  return { limit, warnAt: Math.floor(limit * 0.8), pauseAt: allowFull ? limit : Math.floor(limit * 0.9), source: `messaging limit ${tierName ?? limit}${allowFull ? '' : ', paused at 90 % (--allow-full-budget to use it all)'}` };
}

/** A --window flag ("09:00-20:00,mon-sat", or off) over the campaign's window. */
export function windowFrom(flag: string | false | undefined, campaign: SendWindow | undefined): SendWindow | undefined {
  if (flag === false || flag === 'off') return undefined;
  if (flag === undefined) return campaign;
  const m = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*(?:[, ]\s*(.+))?$/.exec(flag);
  if (!m) throw new Error('--window takes "HH:MM-HH:MM[,days]", e.g. "09:00-20:00,mon-sat", or "off"');
  return parseWindow({ from: m[1], to: m[2], days: m[3] });
}

/** What the send window means for a set of recipients: open now, waiting, and the zones assumed. */
export interface WindowPlan {
  text: string;
  openNow: number;
  waiting: number;
  /** Regions with several zones, and the zone used. */
  multiZone: { region: string; zone: string; recipients: number }[];
  /** Recipients whose zone is unknown (UTC is used). */
  unknownZone: number;
}

/** How many recipients are inside their window now, and which zone guesses were made. */
export function windowPlan(w: SendWindow, recipients: { region: string; zone?: string }[], now: number, seed: number): WindowPlan {
  const multi = new Map<string, { zone: string; recipients: number }>();
  let openNow = 0;
  let unknownZone = 0;
  const openByZone = new Map<string, boolean>(); // one time-zone computation per zone, not per recipient
  for (const r of recipients) {
    const z = zoneFor(r.region);
    if (!z) unknownZone++;
    else if (z.multi) {
      const m = multi.get(r.region) ?? { zone: z.zone, recipients: 0 };
      m.recipients++;
      multi.set(r.region, m);
    }
    const zone = r.zone ?? 'UTC';
    let open = openByZone.get(zone);
    if (open === undefined) openByZone.set(zone, (open = isOpen(w, now, zone, seed)));
    if (open) openNow++;
  }
  return { text: w.text, openNow, waiting: recipients.length - openNow, multiZone: [...multi.entries()].map(([region, m]) => ({ region, ...m })), unknownZone };
}

/** Cost of the messages about to be sent. */
export function costPlan(prices: PriceTable, category: string, recipients: { region: string }[]): CostEstimate {
  const byRegion = new Map<string, number>();
  for (const r of recipients) byRegion.set(r.region || 'other', (byRegion.get(r.region || 'other') ?? 0) + 1);
  return estimateCost(prices, category, byRegion);
}

/** Unique users a tier allows per rolling 24 h (Infinity for unlimited). */
export function tierSize(tier: string | undefined): number | undefined {
  const m = /TIER_(\d+)(K)?/.exec(tier ?? '');
  if (tier?.includes('UNLIMITED')) return Infinity;
  if (!m) return undefined;
  return Number(m[1]) * (m[2] ? 1000 : 1);
}

