/** doctor --campaign: the checks of a campaign against the account (template, limits, pace, window, media, cost). */
import { dirname } from 'node:path';
import { campaignChecks } from '../../core/doctor/campaign-checks.js';
import type { CheckResult } from '../../core/doctor/types.js';
import { mappingProblems, templateShape } from '../../core/campaign/render.js';
import { costPlan, windowPlan } from '../../core/campaign/policies.js';
import { DEFAULT_PRICES, mergePrices } from '../../core/campaign/pricing.js';
import type { ParamSource } from '../../core/campaign/schema.js';
import { zoneFor } from '../../core/campaign/timezones.js';
import { seedFrom } from '../../core/numbers/sampling.js';
import type { CampaignFile } from '../../io/campaign/campaign-file.js';
import { pendingOf } from '../../io/campaign/campaign-state.js';
import { checkMedia } from '../../io/campaign/media.js';
import type { RecipientList } from '../../io/campaign/recipients.js';
import type { DoctorFacts } from '../../io/doctor/gather.js';
import { FileStore } from '../../io/store/file-store.js';
import type { CampaignStore } from '../../io/store/types.js';
import { campaignRef, type GivenCampaignArgs } from '../../io/store/campaign-source.js';

/** What the campaign checks read besides the campaign and its list. */
export interface CampaignContext {
  facts: DoctorFacts;
  /** The store the campaign's ledger is in (default: its local ledger file). */
  store?: CampaignStore;
  /** The flags as given (the shared campaign reference and its import command). */
  given: GivenCampaignArgs;
  pricing: unknown;
  offline: boolean;
}

/** The campaign's checks; only what is left to send counts. */
export async function campaignReadiness(campaign: CampaignFile, list: RecipientList, x: CampaignContext): Promise<CheckResult[]> {
  const cc = campaign.campaign;
  const t = x.facts.templates.ok ? x.facts.templates.value.find((v) => v.name === cc.template.name && v.language === cc.template.language) : undefined;
  const phone = x.facts.phone.ok ? x.facts.phone.value : undefined;
  // Only what is left to send counts (the ledger's identity seeds the window jitter, as in send).
  const ledger = await pendingOf(await (x.store ?? new FileStore()).reader(campaignRef(campaign, x.given)), list.recipients);
  const seed = seedFrom(ledger.campaignId ?? campaign.campaignId);
  const targets = ledger.left.map((r) => ({ region: r.region, zone: zoneFor(r.region)?.zone ?? 'UTC' }));
  const mediaSource = cc.parameters.header.find((v): v is Extract<ParamSource, { media: string }> => 'media' in v);
  const media = mediaSource && !x.offline ? await checkMedia(mediaSource.media, mediaSource.source, dirname(campaign.path)) : undefined;
  const cost = costPlan(mergePrices(DEFAULT_PRICES, x.pricing), t?.category ?? 'MARKETING', targets);
  return campaignChecks({
    name: cc.name,
    recipients: ledger.left.length,
    senders: Math.max(1, cc.senders.length),
    intervalMs: cc.intervalMs ?? 6000,
    dailyLimit: cc.dailyLimit,
    tier: phone?.whatsapp_business_manager_messaging_limit ?? phone?.messaging_limit_tier,
    throughputLevel: phone?.throughput?.level,
    mappingProblems: t ? mappingProblems(cc, templateShape({ ...t, components: t.components ?? [] })) : undefined,
    window: cc.window ? windowPlan(cc.window, targets, Date.now(), seed) : undefined,
    media,
    cost,
  });
}
