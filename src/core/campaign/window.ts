/** Send windows in the recipient's local time: "09:00"-"20:00" on "mon-sat", with a jitter off :00 and :30. */

/** A send window: local hours and weekdays, with a jitter so that sends do not all start on the hour. */
export interface SendWindow {
  /** Minutes after midnight. */
  from: number;
  to: number;
  /** Allowed weekdays, 0 = Sunday. */
  days: Set<number>;
  text: string;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Parse {"from": "09:00", "to": "20:00", "days": "mon-sat"}; throws a message on bad input. */
export function parseWindow(v: { from?: unknown; to?: unknown; days?: unknown }): SendWindow {
  const minutes = (x: unknown, key: string) => {
    const m = typeof x === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(x.trim()) : null;
    if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) throw new Error(`window.${key} must be a time such as "09:00"`);
    return Number(m[1]) * 60 + Number(m[2]);
  };
  const from = minutes(v.from, 'from');
  const to = minutes(v.to, 'to');
  if (from === to) throw new Error('window.from and window.to must differ');
  const days = parseDays(v.days === undefined ? 'mon-sun' : v.days);
  return { from, to, days, text: `${String(v.from)}-${String(v.to)} ${v.days === undefined ? 'every day' : String(v.days)}` };
}

function parseDays(x: unknown): Set<number> {
  if (typeof x !== 'string') throw new Error('window.days must be text such as "mon-sat" or "mon,wed,fri"');
  const text = x.trim().toLowerCase();
  if (text === 'daily' || text === 'all' || text === 'every day') return new Set([0, 1, 2, 3, 4, 5, 6]);
  const out = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const [a, b] = part.split('-').map((d) => DAYS.indexOf(d.slice(0, 3)));
    if (a < 0 || (b !== undefined && b < 0)) throw new Error(`window.days: "${part}" is not a day or range (mon, tue ... sun)`);
    if (b === undefined) out.add(a);
    else for (let d = a; ; d = (d + 1) % 7) {
      out.add(d);
      if (d === b) break;
    }
  }
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday and minute of the day at an instant in a time zone. */
export function localTime(ms: number, zone: string): { day: number; minute: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const p of f.formatToParts(ms)) {
    if (p.type === 'weekday') day = DAYS.indexOf(p.value.toLowerCase().slice(0, 3));
    else if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { day, minute: hour * 60 + minute };
}

/** Starts exactly on :00 or :30 are moved a few minutes later (platform load and rate-limit trips peak there). */
export function jitteredStart(w: SendWindow, seed: number): number {
  return w.from % 30 === 0 ? w.from + 1 + (seed % 4) : w.from;
}

/** Is the window open at this instant in this zone? */
export function isOpen(w: SendWindow, ms: number, zone: string, seed = 0): boolean {
  const { day, minute } = localTime(ms, zone);
  const from = jitteredStart(w, seed);
  if (from < w.to) return w.days.has(day) && minute >= from && minute < w.to;
  // An overnight window (20:00-08:00) belongs to the day it starts on.
  if (minute >= from) return w.days.has(day);
  return minute < w.to && w.days.has((day + 6) % 7);
}

/**
 * The next instant the window opens in this zone (now if open). Looks at each of the next eight
 * local days' opening minute and scans two hours either side of it by the minute, so that DST
 * shifts and windows shorter than any coarse step are found exactly.
 */
export function nextOpen(w: SendWindow, ms: number, zone: string, seed = 0): number {
  if (isOpen(w, ms, zone, seed)) return ms;
  const MIN = 60_000;
  const from = jitteredStart(w, seed);
  const { minute } = localTime(ms, zone);
  const base = Math.floor(ms / MIN) * MIN;
  for (let day = 0; day <= 8; day++) {
    const approx = base + (day * 1440 + from - minute) * MIN;
    if (approx + 120 * MIN <= ms) continue;
    for (let t = Math.max(base + MIN, approx - 120 * MIN); t <= approx + 120 * MIN; t += MIN) {
      if (isOpen(w, t, zone, seed)) return t;
    }
  }
  return ms + 7 * 86_400_000;
}
