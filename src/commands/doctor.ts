/** wa-ops doctor: is this account ready to send, and if not, exactly why (CONTRACT §6). */
import { pendingOf } from '../io/campaign/campaign-state.js';
import { FileStore } from '../io/store/file-store.js';
import { storeDoctor } from '../io/store/doctor-check.js';
import { configChecks } from '../core/doctor/config-checks.js';
import { phoneChecks, subscribedAppsCheck, tokenChecks } from '../core/doctor/account-checks.js';
import { appSecretCheck } from '../core/doctor/app-secret-check.js';
import { templateChecks, type TemplateWanted } from '../core/doctor/template-checks.js';
import { campaignChecks } from '../core/doctor/campaign-checks.js';
import { webhookChecks } from '../core/doctor/webhook-checks.js';
import { eventChecks } from '../core/doctor/event-checks.js';
import { reachabilityCheck } from '../core/doctor/network-checks.js';
import type { CheckResult } from '../core/doctor/types.js';
import { mappedColumns, mappingProblems, templateShape } from '../core/campaign/render.js';
import { costPlan, windowPlan } from '../core/campaign/policies.js';
import { DEFAULT_PRICES, mergePrices } from '../core/campaign/pricing.js';
import type { ParamSource } from '../core/campaign/schema.js';
import { zoneFor } from '../core/campaign/timezones.js';
import { seedFrom } from '../core/numbers/sampling.js';
import { checkMedia } from '../io/campaign/media.js';
import { dirname } from 'node:path';
import { UsageError } from '../core/errors.js';
import { loadConfig, SECRET_KEYS, type LoadedConfig } from '../io/config.js';
import { gatherFacts } from '../io/doctor/gather.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { loadRecipients, recipientOptions } from '../io/campaign/recipients.js';
import { renderDoctor } from '../ui/doctor-report.js';
import { out, outJson } from '../ui/output.js';
import { term } from '../ui/term.js';
import { csvLimitFlags } from './flags.js';

interface Flags {
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

function isHttpUrl(v: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

/** Run every check; returns the report (exported for init and the demo). */
export async function doctor(f: Flags, loaded: LoadedConfig = loadConfig({ configPath: f.config })): Promise<{ ok: boolean; checks: CheckResult[] }> {
  const { settings: s, sources, file } = loaded;
  const today = new Date().toISOString().slice(0, 10);
  const wanted: TemplateWanted[] = (f.template ?? []).map((spec) => {
    const [name, language, category, ...rest] = spec.split(':');
    if (!name || rest.length > 0) throw new UsageError(`--template takes name[:language[:CATEGORY]], got "${spec}"`, { code: 'bad-flag', hint: 'e.g. --template spring_sale:de:MARKETING' });
    const cat = category ? category.toUpperCase() : undefined;
    if (cat !== undefined && !['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(cat)) {
      throw new UsageError(`--template ${spec}: the category must be MARKETING, UTILITY or AUTHENTICATION, got "${category}"`, { code: 'bad-flag', hint: 'e.g. --template spring_sale:de:MARKETING' });
    }
    if (language && !/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(language)) {
      throw new UsageError(`--template ${spec}: "${language}" is not a template language code`, { code: 'bad-flag', hint: 'use Meta\'s codes, e.g. de, en_US, pt_BR' });
    }
    return { name, language: language || undefined, category: cat };
  });
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
  const checks: CheckResult[] = [
    ...stored.checks,
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
  ];
  if (campaign && list) {
    const t = facts.templates.ok ? facts.templates.value.find((x) => x.name === campaign.campaign.template.name && x.language === campaign.campaign.template.language) : undefined;
    const phone = facts.phone.ok ? facts.phone.value : undefined;
    const cc = campaign.campaign;
    // Only what is left to send counts (the ledger's identity seeds the window jitter, as in send).
    const ledger = await pendingOf(await (stored.store ?? new FileStore()).reader({ name: cc.name, ledgerPath: campaign.ledgerPath, campaignHash: campaign.sha256 }), list.recipients);
    const seed = seedFrom(ledger.campaignId ?? campaign.campaignId);
    const targets = ledger.left.map((r) => ({ region: r.region, zone: zoneFor(r.region)?.zone ?? 'UTC' }));
    const mediaSource = cc.parameters.header.find((x): x is Extract<ParamSource, { media: string }> => 'media' in x);
    const media = mediaSource && !f.offline ? await checkMedia(mediaSource.media, mediaSource.source, dirname(campaign.path)) : undefined;
    const cost = costPlan(mergePrices(DEFAULT_PRICES, file?.data.pricing), t?.category ?? 'MARKETING', targets);
    checks.push(
      ...campaignChecks({
        name: campaign.campaign.name,
        recipients: ledger.left.length,
        senders: Math.max(1, campaign.campaign.senders.length),
        intervalMs: campaign.campaign.intervalMs ?? 6000,
        dailyLimit: campaign.campaign.dailyLimit,
        tier: phone?.whatsapp_business_manager_messaging_limit ?? phone?.messaging_limit_tier,
        throughputLevel: phone?.throughput?.level,
        mappingProblems: t ? mappingProblems(campaign.campaign, templateShape({ ...t, components: t.components ?? [] })) : undefined,
        window: cc.window ? windowPlan(cc.window, targets, Date.now(), seed) : undefined,
        media,
        cost,
      }),
    );
  }
  if (facts.webhook) checks.push(...webhookChecks(facts.webhook));
  // A template paused or an account restricted, as webhook serve heard it, is a reason not to send.
  if (wanted.length || campaign) {
    const { latestManagementFor } = await import('../webhook/management-events.js');
    const phone = facts.phone.ok ? facts.phone.value : undefined;
    const events = await Promise.all(
      (wanted.length ? wanted : [undefined]).map((w) => latestManagementFor(s.events, { template: w && { name: w.name, language: w.language }, phoneNumbers: [phone?.display_phone_number, s.phoneNumberId].filter((x): x is string => Boolean(x)), wabaId: s.wabaId })),
    );
    const seen = new Set<string>();
    checks.push(...eventChecks(events.flat().filter((e) => !seen.has(`${e.field}|${e.subject}`) && seen.add(`${e.field}|${e.subject}`))));
  }
  await stored.store?.close();
  const ok = !checks.some((c) => c.status === 'fail' || (f.strict && c.status === 'warn'));
  return { ok, checks };
}

/**
 * Checks read the API's answers as typed; an answer of another shape (a proxy, a look-alike server)
 * fails that check with what went wrong instead of ending doctor as a wa-ops bug (exit 70).
 */
function shapeGuard(id: string, title: string, check: () => CheckResult | CheckResult[]): CheckResult[] {
  try {
    const r = check();
    return Array.isArray(r) ? r : [r];
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return [{ id, title, status: 'fail', detail: `the API answered in a shape wa-ops does not understand (${err.message})`, hint: 'check that the Graph URL points at the Graph API (or the wa-ops sandbox)' }];
  }
}

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = flags as Flags;
  const report = await doctor(f, loadConfig({ configPath: f.config, flags: { store: f.store } }));
  if (term().json) outJson(report);
  else out(renderDoctor(report.checks, report.ok, Boolean(f.strict)));
  return report.ok ? 0 : 1;
}
