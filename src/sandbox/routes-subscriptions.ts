/** /{waba}/subscribed_apps: subscribe (optionally with override_callback_uri, verified like Meta with a GET challenge), list, unsubscribe. */
import { randomInt } from 'node:crypto';
import { errorMessage } from '../core/caught.js';
import { graphError } from './graph-errors.js';
import { ok, type Answer } from './http.js';
import type { SandboxState } from './state.js';
import type { Obj } from './validate-content.js';

/** Where the account's webhooks go now: the override set through the API, else --webhook-url; none once unsubscribed. */
export function webhookTarget(state: SandboxState): string | undefined {
  if (!state.account.subscribed) return undefined;
  return (state.account.overrideVerified ? state.account.overrideCallbackUri : undefined) ?? state.o.webhookUrl;
}

/** GET, POST or DELETE /{waba}/subscribed_apps. */
export async function subscriptions(method: string, body: Obj, state: SandboxState): Promise<Answer> {
  const acct = state.account;
  if (method === 'GET') {
    if (state.scenarios.has('no-subscribed-apps') || !acct.subscribed) return ok({ data: [] });
    const app: Record<string, unknown> = { whatsapp_business_api_data: { id: state.o.appId, link: 'https://www.facebook.com/games/?app_id=' + state.o.appId, name: 'wa-ops sandbox' } };
    const uri = acct.overrideCallbackUri ?? state.o.webhookUrl;
    if (uri) app.override_callback_uri = uri;
    return ok({ data: [app] });
  }
  if (method === 'DELETE') {
    acct.subscribed = false;
    acct.overrideCallbackUri = undefined;
    acct.overrideVerified = undefined;
    return ok({ success: true });
  }
  if (method !== 'POST') return graphError(100, `Unsupported ${method.toLowerCase()} request on subscribed_apps.`);
  const uri = body.override_callback_uri;
  if (uri === undefined) {
    // A POST without an override subscribes the app to its own callback URL again.
    acct.subscribed = true;
    acct.overrideCallbackUri = undefined;
    acct.overrideVerified = undefined;
    return ok({ success: true });
  }
  const checked = await verifyCallback(uri, body.verify_token);
  if (checked !== 'verified' && checked !== 'not-checked') return checked;
  acct.subscribed = true;
  acct.overrideCallbackUri = String(uri);
  acct.overrideVerified = checked === 'verified';
  return ok({ success: true });
}

/** The sandbox calls out only to this machine: an override elsewhere is taken (and listed) unverified, and not delivered to. */
const isLoopback = (host: string): boolean => /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(host);

/** Meta checks an override URL before taking it: GET ?hub.mode=subscribe&hub.challenge=..&hub.verify_token=.. must echo the challenge. */
async function verifyCallback(uri: unknown, token: unknown): Promise<Answer | 'verified' | 'not-checked'> {
  let url: URL;
  try {
    url = new URL(String(uri));
  } catch {
    return graphError(100, 'override_callback_uri must be an http(s) URL.');
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password) return graphError(100, 'override_callback_uri must be an http(s) URL without credentials.');
  if (typeof token !== 'string' || token === '') return graphError(100, 'verify_token is required with override_callback_uri.');
  if (!isLoopback(url.hostname)) return 'not-checked';
  const challenge = String(randomInt(1e9, 2e9));
  const check = new URL(url);
  check.searchParams.set('hub.mode', 'subscribe');
  check.searchParams.set('hub.challenge', challenge);
  check.searchParams.set('hub.verify_token', token);
  let failure: string;
  try {
    const { probe } = await import('../io/graph/probe.js');
    const res = await probe(check, { method: 'GET', headers: { 'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' }, timeoutMs: 5000 });
    if (res.status === 200 && res.body.trim() === challenge) return 'verified';
    failure = res.status === 200 ? `The URL couldn't be validated. Response does not match challenge, expected value="${challenge}", received="${res.body.slice(0, 40)}"` : `HTTP Status Code = ${res.status}`;
  } catch (err) {
    failure = `The URL couldn't be validated. Callback verification failed with the following errors: ${errorMessage(err)}`;
  }
  return graphError(2200, undefined, 400, { message: `(#2200) Callback verification failed with the following errors: ${failure}` });
}
