/** Writes the opt-outs and resumes that stored events carry into the suppression list, keyed by the number the business sent to. */
import { errorMessage } from '../core/caught.js';
import { whatsAppKey } from '../core/numbers/same-wa-number.js';
import { shellQuote } from '../core/shell-quote.js';
import { cleanExternal } from '../core/webhook/external-text.js';
import { isStaleOptOut, optOutOf, type OptOutIntent } from '../core/webhook/opt-outs.js';
import type { WebhookRecord } from '../core/webhook/records.js';
import { ledgerRecipient } from '../io/ledger/ledger-recipient.js';
import { appendSuppressions, readSuppressions, suppressionRecord, type SuppressionRecord } from '../io/suppressions.js';

interface Counters {
  suppressed: number;
  lifted: number;
  unresolvedOptOuts: number;
}

const MAX_IDS = 200_000;

/** Learns user id -> number from the events it sees, so a later event known only by its user id still finds the number. */
export class OptOutWriter {
  // Two generations, the older dropped whole when the newer is full: bounded, and O(1) (taking the oldest key of one
  // Map after deletes walks its holes on every add).
  private numberOfUser = new Map<string, string>();
  private numberOfOlderUser = new Map<string, string>();
  /** scope|e164 -> when the latest opt-out event written from a webhook happened (loaded from the list on first use). */
  private eventTimes: Map<string, string> | undefined;

  constructor(
    private readonly path: string,
    private readonly campaignDirs: string[],
    private readonly stats: Counters,
    private readonly log: (level: 'info' | 'alert', text: string) => void,
    /** A shared store's list (PostgreSQL) instead of the file: appended in order, asynchronously. */
    private readonly appendToStore?: (records: SuppressionRecord[]) => Promise<void>,
  ) {}

  private storeWrites: Promise<void> = Promise.resolve();

  /** Opt-outs the list file refused (a full disk, a permission changed): kept, and tried again with the next write. */
  private unwritten: SuppressionRecord[] = [];

  /** Resolve when the opt-outs handed over so far are written (the store's list); a file's refused ones are tried again. */
  idle(): Promise<void> {
    if (this.unwritten.length) this.writeFile([]);
    return this.storeWrites;
  }

  /** When the receiver stops: the opt-outs still unwritten, as the commands that add them (their events are in the events file). */
  reportUnwritten(): void {
    for (const s of this.unwritten) {
      const cmd = s.op === 'add' ? `wa-ops suppressions add ${s.e164} --reason ${s.reason} --scope ${s.scope}` : `wa-ops suppressions remove ${s.e164} --scope ${s.scope}`;
      this.log('alert', `not on the suppression list (could not write it): ${s.op === 'add' ? 'opt-out' : 'resume'} of ${s.e164}; add it with: ${cmd} --suppressions ${shellQuote(this.path)}`);
    }
  }

  /** Handle records that are durable in the events file. */
  handle(records: WebhookRecord[]): void {
    const out: SuppressionRecord[] = [];
    for (const r of records) {
      this.learn(r);
      const intent = optOutOf(r);
      if (!intent) continue;
      const e164 = intent.e164 ?? this.resolve(intent, r);
      if (!e164) {
        this.stats.unresolvedOptOuts++;
        this.log('alert', `${intent.reason} from ${intent.userId ? `user id ${cleanExternal(intent.userId, 80)}` : 'an unknown user'} (${cleanExternal(intent.ref, 80)}): no phone number known, so it could not be added to the suppression list; once you know the number: wa-ops suppressions add <number> --reason ${intent.reason} --scope ${intent.scope} --suppressions ${shellQuote(this.path)}`);
        continue;
      }
      const key = `${intent.scope}|${whatsAppKey(e164)}`;
      const times = this.latestEventTimes();
      if (isStaleOptOut(intent.at, times.get(key))) {
        this.log('info', `${intent.op === 'add' ? 'opt-out' : 'resume'} of ${e164} at ${intent.at} is older than the one recorded at ${times.get(key)}: left as it is`);
        continue;
      }
      if (intent.at) times.set(key, intent.at);
      const rec = suppressionRecord({ op: intent.op, e164, reason: intent.reason, scope: intent.scope, source: 'webhook', note: intent.ref, at: intent.at });
      if (intent.at) rec.eventAt = intent.at;
      if (intent.waId) rec.waId = intent.waId;
      if (intent.userId) rec.userId = intent.userId;
      out.push(rec);
    }
    if (!out.length) return;
    if (this.appendToStore) {
      const append = this.appendToStore;
      this.storeWrites = this.storeWrites.then(() => append(out)).then(
        () => this.written(out),
        (err) => this.log('alert', `could not write the suppression list in the store: ${errorMessage(err)}`),
      );
      return;
    }
    this.writeFile(out);
  }

  /** One append of the new records and any refused before; on failure all are kept for the next try. */
  private writeFile(records: SuppressionRecord[]): void {
    const all = this.unwritten.concat(records);
    try {
      appendSuppressions(this.path, all);
    } catch (err) {
      // The events file holds the opt-outs durably; say loudly that the list missed them, and keep them.
      this.unwritten = all;
      this.log('alert', `could not write the suppression list ${this.path}: ${errorMessage(err)}; ${all.length === 1 ? '1 opt-out is' : `${all.length} opt-outs are`} kept and tried again with the next one and when the receiver stops`);
      return;
    }
    this.unwritten = [];
    this.written(all);
  }

  /** The event times of the webhook records already on the list (a shared store's list is not read: arrival order there). */
  private latestEventTimes(): Map<string, string> {
    if (this.eventTimes) return this.eventTimes;
    this.eventTimes = new Map();
    if (this.appendToStore) return this.eventTimes;
    try {
      for (const r of readSuppressions(this.path).history()) {
        const key = `${r.scope}|${whatsAppKey(r.e164)}`;
        const prev = this.eventTimes.get(key);
        // Only records that carry their event's time: older ones hold the time they were written, which a real STOP could predate.
        if (r.eventAt && (!prev || r.eventAt > prev)) this.eventTimes.set(key, r.eventAt);
      }
    } catch {
      // an unreadable list: the append below says so
    }
    return this.eventTimes;
  }

  private written(out: SuppressionRecord[]): void {
    for (const s of out) {
      if (s.op === 'add') this.stats.suppressed++;
      else this.stats.lifted++;
      this.log('info', `${s.op === 'add' ? 'suppressed' : 'lifted'} ${s.e164} (${s.reason}, scope ${s.scope})`);
    }
  }

  private learn(r: WebhookRecord): void {
    let userId: string | undefined;
    let number: string | undefined;
    if (r.kind === 'status') {
      userId = r.userId;
      number = /^\d{6,15}$/.test(r.recipient) ? r.recipient : undefined;
    } else if (r.kind === 'message') {
      userId = r.userId;
      number = r.waId ?? (/^\d{6,15}$/.test(r.from) ? r.from : undefined);
    }
    if (!userId || !number) return;
    if (this.numberOfUser.size >= MAX_IDS / 2) {
      this.numberOfOlderUser = this.numberOfUser;
      this.numberOfUser = new Map();
    }
    this.numberOfUser.set(userId, `+${number}`);
  }

  private resolve(intent: OptOutIntent, r: WebhookRecord): string | undefined {
    const known = intent.userId && (this.numberOfUser.get(intent.userId) ?? this.numberOfOlderUser.get(intent.userId));
    if (known) return known;
    if (r.kind === 'status' && this.campaignDirs.length) return ledgerRecipient(this.campaignDirs, r.id);
    return undefined;
  }
}
