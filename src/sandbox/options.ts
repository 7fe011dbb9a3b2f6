/** The sandbox's options and records: scenarios, accepted and inbound messages, uploaded media. */
import type { TemplateRecord } from '../io/graph/types.js';

/** A template as the sandbox stores and lists it: the same record the Graph API returns. */
export type SandboxTemplate = TemplateRecord;

/** A template handed to the sandbox: one without an id gets one when it is stored. */
export type TemplateSeed = Omit<SandboxTemplate, 'id'> & { id?: string };

/** The scenarios that make part of the sandbox account unhealthy, with what each does. */
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

/** The name of one scenario. */
export type Scenario = keyof typeof SCENARIOS;

/** Is this the name of a scenario? */
export function isScenario(s: string): s is Scenario {
  return s in SCENARIOS;
}

/** The sandbox's settings: ids, token, templates, pace, failures and scenarios. */
export interface SandboxOptions {
  token: string;
  phoneNumberId: string;
  /** More phone numbers of the same WABA (to rehearse several senders). */
  extraPhoneNumberIds: string[];
  wabaId: string;
  appId: string;
  displayPhoneNumber: string;
  templates: TemplateSeed[];
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

/** A message the sandbox accepted, as GET /_sandbox/messages lists it. */
export interface AcceptedMessage {
  id: string;
  phoneNumberId: string;
  /** The number (E.164), or the BSUID when it was sent to a user whose number the account does not know. */
  to: string;
  /** The recipient's BSUID. */
  userId?: string;
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

