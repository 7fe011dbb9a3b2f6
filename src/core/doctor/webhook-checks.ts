/** Checks of the webhook endpoint: HTTPS, TLS, verify handshake, signed POSTs answered fast, bad signatures refused. */
import { fail, pass, skip, warn, type CheckResult, type Fact } from './types.js';
import { plural } from '../plural.js';

/** The webhook endpoint's TLS certificate, as the probe saw it. */
export interface TlsFacts {
  authorized: boolean;
  error?: string;
  selfSigned: boolean;
  validTo: string;
  issuer: string;
}

/** What the probe of the webhook endpoint found (handshake, signed POST, TLS, latency). */
export interface WebhookFacts {
  url: string;
  today: string;
  tls?: Fact<TlsFacts>;
  handshake?: Fact<{ status: number; echoed: boolean; wrongStatus: number; wrongEchoed: boolean }>;
  signed?: Fact<{ statuses: number[]; latenciesMs: number[] }>;
  bad?: Fact<{ wrongStatus: number; unsignedStatus: number }>;
  missingVerifyToken: boolean;
  missingAppSecret: boolean;
}

const ok2xx = (s: number) => s >= 200 && s < 300;

/** webhook.https, webhook.tls, webhook.verify-handshake, webhook.signed-post, webhook.rejects-bad-signature, webhook.latency. */
export function webhookChecks(f: WebhookFacts): CheckResult[] {
  const out: CheckResult[] = [];
  const https = f.url.startsWith('https://');
  out.push(https ? pass('webhook.https', 'Webhook uses HTTPS', f.url) : fail('webhook.https', 'Webhook uses HTTPS', `${f.url} is plain HTTP`, 'Meta only calls HTTPS endpoints with a valid certificate; put TLS in front (wa-ops webhook serve --tls-cert, or a reverse proxy)'));
  if (!https) out.push(skip('webhook.tls', 'Webhook certificate', 'not HTTPS'));
  else if (!f.tls) out.push(skip('webhook.tls', 'Webhook certificate', 'not checked'));
  else if (!f.tls.ok) out.push(fail('webhook.tls', 'Webhook certificate', `TLS failed: ${f.tls.error}`, 'check the host, port and certificate chain'));
  else {
    const t = f.tls.value;
    const days = (Date.parse(t.validTo) - Date.parse(f.today)) / 86_400_000;
    if (t.selfSigned) out.push(fail('webhook.tls', 'Webhook certificate', `self-signed (${t.issuer})`, 'Meta refuses self-signed certificates: use one from a public CA (e.g. Let\'s Encrypt)'));
    else if (!t.authorized) out.push(fail('webhook.tls', 'Webhook certificate', `not trusted: ${t.error}`, 'serve the full chain from a public CA'));
    else if (days < 0) out.push(fail('webhook.tls', 'Webhook certificate', `expired on ${t.validTo}`, 'renew the certificate'));
    else if (days < 14) out.push(warn('webhook.tls', 'Webhook certificate', `expires on ${t.validTo} (in ${plural(Math.ceil(days), 'day')})`, 'renew it soon; automate renewal'));
    else out.push(pass('webhook.tls', 'Webhook certificate', `valid until ${t.validTo}, issued by ${t.issuer}`));
  }
  if (f.missingVerifyToken) out.push(skip('webhook.verify-handshake', 'Verify handshake', 'no verify token configured', 'set WA_OPS_VERIFY_TOKEN to the token entered in the App Dashboard'));
  else if (!f.handshake?.ok) out.push(fail('webhook.verify-handshake', 'Verify handshake', `could not check: ${f.handshake && !f.handshake.ok ? f.handshake.error : 'no answer'}`, 'make sure the endpoint answers GET requests'));
  else {
    const h = f.handshake.value;
    if (!ok2xx(h.status) || !h.echoed) out.push(fail('webhook.verify-handshake', 'Verify handshake', `GET with the right verify token answered ${h.status}${h.echoed ? '' : ' without echoing hub.challenge'}`, 'answer 200 with exactly the hub.challenge value when hub.verify_token matches'));
    else if (h.wrongEchoed || ok2xx(h.wrongStatus)) out.push(fail('webhook.verify-handshake', 'Verify handshake', `a wrong verify token was accepted (${h.wrongStatus})`, 'answer 403 when hub.verify_token does not match'));
    else out.push(pass('webhook.verify-handshake', 'Verify handshake', `echoes hub.challenge; a wrong token gets ${h.wrongStatus}`));
  }
  if (f.missingAppSecret) {
    out.push(skip('webhook.signed-post', 'Signed POST accepted', 'no app secret configured', 'set WA_OPS_APP_SECRET (App Dashboard > App settings > Basic)'));
    out.push(skip('webhook.rejects-bad-signature', 'Bad signature refused', 'no app secret configured', 'set WA_OPS_APP_SECRET'));
    out.push(skip('webhook.latency', 'Webhook latency', 'no app secret configured'));
    return out;
  }
  if (!f.signed?.ok) out.push(fail('webhook.signed-post', 'Signed POST accepted', `could not POST: ${f.signed && !f.signed.ok ? f.signed.error : 'no answer'}`, 'make sure the endpoint answers POST requests'));
  else {
    const bad = f.signed.value.statuses.filter((s) => !ok2xx(s));
    const slowest = Math.max(...f.signed.value.latenciesMs);
    if (bad.length) out.push(fail('webhook.signed-post', 'Signed POST accepted', `a correctly signed status callback got ${bad[0]}`, 'answer 200 to validly signed POSTs (Meta retries for 7 days otherwise); check that the app secret matches'));
    else if (slowest > 1000) out.push(fail('webhook.signed-post', 'Signed POST accepted', `answered 200 but took ${Math.round(slowest)} ms`, 'answer within 1 s: queue the work and reply first'));
    else out.push(pass('webhook.signed-post', 'Signed POST accepted', `200 in ${Math.round(f.signed.value.latenciesMs[0])} ms`));
  }
  if (!f.bad?.ok) out.push(fail('webhook.rejects-bad-signature', 'Bad signature refused', `could not check: ${f.bad && !f.bad.ok ? f.bad.error : 'no answer'}`, 'make sure the endpoint answers POST requests'));
  else {
    const b = f.bad.value;
    if (ok2xx(b.wrongStatus) || ok2xx(b.unsignedStatus)) {
      out.push(fail('webhook.rejects-bad-signature', 'Bad signature refused', `SECURITY: ${ok2xx(b.wrongStatus) ? `a wrongly signed POST got ${b.wrongStatus}` : ''}${ok2xx(b.wrongStatus) && ok2xx(b.unsignedStatus) ? '; ' : ''}${ok2xx(b.unsignedStatus) ? `an unsigned POST got ${b.unsignedStatus}` : ''}: anyone can forge delivery statuses`, 'verify X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret, constant-time compare) and answer 401 otherwise'));
    } else out.push(pass('webhook.rejects-bad-signature', 'Bad signature refused', `wrong signature ${b.wrongStatus}, no signature ${b.unsignedStatus}`));
  }
  if (f.signed?.ok) {
    const l = [...f.signed.value.latenciesMs].sort((a, b) => a - b);
    const median = l[Math.floor(l.length / 2)];
    const detail = `median ${Math.round(median)} ms, slowest ${Math.round(l[l.length - 1])} ms over ${l.length} signed POSTs`;
    if (median > 1000) out.push(fail('webhook.latency', 'Webhook latency', detail, 'answer within 1 s: acknowledge first, process afterwards'));
    else if (median > 250) out.push(warn('webhook.latency', 'Webhook latency', detail, 'keep the median under 250 ms: acknowledge first, process afterwards'));
    else out.push(pass('webhook.latency', 'Webhook latency', detail));
  } else out.push(skip('webhook.latency', 'Webhook latency', 'no successful signed POST to time'));
  return out;
}
