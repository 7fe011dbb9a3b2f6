/** What init writes: the ids and secrets, from flags, the environment or the prompt, each checked before anything is written. */
import { randomBytes } from 'node:crypto';
import { CONFIG_KEYS } from '../../core/config-keys.js';
import { UsageError } from '../../core/errors.js';
import { checkToken } from '../../io/token-check.js';
import { info, warn } from '../../ui/output.js';
import { term } from '../../ui/term.js';
import { askToken } from './token-prompt.js';
import { askInput, askSecret } from '../../ui/prompts.js';

/** The ids and secrets init writes (secrets to .env, the rest to the config file). */
export interface Answers {
  phoneNumberId: string;
  wabaId: string;
  appId?: string;
  graphUrl?: string;
  apiVersion?: string;
  webhookUrl?: string;
  token: string;
  appSecret?: string;
  verifyToken?: string;
}

/** The ids given as flags, for naming where a bad one came from. */
export interface GivenIds {
  phoneNumberId?: string;
  wabaId?: string;
  appId?: string;
}

/** Meta's ids are digits: "abc" (or a pasted URL) is refused at once, naming where it came from, before anything is asked or written. */
export function checkIds(g: Partial<Answers>, f: GivenIds, env: NodeJS.ProcessEnv): void {
  const ids = [
    ['phoneNumberId', '--phone-number-id', 'WA_OPS_PHONE_NUMBER_ID', f.phoneNumberId],
    ['wabaId', '--waba-id', 'WA_OPS_WABA_ID', f.wabaId],
    ['appId', '--app-id', 'WA_OPS_APP_ID', f.appId],
  ] as const;
  for (const [key, flag, variable, fromFlag] of ids) {
    const v = g[key];
    // An empty variable (WA_OPS_PHONE_NUMBER_ID=) is an unset one: asked for, or its flag named without a terminal.
    if (v === undefined || /^\d{1,20}$/.test(v.trim()) || (v.trim() === '' && fromFlag === undefined)) continue;
    const where = fromFlag !== undefined ? flag : env[variable] !== undefined ? variable : flag;
    const shown = v.length > 40 ? `${v.slice(0, 40)}...` : v;
    throw new UsageError(`${where} must be a numeric id (digits only, e.g. 109876543210987), got "${shown}"; nothing was written`, { code: 'bad-id', hint: 'copy the id from WhatsApp Manager (phone number id, WABA id) or App settings (app id)' });
  }
}

/** The settings init writes to the config file, with the flag and variable each may come from. */
const CONFIG_VALUES = [
  ['graphUrl', '--graph-url', 'WA_OPS_GRAPH_URL'],
  ['apiVersion', '--api-version', 'WA_OPS_API_VERSION'],
  ['webhookUrl', '--webhook-url', 'WA_OPS_WEBHOOK_URL'],
] as const;

/** A value the config file would refuse is refused here, naming its flag or variable, before anything is asked or written (else init writes a config every later command stops on). */
export function checkConfigValues(g: Partial<Answers>, f: Partial<Record<'graphUrl' | 'apiVersion' | 'webhookUrl', string>>): void {
  for (const [key, flag, variable] of CONFIG_VALUES) {
    const v = g[key];
    const problem = v === undefined ? undefined : CONFIG_KEYS[key](v);
    if (problem) throw new UsageError(`${f[key] !== undefined ? flag : variable} ${problem}; nothing was written`, { code: 'bad-flag', hint: key === 'apiVersion' ? 'give the Graph API version as v23.0' : 'give an http(s) URL such as https://example.com/webhook' });
  }
}

/** The interactive webhook URL question's check: empty (none) or an http(s) URL the config file accepts. */
export function webhookAnswer(v: string): true | string {
  return v.trim() === '' || CONFIG_KEYS.webhookUrl(v.trim()) === undefined ? true : 'an http(s) URL such as https://example.com/webhook, or empty';
}

/** Without a terminal: every required answer must be given (ids as flags or variables, the token in the environment). */
export function nonInteractive(g: Partial<Answers>): Answers {
  const missing = [
    !g.phoneNumberId && '--phone-number-id (or WA_OPS_PHONE_NUMBER_ID)',
    !g.wabaId && '--waba-id (or WA_OPS_WABA_ID)',
    !g.token && 'WA_OPS_TOKEN in the environment',
  ].filter(Boolean);
  const { phoneNumberId, wabaId, token } = g;
  if (missing.length || !phoneNumberId || !wabaId || !token) {
    throw new UsageError(`init cannot ask ${term().noPromptReason || 'when not running in a terminal'}: pass ${missing.join(', ')}`, { code: 'needs-flags', hint: 'secrets are read from the environment, never from flags (they would show in ps)' });
  }
  return { ...g, phoneNumberId, wabaId, token };
}

/** On a terminal: ask for what was not given; the token is checked with the API once entered, and asked for again if refused. */
export async function ask(g: Partial<Answers>): Promise<Answers> {
  const stop = { interrupted: 'nothing was written' };
  const digits = (v: string) => (/^\d{5,20}$/.test(v.trim()) ? true : 'digits only, as shown in WhatsApp Manager');
  const phoneNumberId = g.phoneNumberId ?? (await askInput('Phone number id', { validate: digits, ...stop })).trim();
  const wabaId = g.wabaId ?? (await askInput('WhatsApp Business Account id', { validate: digits, ...stop })).trim();
  const optionalDigits = (v: string) => (v.trim() === '' || /^\d{5,20}$/.test(v.trim()) ? true : 'digits only, as shown in App settings, or empty');
  const appId = g.appId ?? ((await askInput('App id (optional, for debug_token and webhooks)', { validate: optionalDigits, ...stop })).trim() || undefined);
  // The token's shape says nothing (sandbox tokens are short): the API is asked whether it opens this phone number,
  // after the prompt returns, so that a refused token is asked for again in an empty field.
  const nonEmpty = (v: string) => (v.trim() ? true : 'paste the access token');
  const asked = await askToken(
    {
      prompt: () => askSecret('Access token (system-user token)', { validate: nonEmpty, ...stop }),
      check: (token) => checkToken({ baseUrl: g.graphUrl, apiVersion: g.apiVersion, token, phoneNumberId }),
      say: info,
    },
    undefined,
    g.token,
  );
  const token = asked.token;
  // The environment wins over .env: the refused token would still be the one every command uses.
  if (g.token !== undefined && token !== g.token) warn('WA_OPS_TOKEN in your environment wins over .env: run "unset WA_OPS_TOKEN" (and remove it from your shell profile), or every command keeps using the refused token');
  if (asked.unverified) warn(`could not check the token with the API (${asked.unverified}); doctor will check it once the API is reachable`);
  const appSecret = g.appSecret ?? ((await askSecret('App secret (optional, verifies webhook signatures)', stop)).trim() || undefined);
  // A secret like the others: masked, never shown (a default in the prompt would print it); empty makes a random one.
  const verifyToken = g.verifyToken ?? ((await askSecret('Webhook verify token (empty: a random one, kept in .env)', stop)).trim() || randomBytes(12).toString('hex'));
  const webhookUrl = g.webhookUrl ?? ((await askInput('Webhook URL (optional)', { validate: webhookAnswer, ...stop })).trim() || undefined);
  return { ...g, phoneNumberId, wabaId, appId, token, appSecret, verifyToken, webhookUrl };
}

/** A line break would end the value in .env and start a line of the attacker's (or the clipboard's) choosing. */
export function checkSecretLines(a: Answers): void {
  for (const [name, v] of [['WA_OPS_TOKEN', a.token], ['WA_OPS_APP_SECRET', a.appSecret], ['WA_OPS_VERIFY_TOKEN', a.verifyToken]] as const) {
    if (v && /[\r\n]/.test(v)) throw new UsageError(`${name} holds a line break; a secret must be one line, nothing was written`, { code: 'bad-secret', hint: 'paste the value again without the line break' });
  }
}
