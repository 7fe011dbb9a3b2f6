/** wa-ops init: ask for the ids and secrets, write wa-ops.config.json (no secrets) and .env (secrets, 0600), then run doctor. */
import { closeSync, constants, existsSync, openSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UpstreamError, UsageError } from '../core/errors.js';
import { registerSecrets } from '../core/redact.js';
import { graphUrlProblem } from '../core/url-policy.js';
import { loadConfig, maskSecret } from '../io/config.js';
import { writeEnvFile } from '../io/env-file.js';
import { writeOutputFile } from '../io/output-file.js';
import { readTextFile } from '../io/read-text-file.js';
import { checkToken } from '../io/token-check.js';
import { renderDoctor } from '../ui/doctor-report.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { askInput, askSecret } from '../ui/prompts.js';
import { envKeys, envSummary } from '../ui/env-summary.js';
import { term } from '../ui/term.js';
import { stringFlag } from './flags.js';

interface Flags {
  phoneNumberId?: string;
  wabaId?: string;
  appId?: string;
  graphUrl?: string;
  apiVersion?: string;
  webhookUrl?: string;
  force?: boolean;
  doctor?: boolean;
  config?: string;
}

/** Flags -> typed options, once. */
function parseFlags(flags: Record<string, unknown>): Flags {
  const str = (k: string) => stringFlag(flags, k);
  return {
    phoneNumberId: str('phoneNumberId'),
    wabaId: str('wabaId'),
    appId: str('appId'),
    graphUrl: str('graphUrl'),
    apiVersion: str('apiVersion'),
    webhookUrl: str('webhookUrl'),
    force: flags.force === true,
    doctor: flags.doctor !== false,
    config: str('config'),
  };
}

interface Answers {
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

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = parseFlags(flags);
  const cwd = process.cwd();
  const configPath = resolve(cwd, f.config ?? 'wa-ops.config.json');
  const envPath = join(cwd, '.env');
  if (!f.force && existsSync(configPath)) throw new UsageError(`${configPath} exists already`, { code: 'exists', hint: 'pass --force to overwrite it' });
  const env = process.env;
  const graphProblem = f.graphUrl ? graphUrlProblem(f.graphUrl, env.WA_OPS_ALLOW_INSECURE_GRAPH_URL === '1') : undefined;
  if (graphProblem) throw new UsageError(`--graph-url: ${graphProblem}`, { code: 'bad-graph-url' });
  const given: Partial<Answers> = {
    phoneNumberId: f.phoneNumberId ?? env.WA_OPS_PHONE_NUMBER_ID,
    wabaId: f.wabaId ?? env.WA_OPS_WABA_ID,
    appId: f.appId ?? env.WA_OPS_APP_ID,
    graphUrl: f.graphUrl ?? env.WA_OPS_GRAPH_URL,
    apiVersion: f.apiVersion ?? env.WA_OPS_API_VERSION,
    webhookUrl: f.webhookUrl,
    // Secrets never come from flags (visible in ps): the environment, or the prompt.
    token: env.WA_OPS_TOKEN,
    appSecret: env.WA_OPS_APP_SECRET,
    verifyToken: env.WA_OPS_VERIFY_TOKEN,
  };
  checkIds(given, f, env);
  const answers = term().interactive ? await ask(given) : nonInteractive(given);
  registerSecrets([answers.token, answers.appSecret, answers.verifyToken]);
  // A line break would end the value in .env and start a line of the attacker's (or the clipboard's) choosing.
  for (const [name, v] of [['WA_OPS_TOKEN', answers.token], ['WA_OPS_APP_SECRET', answers.appSecret], ['WA_OPS_VERIFY_TOKEN', answers.verifyToken]] as const) {
    if (v && /[\r\n]/.test(v)) throw new UsageError(`${name} holds a line break; a secret must be one line, nothing was written`, { code: 'bad-secret', hint: 'paste the value again without the line break' });
  }
  if (!term().interactive) {
    // Without a prompt to ask again, a token the API refuses must not land in .env (the interactive path re-asks).
    const verdict = await checkToken({ baseUrl: answers.graphUrl, apiVersion: answers.apiVersion, token: answers.token, phoneNumberId: answers.phoneNumberId });
    if (!verdict.ok && !verdict.unreachable) throw new UpstreamError(`${verdict.reason}; nothing was written`, { code: 'token-refused', hint: 'set WA_OPS_TOKEN to a system-user token with whatsapp_business_messaging for this phone number' });
    if (!verdict.ok) warn(`the token could not be checked (${verdict.reason}); writing it unverified`);
  }
  const config: Record<string, string> = { phoneNumberId: answers.phoneNumberId, wabaId: answers.wabaId };
  for (const k of ['appId', 'graphUrl', 'apiVersion', 'webhookUrl'] as const) if (answers[k]) config[k] = answers[k]!;
  writeOutputFile(configPath, JSON.stringify(config, null, 2) + '\n', { mode: 0o644 });
  const secrets: Record<string, string> = { WA_OPS_TOKEN: answers.token };
  if (answers.appSecret) secrets.WA_OPS_APP_SECRET = answers.appSecret;
  if (answers.verifyToken) secrets.WA_OPS_VERIFY_TOKEN = answers.verifyToken;
  const merged = writeEnvFile(envPath, secrets);
  const ignored = ensureGitignored(cwd);
  info(`${paint('green', '✔')} wrote ${configPath} (no secrets)`);
  info(`${paint('green', '✔')} ${envPath} (mode 0600, token ${maskSecret(answers.token)}): ${envSummary(merged)}`);
  if (ignored) info(`${paint('green', '✔')} added .env to ${ignored}`);
  if (f.doctor === false) {
    if (term().json) outJson({ config: configPath, env: envPath, envKeys: envKeys(merged) });
    return 0;
  }
  info('running wa-ops doctor ...');
  const { doctor } = await import('./doctor.js');
  const report = await doctor({ config: configPath }, loadConfig({ configPath, cwd }));
  if (term().json) outJson({ config: configPath, env: envPath, envKeys: envKeys(merged), doctor: report });
  else out(renderDoctor(report.checks, report.ok, false));
  return report.ok ? 0 : 1;
}

/** Meta's ids are digits: "abc" (or a pasted URL) is refused at once, naming where it came from, before anything is asked or written. */
function checkIds(g: Partial<Answers>, f: Flags, env: NodeJS.ProcessEnv): void {
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

function nonInteractive(g: Partial<Answers>): Answers {
  const missing = [
    !g.phoneNumberId && '--phone-number-id (or WA_OPS_PHONE_NUMBER_ID)',
    !g.wabaId && '--waba-id (or WA_OPS_WABA_ID)',
    !g.token && 'WA_OPS_TOKEN in the environment',
  ].filter(Boolean);
  const { phoneNumberId, wabaId, token } = g;
  if (missing.length || !phoneNumberId || !wabaId || !token) {
    throw new UsageError(`not a terminal, so init cannot ask: pass ${missing.join(', ')}`, { code: 'needs-flags', hint: 'secrets are read from the environment, never from flags (they would show in ps)' });
  }
  return { ...g, phoneNumberId, wabaId, token };
}

async function ask(g: Partial<Answers>): Promise<Answers> {
  const stop = { interrupted: 'nothing was written' };
  const digits = (v: string) => (/^\d{5,20}$/.test(v.trim()) ? true : 'digits only, as shown in WhatsApp Manager');
  const phoneNumberId = g.phoneNumberId ?? (await askInput('Phone number id', { validate: digits, ...stop })).trim();
  const wabaId = g.wabaId ?? (await askInput('WhatsApp Business Account id', { validate: digits, ...stop })).trim();
  const optionalDigits = (v: string) => (v.trim() === '' || /^\d{5,20}$/.test(v.trim()) ? true : 'digits only, as shown in App settings, or empty');
  const appId = g.appId ?? ((await askInput('App id (optional, for debug_token and webhooks)', { validate: optionalDigits, ...stop })).trim() || undefined);
  let unverified: string | undefined;
  // The token's shape says nothing (sandbox tokens are short): ask the API whether it opens this phone number.
  const validateToken = async (v: string) => {
    if (!v.trim()) return 'paste the access token';
    const verdict = await checkToken({ baseUrl: g.graphUrl, apiVersion: g.apiVersion, token: v.trim(), phoneNumberId });
    if (verdict.ok) return true;
    if (verdict.unreachable) {
      unverified = verdict.reason;
      return true;
    }
    return verdict.reason;
  };
  const token = g.token ?? (await askSecret('Access token (system-user token)', { validate: validateToken, ...stop })).trim();
  if (unverified) warn(`could not check the token with the API (${unverified}); doctor will check it once the API is reachable`);
  const appSecret = g.appSecret ?? ((await askSecret('App secret (optional, verifies webhook signatures)', stop)).trim() || undefined);
  const verifyToken = g.verifyToken ?? ((await askInput('Webhook verify token', { default: randomBytes(12).toString('hex'), ...stop })).trim() || undefined);
  const webhookUrl = g.webhookUrl ?? ((await askInput('Webhook URL (optional)', stop)).trim() || undefined);
  return { ...g, phoneNumberId, wabaId, appId, token, appSecret, verifyToken, webhookUrl };
}

/** Add .env to the .gitignore of the enclosing git repository, if there is one; returns the file changed. */
function ensureGitignored(cwd: string): string | undefined {
  let dir = cwd;
  for (;;) {
    if (existsSync(join(dir, '.git'))) break;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  const file = join(cwd, '.gitignore');
  const current = readTextFile(file, { what: '.gitignore', maxBytes: 4 * 1024 * 1024, code: 'unreadable-file', missingOk: true }) ?? '';
  if (/^\/?\.env$/m.test(current)) return undefined;
  // Appended in place, never through a symlink planted at its name.
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
  try {
    writeSync(fd, `${current && !current.endsWith('\n') ? '\n' : ''}.env\n`);
  } finally {
    closeSync(fd);
  }
  return file;
}
