/** The sandbox's account: identity, templates, scenario switches, accepted messages and rate-limit memory. */
import { randomBytes } from 'node:crypto';
import { createRng } from '../core/numbers/sampling.js';
import { newAccountState, type AccountState } from './account-state.js';
import type { AcceptedMessage, InboundMessage, SandboxOptions, SandboxTemplate, Scenario, StoredMedia, TemplateSeed } from './options.js';
import { takePairToken, type PairBucket } from './pair-rate.js';
import { windowOpen } from './service-window.js';
import { userIdFor } from './user-ids.js';

export { isScenario, SCENARIOS } from './options.js';
export type { AcceptedMessage, InboundMessage, SandboxOptions, SandboxTemplate, Scenario, StoredMedia, TemplateSeed } from './options.js';

/** Mutable sandbox state; one per server. */
export class SandboxState {
  readonly messages: AcceptedMessage[] = [];
  readonly inbound: InboundMessage[] = [];
  /** Media uploaded with POST /{pnid}/media, by id. */
  readonly media = new Map<string, StoredMedia>();
  readonly scenarios: Set<Scenario>;
  readonly templates = new Map<string, SandboxTemplate>();
  readonly rng: () => number;
  /** Numbers (E.164) that stopped marketing messages (user_preferences): marketing templates to them fail with 131050. */
  readonly marketingStopped = new Set<string>();
  /** Business profile, PIN, settings, blocked users, QR codes. */
  account: AccountState = newAccountState();
  /** Forced failures for the next sends: [code, remaining]. */
  forced: { code: number; remaining: number; httpStatus?: number }[] = [];
  private readonly pairBuckets = new Map<string, PairBucket>();
  /** E.164 -> when that user last wrote in (ms): opens the 24 h service window. */
  private readonly lastInbound = new Map<string, number>();
  /** BSUID -> number, for users the account has exchanged messages with (Meta then still shows the number). */
  private readonly numberOfUser = new Map<string, string>();
  private mediaSeq = 0;
  /** The base URL once listening (media download URLs point here). */
  baseUrl = '';
  private bucket: { tokens: number; at: number };
  private seq = 0;
  /**
   * Differs on every start, so wamids never repeat across runs (Meta's never do): an events file or ledger
   * from an earlier rehearsal must not match this run's messages. Not from the seeded rng: --seed makes
   * faults repeatable, not message ids.
   */
  private readonly runId = randomBytes(6).toString('hex').toUpperCase();
  private templateSeq = 2000000000000000;

  constructor(readonly o: SandboxOptions) {
    this.scenarios = new Set(o.scenarios);
    this.rng = createRng(o.seed);
    for (const t of o.templates) this.addTemplate(t);
    this.bucket = { tokens: o.mps, at: Date.now() };
  }

  /** Store a template (replacing one of the same name and language). */
  addTemplate(t: TemplateSeed): SandboxTemplate {
    const stored: SandboxTemplate = { ...t, id: t.id ?? String(this.templateSeq++) };
    this.templates.set(`${t.name}\u0000${t.language}`, stored);
    return stored;
  }

  /** A template by its id. */
  templateById(id: string): SandboxTemplate | undefined {
    return [...this.templates.values()].find((t) => t.id === id);
  }

  /** Delete templates by name (every language) or by name and id; returns what was deleted. */
  deleteTemplates(name: string, id?: string): SandboxTemplate[] {
    const gone = [...this.templates.entries()].filter(([, t]) => t.name === name && (id === undefined || t.id === id));
    for (const [key] of gone) this.templates.delete(key);
    return gone.map(([, t]) => t);
  }

  /** Keep an uploaded file; returns its new id. */
  addMedia(m: Omit<StoredMedia, 'id'>): StoredMedia {
    const stored = { ...m, id: String(1500000000000000 + this.mediaSeq++) };
    this.media.set(stored.id, stored);
    return stored;
  }

  /** Was this media id uploaded (and not deleted)? */
  hasMedia(id: string): boolean {
    return this.media.has(id);
  }

  /** A customer wrote in at `now`: their 24 h window opens. */
  openWindow(e164: string, now = Date.now()): void {
    this.lastInbound.set(e164, now);
  }

  /** Is this customer's 24 h service window open? */
  windowOpen(e164: string, now = Date.now()): boolean {
    return windowOpen(this.lastInbound.get(e164), now);
  }

  /** The BSUID of a number (remembered, so that a later send to the BSUID finds the number). */
  userIdOf(e164: string): string {
    const id = userIdFor(this.o.wabaId, e164);
    this.numberOfUser.set(id, e164);
    return id;
  }

  /** The number behind a BSUID, when the account has exchanged messages with that user. */
  numberOf(userId: string): string | undefined {
    return this.numberOfUser.get(userId);
  }

  /** When this customer last wrote in (ms), if ever. */
  lastInboundAt(e164: string): number | undefined {
    return this.lastInbound.get(e164);
  }

  /** Find a template by name and language code. */
  template(name: string, language: string): SandboxTemplate | undefined {
    return this.templates.get(`${name}\u0000${language}`);
  }

  /** Take one message from the throughput budget (token bucket: mps per second, bursts up to mps). */
  takeThroughput(now = Date.now()): boolean {
    const b = this.bucket;
    b.tokens = Math.min(this.o.mps, b.tokens + ((now - b.at) / 1000) * this.o.mps);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** The pair rate limit per (business number, user) pair: a burst of up to 45, then one per 6 s on average. */
  takePair(phoneNumberId: string, recipient: string, now = Date.now()): boolean {
    const key = `${phoneNumberId}|${recipient}`;
    const { ok, bucket } = takePairToken(this.pairBuckets.get(key), now);
    this.pairBuckets.set(key, bucket);
    return ok;
  }

  /** Forget accepted messages, forced errors and rate-limit memory. */
  reset(): void {
    this.messages.length = 0;
    this.forced = [];
    this.pairBuckets.clear();
    this.inbound.length = 0;
    this.lastInbound.clear();
    this.account = newAccountState();
    this.marketingStopped.clear();
    this.bucket = { tokens: this.o.mps, at: Date.now() };
  }

  /** A new wamid, unique within this run and across runs (a random run id and a counter). */
  nextWamid(): string {
    const n = (this.seq++).toString(16).toUpperCase().padStart(12, '0');
    return `wamid.HBgL${Buffer.from(`${this.o.phoneNumberId}:${this.runId}${n}`).toString('base64url')}`;
  }

  /** The app access token Meta accepts for debug_token: "appId|appSecret". */
  get appToken(): string {
    return `${this.o.appId}|${this.o.appSecret}`;
  }

  /** Is this one of the account's phone number ids? */
  isPhoneNumber(id: string): boolean {
    return id === this.o.phoneNumberId || this.o.extraPhoneNumberIds.includes(id);
  }

  /** Is this E.164 number undeliverable (131026)? */
  undeliverable(e164: string): boolean {
    return e164.endsWith('0000') || this.o.undeliverable.includes(e164);
  }
}
