/** The sandbox's account: identity, templates, scenario switches, accepted messages and rate-limit memory. */
import { createRng } from '../core/numbers/sampling.js';
import type { TemplateRecord } from '../io/graph/types.js';

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
  appSecret?: string;
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
  payload: unknown;
}

/** Mutable sandbox state; one per server. */
export class SandboxState {
  readonly messages: AcceptedMessage[] = [];
  /** Ids of media uploaded with POST /{pnid}/media. */
  readonly mediaIds = new Set<string>();
  readonly scenarios: Set<Scenario>;
  readonly templates = new Map<string, SandboxTemplate>();
  readonly rng: () => number;
  /** Forced failures for the next sends: [code, remaining]. */
  forced: { code: number; remaining: number; httpStatus?: number }[] = [];
  private readonly lastToRecipient = new Map<string, number>();
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

  /** The pair rate limit: one message per 6 s to the same recipient. */
  takePair(recipient: string, now = Date.now()): boolean {
    const last = this.lastToRecipient.get(recipient);
    if (last !== undefined && now - last < 6000) return false;
    this.lastToRecipient.set(recipient, now);
    return true;
  }

  /** Forget accepted messages, forced errors and rate-limit memory. */
  reset(): void {
    this.messages.length = 0;
    this.forced = [];
    this.lastToRecipient.clear();
    this.bucket = { tokens: this.o.mps, at: Date.now() };
  }

  /** A new, unique wamid. */
  nextWamid(): string {
    const n = (this.seq++).toString(16).toUpperCase().padStart(12, '0');
    return `wamid.HBgL${Buffer.from(`${this.o.phoneNumberId}:${n}:${this.o.seed}`).toString('base64url')}`;
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
