/**
 * Opt-outs that arrive while a campaign sends (a STOP to an earlier message, Meta's marketing opt-out): a run of many
 * hours must not send to someone who opted out after it started. The suppression list the run honours is looked at
 * again whenever it changes (its files' size and time, the store's newest record), and the recipients of this run it
 * now holds are handed to the engine, which skips those it has not started.
 */
import { statSync } from 'node:fs';
import type { SkippedEvent } from '../../core/campaign/events.js';
import type { SuppressionList } from '../../core/suppressions/fold.js';
import { optOutReason } from './send-targets.js';

/** Where the list comes from: a cheap version (changes whenever the list may have), and the list itself. */
export interface OptOutSource {
  version(): Promise<string>;
  read(): Promise<SuppressionList>;
}

/** One recipient of the run: its index in the engine's items, number and list line. */
export interface OptOutTarget {
  e164: string;
  line: number;
}

/** A file's version for change checks: size and modification time ("-" when it does not exist). */
export function fileVersion(path: string): string {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}` : '-';
}

/** Checks the list when asked; each recipient is reported at most once. */
export class LiveOptOuts {
  private seen: string | undefined;
  private readonly reported = new Set<number>();

  constructor(
    private readonly source: OptOutSource,
    private readonly targets: readonly OptOutTarget[],
    private readonly category: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The recipients the list now suppresses and were not reported before (empty when the list did not change). */
  async check(): Promise<{ item: number; event: SkippedEvent }[]> {
    const version = await this.source.version();
    if (version === this.seen) return [];
    const list = await this.source.read();
    this.seen = version;
    const at = new Date(this.clock()).toISOString();
    const out: { item: number; event: SkippedEvent }[] = [];
    this.targets.forEach((t, item) => {
      if (this.reported.has(item)) return;
      const hit = list.isSuppressed(t.e164, this.category);
      if (!hit) return;
      this.reported.add(item);
      out.push({ item, event: { t: 'skipped', r: t.e164, line: t.line, reason: optOutReason(hit), at } });
    });
    return out;
  }
}
