/** The report's opt-outs: people, not events (a customer who types STOP three times is one opt-out). */
import type { WebhookRecord } from './records.js';

type Kind = 'marketingStop' | 'marketingResume' | 'stopWords';

/** Counts each person once per kind of opt-out (Meta's retries are already gone: records are deduplicated by key). */
export class OptOutTally {
  private readonly people: Record<Kind, Set<string>> = { marketingStop: new Set(), marketingResume: new Set(), stopWords: new Set() };

  /** Count this record's sender under `kind`; one without any id counts by its own key. */
  add(kind: Kind, r: Extract<WebhookRecord, { kind: 'message' | 'preference' }>): void {
    // The wa_id when Meta sent one, so a sender named by number in one event and by user id in another is one person.
    const who = r.waId ?? (r.kind === 'message' && r.from ? r.from : undefined) ?? r.userId ?? `key:${r.key}`;
    this.people[kind].add(who.replace(/^\+/, ''));
  }

  /** How many people in each kind. */
  counts(): Record<Kind, number> {
    return { marketingStop: this.people.marketingStop.size, marketingResume: this.people.marketingResume.size, stopWords: this.people.stopWords.size };
  }
}
