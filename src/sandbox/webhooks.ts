/** Webhooks like Meta's: statuses (sent -> delivered -> read, or failed), inbound messages, template reviews; signed, retried, sometimes twice. */
import { signBody, signBodySha1 } from '../core/webhook/signature.js';
import type { Poster } from '../io/graph/poster.js';
import { metaJson } from './meta-json.js';
import { displayNumberOf } from './account.js';
import { webhookTarget } from './routes-subscriptions.js';
import { statusObject } from './status-object.js';
import type { AcceptedMessage, SandboxState } from './state.js';

/** Counts of the sandbox's webhook deliveries: queued, delivered, duplicates, retries, given up. */
export interface WebhookStats {
  queued: number;
  delivered: number;
  duplicates: number;
  retries: number;
  gaveUp: number;
}

const MAX_ATTEMPTS = 6;
const ERROR_HREF = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

/** A webhook error object in Meta's shape. */
export function webhookError(code: number, title: string, details: string): Record<string, unknown> {
  return { code, title, message: title, error_data: { details }, href: ERROR_HREF };
}

/** Sends webhooks for the sandbox's account to the configured URL. */
export class WebhookEmitter {
  readonly stats: WebhookStats = { queued: 0, delivered: 0, duplicates: 0, retries: 0, gaveUp: 0 };
  /** Called each time a delivery is abandoned after every retry (the command says so on stderr). */
  onGiveUp: ((gaveUp: number, url: string) => void) | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private inflight = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  /** The proxy-aware HTTP of the Graph client module, loaded on the first delivery. */
  private poster: Promise<Poster> | undefined;

  constructor(private readonly state: SandboxState) {}

  /** Is there a webhook URL to deliver to (--webhook-url or the API's override, while the app is subscribed)? */
  get enabled(): boolean {
    return Boolean(webhookTarget(this.state));
  }

  /** Plan the statuses of an accepted message. */
  schedule(m: AcceptedMessage): void {
    if (!this.enabled) return;
    const d = this.state.o.statusDelayMs;
    const digits = m.to.replace(/^\+/, '');
    if (this.state.undeliverable(m.to)) {
      this.after(d, () => this.status(m, 'failed', digits, [webhookError(131026, 'Message undeliverable', 'Message Undeliverable.')]));
      return;
    }
    const category = m.template ? this.state.template(m.template.name, m.template.language)?.category : undefined;
    if (category === 'MARKETING' && this.state.marketingStopped.has(m.to)) {
      const title = 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business';
      this.after(d, () => this.status(m, 'failed', digits, [webhookError(131050, title, 'The user has stopped marketing messages from this business.')]));
      return;
    }
    if (!m.template && !m.windowOpen) {
      const details = 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.';
      this.after(d, () => this.status(m, 'failed', digits, [webhookError(131047, 'Re-engagement message', details)]));
      return;
    }
    this.after(d, () => this.status(m, 'sent', digits));
    this.after(d * 2, () => this.status(m, 'delivered', digits));
    if (this.state.rng() < 0.7) this.after(d * 3, () => this.status(m, 'read', digits));
  }

  /** Send one change of the WABA's webhook (field and value); resolves after the first attempt. */
  async emit(field: string, value: Record<string, unknown>, phoneNumberId?: string): Promise<boolean> {
    if (!this.enabled || this.stopped) return false;
    const o = this.state.o;
    const full = field === 'messages' || field === 'user_preferences' ? { messaging_product: 'whatsapp', metadata: { display_phone_number: displayNumberOf(this.state, phoneNumberId ?? o.phoneNumberId).replace(/\D/g, ''), phone_number_id: phoneNumberId ?? o.phoneNumberId }, ...value } : value;
    // Messages webhooks carry no entry.time; account and template webhooks do.
    const time = field === 'messages' ? {} : { time: Math.floor(Date.now() / 1000) };
    const payload = { object: 'whatsapp_business_account', entry: [{ id: o.wabaId, ...time, changes: [{ value: full, field }] }] };
    this.stats.queued++;
    return this.deliver(metaJson(payload), webhookTarget(this.state)!, 1);
  }

  /** Resolve when nothing is queued or in flight (tests and the demo wait on this). */
  idle(): Promise<void> {
    if (this.timers.size === 0 && this.inflight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancel everything still scheduled and drop the connections; nothing is scheduled afterwards. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    void this.poster?.then((p) => p.close());
    this.checkIdle();
  }

  /** Run `fn` after `ms`, tracked so that stop() cancels it and idle() waits for it. */
  after(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
      this.checkIdle();
    }, ms);
    this.timers.add(t);
  }

  private status(m: AcceptedMessage, status: string, recipient: string, errors?: unknown[]): void {
    const statusObj = statusObject(m, status, recipient, this.state.template(m.template?.name ?? '', m.template?.language ?? '')?.category, errors);
    void this.emit('messages', { statuses: [statusObj] }, m.phoneNumberId);
    // Decided now, not after the first delivery, so that idle() also waits for the duplicate.
    if (this.state.rng() < 0.05) {
      this.stats.duplicates++;
      this.after(50, () => void this.emit('messages', { statuses: [statusObj] }, m.phoneNumberId));
    }
  }

  private async deliver(body: string, url: string, attempt: number): Promise<boolean> {
    const o = this.state.o;
    this.inflight++;
    let ok = false;
    try {
      this.poster ??= import('../io/graph/poster.js').then(({ Poster }) => new Poster(5000));
      const status = await (await this.poster).post(url, { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, o.appSecret), 'x-hub-signature': signBodySha1(body, o.appSecret), 'user-agent': 'facebookexternalua' }, body);
      ok = status >= 200 && status < 300;
    } catch {
      ok = false;
    } finally {
      this.inflight--;
    }
    if (ok) this.stats.delivered++;
    else if (this.stopped) {
      // stopped meanwhile: no retry
    } else if (attempt < MAX_ATTEMPTS) {
      this.stats.retries++;
      this.after(250 * 2 ** (attempt - 1), () => void this.deliver(body, url, attempt + 1));
    } else {
      this.stats.gaveUp++;
      this.onGiveUp?.(this.stats.gaveUp, url);
    }
    this.checkIdle();
    return ok;
  }

  private checkIdle(): void {
    if (this.timers.size > 0 || this.inflight > 0) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
