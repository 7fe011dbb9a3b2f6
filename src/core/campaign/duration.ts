/** Durations ("250ms", "6s", "5m", "1h") and rates ("10/s", "30/min", "500/h"). */

const UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** Milliseconds of a duration, or undefined when it does not parse. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)\s*$/i.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]);
}

/** The interval between messages for a rate "n/s", "n/min" or "n/h", or undefined. */
export function parseRate(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|sec|m|min|h)\s*$/i.exec(text);
  if (!m || Number(m[1]) <= 0) return undefined;
  return UNITS[m[2].toLowerCase()] / Number(m[1]);
}

/** A duration for people: "6s", "4m 30s", "2h 05m". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (ms < 1000 && ms > 0) return `${Math.round(ms)}ms`;
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
