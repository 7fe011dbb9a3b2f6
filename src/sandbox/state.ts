/** The sandbox's account: identity, templates, scenario switches, accepted messages and rate-limit memory. */
import { createRng } from '../core/numbers/sampling.js';
import type { TemplateRecord } from '../io/graph/types.js';
import { takePairToken, type PairBucket } from './pair-rate.js';
import { windowOpen } from './service-window.js';

/** A template as the sandbox stores and lists it: the same record the Graph API returns. */
export type SandboxTemplate = TemplateRecord;

export const SCENARIOS = {
  'token-expired': 'every call fails with 190: the access token has expired',
  'token-expiring': 'debug_token says the token expires in 3 days',
  'token-missing-scope': 'the token lacks whatsapp_business_messaging (sends fail with #10)',
  'token-no-waba-access': 'the token\'s granular scopes do not include this WABA',
  'quality-yellow': 'phone number quality YELLOW',
  'quality-red': 'phone number quality RED',
  'limit-250': 'messaging limit TIER_250 (a new portfolio)',
  'health-limited': 'health_status LIMITED (business verification pending)',
  'health-blocked': 'health_status BLOCKED (payment method missing)',
  'no-subscribed-apps': 'no app subscribed to the WABA: no webhooks would arrive',
  'number-unverified': 'code_verification_status NOT_VERIFIED',
  'name-declined': 'display name DECLINED',
  'number-flagged': 'phone number status FLAGGED',
  'template-paused': 'every template PAUSED for low quality (sends fail with 132015)',
} as const;

export type Scenario = keyof typeof SCENARIOS;

export interface SandboxOptions {
  token: string;
  phoneNumberId: string;
  /** More phone numbers of the same WABA (to rehearse several senders). */
  extraPhoneNumberIds: string[];
  wabaId: string;
  appId: string;
  displayPhoneNumber: string;
  templates: SandboxTemplate[];
  webhookUrl?: string;
  /** Signs webhooks and makes the app access token "appId|appSecret" for debug_token. */
  appSecret: string;
  /** Messages per second per phone number before 130429. */
  mps: number;
  /** Share of sends that fail (131000, 2, or a dropped connection). */
  failRate: number;
  /** Added latency per request: [min, max] ms. */
  latency: [number, number];
  seed: number;
  scenarios: Scenario[];
  /** Numbers (E.164) that are not on WhatsApp; also every number ending in 0000. */
  undeliverable: string[];
  /** Delay between sent, delivered and read webhooks (ms). */
  statusDelayMs: number;
  /** How long a submitted or edited template stays PENDING before the review decides (ms). */
  reviewDelayMs: number;
}

/** A file uploaded with POST /{pnid}/media. */
export interface StoredMedia {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  sha256: string;
  bytes: Buffer;
  uploadedAt: number;
}

export interface AcceptedMessage {
  id: string;
  phoneNumberId: string;
  to: string;
  type: string;
  template?: { name: string; language: string; parameters: string[] };
  text?: string;
  bizOpaqueCallbackData?: string;
  acceptedAt: string;
  /** The Graph API version of the request (decides the webhook shape). */
  apiVersion: string;
  /** Was the user's 24 h service window open when it was accepted? */
  windowOpen: boolean;
  payload: unknown;
}

/** A message a customer sent in (POST /_sandbox/inbound). */
export interface InboundMessage {
  id: string;
  from: string;
  type: string;
  text?: string;
  receivedAt: string;
  /** Read receipts and typing indicators the business sent for it. */
  readAt?: string;
}

/** Mutable sandbox state; one per server. */
export class SandboxState {
  readonly messages: AcceptedMessage[] = [];
  readonly inbound: InboundMessage[] = [];
  /** Media uploaded with POST /{pnid}/media, by id. */
  readonly media = new Map<string, StoredMedia>();
  readonly scenarios: Set<Scenario>;
  readonly templates = new Map<string, SandboxTemplate>();
  readonly rng: () => number;
  /** Forced failures for the next sends: [code, remaining]. */
  forced: { code: number; remaining: number; httpStatus?: number }[] = [];
  private readonly pairBuckets = new Map<string, PairBucket>();
  /** E.164 -> when that user last wrote in (ms): opens the 24 h service window. */
  private readonly lastInbound = new Map<string, number>();
  private mediaSeq = 0;
  /** The base URL once listening (media download URLs point here). */
  baseUrl = '';
  private bucket: { tokens: number; at: number };
  private seq = 0;
  private templateSeq = 2000000000000000;

  constructor(readonly o: SandboxOptions) {
    this.scenarios = new Set(o.scenarios);
    this.rng = createRng(o.seed);
    for (const t of o.templates) this.addTemplate(t);
    this.bucket = { tokens: o.mps, at: Date.now() };
  }

  /** Store a template (replacing one of the same name and language). */
  addTemplate(t: Omit<SandboxTemplate, 'id'> & { id?: string }): SandboxTemplate {
    const stored = { ...t, id: t.id ?? String(this.templateSeq++) } as SandboxTemplate;
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

  /** The pair rate limit: a burst of up to 45 to the same recipient, then one per 6 s on average. */
  takePair(recipient: string, now = Date.now()): boolean {
    const { ok, bucket } = takePairToken(this.pairBuckets.get(recipient), now);
    this.pairBuckets.set(recipient, bucket);
    return ok;
  }

  /** Forget accepted messages, forced errors and rate-limit memory. */
  reset(): void {
    this.messages.length = 0;
    this.forced = [];
    this.pairBuckets.clear();
    this.inbound.length = 0;
    this.lastInbound.clear();
    this.bucket = { tokens: this.o.mps, at: Date.now() };
  }

  /** A new, unique wamid. */
  nextWamid(): string {
    const n = (this.seq++).toString(16).toUpperCase().padStart(12, '0');
    return `wamid.HBgL${Buffer.from(`${this.o.phoneNumberId}:${n}:${this.o.seed}`).toString('base64url')}`;
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
