/** Poll the templates under review until none is left in review, time runs out, or a signal stops the watch. */
import { inReview } from '../../core/templates/review.js';
import type { TemplateRecord } from '../graph/types.js';
import { abortableSleep } from '../abortable-sleep.js';

/** How templates status --watch polls: what to fetch, how often, for how long. */
export interface WatchOptions {
  fetch: () => Promise<TemplateRecord[]>;
  intervalMs: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told when a template's status changes. */
  onChange?: (t: TemplateRecord, from: string) => void;
}

/** The last records seen, and whether the watch timed out or was interrupted. */
export interface WatchResult {
  records: TemplateRecord[];
  timedOut: boolean;
  interrupted: boolean;
}

/** Watch from the first fetch on; returns the last records seen. */
export async function watchReview(o: WatchOptions): Promise<WatchResult> {
  const started = Date.now();
  const last = new Map<string, string>();
  for (;;) {
    const records = await o.fetch();
    for (const t of records) {
      const key = `${t.name}:${t.language}`;
      const before = last.get(key);
      if (before !== undefined && before !== t.status) o.onChange?.(t, before);
      last.set(key, t.status);
    }
    if (!records.some((t) => inReview(t.status))) return { records, timedOut: false, interrupted: false };
    if (o.signal?.aborted) return { records, timedOut: false, interrupted: true };
    const left = o.timeoutMs === undefined ? Infinity : o.timeoutMs - (Date.now() - started);
    if (left <= 0) return { records, timedOut: true, interrupted: false };
    await abortableSleep(Math.min(o.intervalMs, left), o.signal);
  }
}
