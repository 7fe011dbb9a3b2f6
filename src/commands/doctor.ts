/** wa-ops doctor: is this account ready to send, and if not, exactly why (CONTRACT §6). */
import { storeDoctor } from '../io/store/doctor-check.js';
import { configChecks } from '../core/doctor/config-checks.js';
import { dotenvGitCheck } from '../core/doctor/dotenv-git-check.js';
import { phoneChecks, subscribedAppsCheck, tokenChecks } from '../core/doctor/account-checks.js';
import { appSecretCheck } from '../core/doctor/app-secret-check.js';
import { shapeGuard } from '../core/doctor/shape-guard.js';
import { templateChecks, type TemplateWanted } from '../core/doctor/template-checks.js';
import { templateWanted } from '../core/doctor/template-spec.js';
import { webhookChecks } from '../core/doctor/webhook-checks.js';
import { reachabilityCheck } from '../core/doctor/network-checks.js';
import { skipRepeatedFailures } from '../core/doctor/repeated-failures.js';
import type { CheckResult } from '../core/doctor/types.js';
import { mappedColumns } from '../core/campaign/render.js';
import { UsageError } from '../core/errors.js';
import { loadConfig, SECRET_KEYS, type LoadedConfig } from '../io/config.js';
import { gatherFacts, type DoctorFacts } from '../io/doctor/gather.js';
import { envGitState } from '../io/gitignore.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { loadRecipients, recipientOptions } from '../io/campaign/recipients.js';
import { renderDoctor } from '../ui/doctor-report.js';
import { out, outJson } from '../ui/output.js';
import { withTerminalStatus } from '../ui/spinner.js';
import { term } from '../ui/term.js';
import { campaignReadiness } from './doctor/campaign-readiness.js';
import { recentEventChecks } from './doctor/recent-events.js';
import { csvLimitFlags, parseFlags, type FlagSchema } from './flags.js';

/** doctor's flags (init and the demo pass a few of them too). */
export interface DoctorFlags {
  webhookUrl?: string;
  template?: string[];
  campaign?: string;
  offline?: boolean;
  strict?: boolean;
  config?: string;
  store?: string;
  maxLineLength?: string;
  maxFieldLength?: string;
}

/** The flags' kinds, checked once when they are read (parseFlags). */
const DOCTOR_FLAGS: FlagSchema<DoctorFlags> = {
  webhookUrl: 'string',
  template: 'list',
  campaign: 'string',
  offline: 'boolean',
  strict: 'boolean',
  config: 'string',
  store: 'string',
  maxLineLength: 'string',
  maxFieldLength: 'string',
};

function isHttpUrl(v: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

/** Run every check; returns the report (exported for init and the demo). */
export async function doctor(f: DoctorFlags, loaded: LoadedConfig = loadConfig({ configPath: f.config }), cwd = process.cwd()): Promise<{ ok: boolean; checks: CheckResult[] }> {
  const { settings: s, sources, file } = loaded;
  const today = new Date().toISOString().slice(0, 10);
  const wanted = (f.template ?? []).map(templateWanted);
  const campaign = f.campaign ? loadCampaignFile(f.campaign) : undefined;
  if (campaign && !wanted.some((w) => w.name === campaign.campaign.template.name && w.language === campaign.campaign.template.language)) {
    wanted.push({ name: campaign.campaign.template.name, language: campaign.campaign.template.language });
  }
  const webhookUrl = f.webhookUrl ?? s.webhookUrl;
  if (webhookUrl && !isHttpUrl(webhookUrl)) throw new UsageError(`--webhook-url must be an http(s) URL, got "${webhookUrl}"`, { code: 'bad-flag' });
  const [facts, list] = await Promise.all([
    gatherFacts(s, { offline: Boolean(f.offline), wantTemplates: wanted.length > 0, webhookUrl: f.offline ? undefined : webhookUrl, today }),
    campaign ? loadRecipients(campaign.recipientsPath, recipientOptions(campaign.campaign, mappedColumns(campaign.campaign), csvLimitFlags(f))) : undefined,
  ]);
  const stored = await storeDoctor(s.store, sources.store, Boolean(f.offline));
  const checks: CheckResult[] = [...stored.checks, ...accountChecks(loaded, facts, wanted, webhookUrl, today)];
  // A secret read from ./.env: git must keep that file out of every commit.
  const git = SECRET_KEYS.some((k) => sources[k] === '.env') ? envGitState(cwd) : undefined;
  if (git) checks.splice(stored.checks.length + 1, 0, dotenvGitCheck({ ...git, dir: cwd }));
  if (campaign && list) checks.push(...(await campaignReadiness(campaign, list, { facts, store: stored.store, given: { campaign: f.campaign ?? campaign.path, config: f.config, store: f.store }, pricing: file?.data.pricing, offline: Boolean(f.offline) })));
  if (facts.webhook) checks.push(...webhookChecks(facts.webhook));
  // A template paused or an account restricted, as webhook serve heard it, is a reason not to send.
  if (wanted.length || campaign) checks.push(...(await recentEventChecks(s, facts, wanted)));
  await stored.store?.close();
  const ok = !checks.some((c) => c.status === 'fail' || (f.strict && c.status === 'warn'));
  return { ok, checks };
}

/** The configuration's checks, then the account's from the facts the API gave. */
function accountChecks({ settings: s, sources, file }: LoadedConfig, facts: DoctorFacts, wanted: TemplateWanted[], webhookUrl: string | undefined, today: string): CheckResult[] {
  return skipRepeatedFailures([
    ...configChecks({
      token: s.token,
      tokenSource: sources.token,
      phoneNumberId: s.phoneNumberId,
      wabaId: s.wabaId,
      apiVersion: s.apiVersion,
      configFile: file && { path: file.path, mode: file.mode, hasSecrets: SECRET_KEYS.some((k) => typeof file.data[k] === 'string') },
      today,
    }),
    ...(facts.unreachable ? [reachabilityCheck(facts.unreachable)] : []),
    ...shapeGuard('token.valid', 'Access token', () => tokenChecks(facts.debugToken, s.wabaId, Math.floor(Date.now() / 1000))),
    ...shapeGuard('token.app-secret', 'App id and secret', () => appSecretCheck(facts.appToken, s.appId)),
    ...shapeGuard('phone.status', 'Phone number', () => phoneChecks(facts.phone)),
    ...shapeGuard('waba.subscribed-apps', 'App subscribed to the WABA', () => subscribedAppsCheck(facts.apps, webhookUrl)),
    ...shapeGuard('template', 'Templates', () => templateChecks(wanted, facts.templates)),
  ]);
}

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = parseFlags<DoctorFlags>(flags, DOCTOR_FLAGS);
  const loaded = loadConfig({ configPath: f.config, flags: { store: f.store } });
  // The Graph API (and a webhook endpoint) can take seconds to answer: a terminal sees that doctor is waiting, on what.
  const waitingOn = f.offline ? 'the configuration and the store' : `${new URL(loaded.settings.graphUrl).host}${(f.webhookUrl ?? loaded.settings.webhookUrl) ? ' and the webhook endpoint' : ''}`;
  const report = await withTerminalStatus(`doctor: checking ${waitingOn} ...`, () => doctor(f, loaded));
  if (term().json) outJson(report);
  else out(renderDoctor(report.checks, report.ok, Boolean(f.strict)));
  return report.ok ? 0 : 1;
}
