/** Status webhooks like Meta's: sent -> delivered -> read (or failed), signed, retried, sometimes twice. */
import { signBody } from '../core/webhook/signature.js';
import type { AcceptedMessage, SandboxState } from './state.js';

export interface WebhookStats {
  queued: number;
  delivered: number;
  duplicates: number;
  retries: number;
  gaveUp: number;
}

const MAX_ATTEMPTS = 6;

/** Sends status callbacks for accepted messages to the configured URL. */
export class WebhookEmitter {
  readonly stats: WebhookStats = { queued: 0, delivered: 0, duplicates: 0, retries: 0, gaveUp: 0 };
  private readonly timers = new Set<NodeJS.Timeout>();
  private inflight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly state: SandboxState) {}

  get enabled(): boolean {
    return Boolean(this.state.o.webhookUrl && this.state.o.appSecret);
  }

  /** Plan the statuses of an accepted message. */
  schedule(m: AcceptedMessage): void {
    if (!this.enabled) return;
    const d = this.state.o.statusDelayMs;
    const digits = m.to.replace(/^\+/, '');
    if (this.state.undeliverable(m.to)) {
      this.later(d, () => this.send(m, 'failed', digits, [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }]));
      return;
    }
    this.later(d, () => this.send(m, 'sent', digits));
    this.later(d * 2, () => this.send(m, 'delivered', digits));
    if (this.state.rng() < 0.7) this.later(d * 3, () => this.send(m, 'read', digits));
  }

  /** Resolve when nothing is queued or in flight (tests and the demo wait on this). */
  idle(): Promise<void> {
    if (this.timers.size === 0 && this.inflight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancel everything still scheduled. */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.checkIdle();
  }

  private later(ms: number, fn: () => void): void {
    this.stats.queued++;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
      this.checkIdle();
    }, ms);
    this.timers.add(t);
  }

  private send(m: AcceptedMessage, status: string, recipient: string, errors?: unknown[]): void {
    const o = this.state.o;
    const statusObj: Record<string, unknown> = { id: m.id, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: recipient };
    if (m.bizOpaqueCallbackData !== undefined) statusObj.biz_opaque_callback_data = m.bizOpaqueCallbackData;
    if (status === 'sent' || status === 'delivered') {
      const category = m.template ? (this.state.template(m.template.name, m.template.language)?.category ?? 'utility').toLowerCase() : 'service';
      statusObj.pricing = { billable: true, pricing_model: 'PMP', type: 'regular', category };
    }
    if (errors) statusObj.errors = errors;
    const payload = {
      object: 'whatsapp_business_account',
      entry: [{ id: o.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: o.displayPhoneNumber.replace(/\D/g, ''), phone_number_id: m.phoneNumberId }, statuses: [statusObj] } }] }],
    };
    const body = JSON.stringify(payload);
    void this.deliver(body, 1);
    if (this.state.rng() < 0.05) {
      this.stats.duplicates++;
      this.later(50, () => void this.deliver(body, 1));
    }
  }

  private async deliver(body: string, attempt: number): Promise<void> {
    const o = this.state.o;
    this.inflight++;
    let ok = false;
    try {
      const res = await fetch(o.webhookUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, o.appSecret!), 'user-agent': 'facebookexternalua' },
        body,
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer().catch(() => undefined);
      ok = res.status >= 200 && res.status < 300;
    } catch {
      ok = false;
    } finally {
      this.inflight--;
    }
    if (ok) this.stats.delivered++;
    else if (attempt < MAX_ATTEMPTS) {
      this.stats.retries++;
      this.later(250 * 2 ** (attempt - 1), () => void this.deliver(body, attempt + 1));
    } else this.stats.gaveUp++;
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.timers.size > 0 || this.inflight > 0) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
