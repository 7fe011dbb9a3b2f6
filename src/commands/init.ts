/** wa-ops init: ask for the ids and secrets, write wa-ops.config.json (no secrets) and .env (secrets, 0600), then run doctor. */
import { existsSync, statSync } from 'node:fs';
import { errorMessage } from '../core/caught.js';
import { join, resolve } from 'node:path';
import { InputError, UpstreamError, UsageError } from '../core/errors.js';
import { registerSecrets } from '../core/redact.js';
import { graphUrlProblem } from '../core/url-policy.js';
import { loadConfig, maskSecret } from '../io/config.js';
import { applyGitignore, envTracked, planGitignore, type GitignorePlan } from '../io/gitignore.js';
import { describeSpecial } from '../io/input-file.js';
import { checkEnvTarget, writeSetupFiles } from '../io/setup-files.js';
import { checkToken } from '../io/token-check.js';
import { renderDoctor } from '../ui/doctor-report.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { envKeys, envSummary } from '../ui/env-summary.js';
import { withTerminalStatus } from '../ui/spinner.js';
import { term } from '../ui/term.js';
import { ask, checkConfigValues, checkIds, checkSecretLines, nonInteractive, type Answers } from './init/answers.js';
import { settingsAlsoInDotEnv, settingsOverriddenByEnv } from './init/env-ids.js';
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

/** Flags -> typed options, once (--no-doctor is the only way doctor is false). */
function initFlags(flags: Record<string, unknown>): Flags {
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

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = initFlags(flags);
  const cwd = process.cwd();
  const configPath = resolve(cwd, f.config ?? 'wa-ops.config.json');
  const envPath = join(cwd, '.env');
  // Every target is checked before the prompts and before anything is written: a setup is written whole or not at all.
  checkConfigTarget(configPath, f);
  checkEnvTarget(envPath);
  const gitignore = planGitignore(cwd);
  if (existsSync(envPath) && envTracked(cwd)) {
    throw new InputError(`${envPath} is tracked by git: the token init writes there would go into your next commit; nothing was written`, { code: 'env-tracked', hint: 'run git rm --cached .env (the file stays; rotate any secret it already holds if it was pushed), then wa-ops init again' });
  }
  const answers = await gather(f, process.env);
  // An id .env also sets would win over the config file: it gets the new value too (said in the .env summary).
  const secrets: Record<string, string> = { ...settingsAlsoInDotEnv(cwd, answers), WA_OPS_TOKEN: answers.token };
  if (answers.appSecret) secrets.WA_OPS_APP_SECRET = answers.appSecret;
  if (answers.verifyToken) secrets.WA_OPS_VERIFY_TOKEN = answers.verifyToken;
  const merged = writeSetupFiles({ configPath, configText: JSON.stringify(configOf(answers), null, 2) + '\n', envPath, secrets });
  const ignored = addToGitignore(gitignore);
  info(`${paint('green', '✔')} wrote ${configPath} (no secrets)`);
  info(`${paint('green', '✔')} ${envPath} (mode 0600, token ${maskSecret(answers.token)}): ${envSummary(merged)}`);
  if (ignored) info(`${paint('green', '✔')} added .env to ${ignored}`);
  const overridden = settingsOverriddenByEnv(process.env, answers);
  if (overridden.length) warn(`${overridden.join(', ')} in your environment ${overridden.length === 1 ? 'wins' : 'win'} over what init wrote: run "unset ${overridden.join(' ')}", or every command keeps using the old value`);
  if (answers.verifyToken) info(`  the webhook verify token (${maskSecret(answers.verifyToken)}) is WA_OPS_VERIFY_TOKEN in .env: Meta's webhook setup (App Dashboard > WhatsApp > Configuration) asks for the same value`);
  if (f.doctor === false) {
    if (term().json) outJson({ config: configPath, env: envPath, envKeys: envKeys(merged) });
    return 0;
  }
  info('running wa-ops doctor ...');
  const { doctor } = await import('./doctor.js');
  const report = await withTerminalStatus('doctor: checking the account ...', () => doctor({ config: configPath }, loadConfig({ configPath, cwd }), cwd));
  if (term().json) outJson({ config: configPath, env: envPath, envKeys: envKeys(merged), doctor: report });
  else out(renderDoctor(report.checks, report.ok, false));
  return report.ok ? 0 : 1;
}

/** The config file may be created, or replaced with --force; a folder in its place never (no --force would help). */
function checkConfigTarget(configPath: string, f: Flags): void {
  const st = statSync(configPath, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new InputError(`${configPath} is a folder, not a file`, { code: 'not-a-file', hint: f.config ? 'give --config a file name' : 'move the folder away, or write the config elsewhere with --config <file>' });
  // A device or FIFO would swallow the config (written in place) and the setup would be half done: --force cannot help.
  const special = st && !st.isFile() ? describeSpecial(configPath, st)?.replace(/: pipe it into standard input.*$/, '') : undefined;
  if (special) throw new InputError(`${configPath} ${special}; nothing was written`, { code: 'not-a-file', hint: 'give --config the name of a file' });
  if (st && !f.force) throw new UsageError(`${configPath} exists already`, { code: 'exists', hint: 'pass --force to overwrite it' });
}

/** The config and .env are written: a .gitignore that cannot be appended to is a warning with what to do, not a failure. */
function addToGitignore(plan: GitignorePlan | undefined): string | undefined {
  if (!plan) return undefined;
  try {
    return applyGitignore(plan);
  } catch (err) {
    warn(`could not add .env to ${plan.file} (${errorMessage(err)}): add the line .env to it yourself, so the secrets stay out of git`);
    return undefined;
  }
}

/** Every answer, from flags, the environment or the prompt, checked before anything is written. */
async function gather(f: Flags, env: NodeJS.ProcessEnv): Promise<Answers> {
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
  checkConfigValues(given, f);
  const answers = term().interactive ? await ask(given) : nonInteractive(given);
  registerSecrets([answers.token, answers.appSecret, answers.verifyToken]);
  checkSecretLines(answers);
  if (!term().interactive) {
    // Without a prompt to ask again, a token the API refuses must not land in .env (the interactive path re-asks).
    const verdict = await checkToken({ baseUrl: answers.graphUrl, apiVersion: answers.apiVersion, token: answers.token, phoneNumberId: answers.phoneNumberId });
    if (!verdict.ok && !verdict.unreachable) throw new UpstreamError(`${verdict.reason}; nothing was written`, { code: 'token-refused', hint: 'set WA_OPS_TOKEN to a system-user token with whatsapp_business_messaging for this phone number' });
    if (!verdict.ok) warn(`the token could not be checked (${verdict.reason}); writing it unverified`);
  }
  return answers;
}

/** The config file's content: ids and URLs, never a secret. */
function configOf(a: Answers): Record<string, string> {
  const config: Record<string, string> = { phoneNumberId: a.phoneNumberId, wabaId: a.wabaId };
  for (const k of ['appId', 'graphUrl', 'apiVersion', 'webhookUrl'] as const) {
    const v = a[k];
    if (v) config[k] = v;
  }
  return config;
}
