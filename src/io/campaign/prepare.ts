/** Everything a send works out before it touches the ledger: list, template, policies, every payload checked. */
import { errorMessage } from '../../core/caught.js';
import { UsageError } from '../../core/errors.js';
import { budgetFrom, costPlan, tierSize, windowFrom, windowPlan } from '../../core/campaign/policies.js';
import { DEFAULT_PRICES, mergePrices } from '../../core/campaign/pricing.js';
import { mappedColumns, renderPayload } from '../../core/campaign/render.js';
import type { SendWindow } from '../../core/campaign/window.js';
import { seedFrom } from '../../core/numbers/sampling.js';
import type { Settings } from '../config.js';
import { GraphClient } from '../graph/client.js';
import { readSuppressions, suppressionsPath } from '../suppressions.js';
import type { SuppressionList } from '../../core/suppressions/fold.js';
import { accountLimits, checkOtherSenders } from './account.js';
import type { CampaignFile } from './campaign-file.js';
import type { CsvLimits } from '../csv/record-splitter.js';
import type { Prepared } from './prepared.js';
import { loadRecipients, recipientOptions } from './recipients.js';
import { checkHeaderMedia, checkPace, listNotices } from './send-checks.js';
import { chooseTargets, countReasons } from './send-targets.js';
import { checkTemplate } from './template-check.js';

export type { PolicyPlan, Prepared, Sendable, Target } from './prepared.js';

/** What a send decided before preparing: identity, pace, senders, and the flags that shape the plan. */
export interface PrepareOptions {
  /** The campaign identity (from the ledger header, or new): callback data and seeds come from it. */
  campaignId: string;
  /** The suppression list when the store keeps it (PostgreSQL); default: the local file. */
  suppressions?: SuppressionList;
  intervalMs: number;
  senders: string[];
  dryRun: boolean;
  sample: boolean;
  allowFullBudget: boolean;
  windowFlag?: string | false;
  graphUrlFlags?: string[];
  pricing?: unknown;
  warn: (text: string) => void;
  /** Caps on the list's records (send --max-line-length, --max-field-length). */
  csvLimits?: CsvLimits;
}

/** Load, check and render; throws typed errors before anything is sent. The caller closes the client. */
export async function prepareSend(cf: CampaignFile, settings: Settings, o: PrepareOptions): Promise<Prepared> {
  const c = cf.campaign;
  const list = await loadRecipients(cf.recipientsPath, recipientOptions(c, mappedColumns(c), o.csvLimits));
  const graphUrls = o.graphUrlFlags?.length ? o.graphUrlFlags : [settings.graphUrl];
  const notices = listNotices(list, c);
  const client = sendClient(settings, graphUrls, o.warn);
  try {
    const template = await checkTemplate(client, settings.wabaId, c, o.warn);
    const window = sendWindow(o.windowFlag, c.window);
    const account = client ? await accountLimits(client, o.senders[0]) : undefined; // a GET, also in a dry run: the plan says where it would send
    if (client) await checkOtherSenders(client, o.senders);
    if (account?.error) notices.push(`account limits not read (${account.error}): only dailyLimit applies`);
    checkPace(account, o.intervalMs, o.allowFullBudget, notices);
    const media = await checkHeaderMedia(c, cf.path, notices);
    const budget = budgetFrom(c.dailyLimit, tierSize(account?.tier), account?.tier, o.allowFullBudget);
    // Render every payload before sending anything: a recipient whose values Meta would refuse is skipped, not sent.
    const render = (e164: string, values: string[], cb: string) => renderPayload(c, { e164, value: (col) => values[list.columns.indexOf(col)], callbackData: cb }, template.names);
    const suppressions = o.suppressions ?? readSuppressions(suppressionsPath());
    const seed = seedFrom(o.campaignId);
    const { targets, skipped } = chooseTargets(list, { campaignId: o.campaignId, suppressions, category: template.category || 'MARKETING', render, sampleSeed: o.sample ? seed : undefined });
    const prices = mergePrices(DEFAULT_PRICES, o.pricing);
    return {
      client,
      list,
      template,
      targets,
      skipped,
      skippedByReason: countReasons(skipped),
      window,
      budget,
      media,
      seed,
      payloadOf: (t) => {
        const r = render(t.e164, t.values, t.callbackData);
        if ('problem' in r) throw new Error(`payload of ${t.e164} no longer renders: ${r.problem}`);
        return r.payload;
      },
      policiesFor: (set) => {
        // Where it sends: the URL in use now (a failover during the pre-flight moved on from the first one).
        const inUse = (client && graphUrls.find((u) => client.baseUrl.startsWith(`${u.replace(/\/+$/, '')}/`))) ?? graphUrls[0];
        return {
          window: window ? windowPlan(window, set, Date.now(), seed) : undefined,
          budget,
          cost: costPlan(prices, template.category || 'MARKETING', set),
          graphUrls,
          notices,
          media: media && { kind: media.kind, source: media.source, mime: media.mime, size: media.size, local: media.local },
          where: { senders: o.senders, display: account?.display, businessName: account?.name, wabaId: settings.wabaId, graphUrl: inUse, notMeta: !isMetaHost(inUse) },
        };
      },
    };
  } catch (err) {
    await client?.close();
    throw err;
  }
}

/** The Graph client of a send (first URL, then the fallbacks), or none without a token (a dry run can still plan). */
function sendClient(settings: Settings, graphUrls: string[], warn: (text: string) => void): GraphClient | undefined {
  if (!settings.token) return undefined;
  return new GraphClient({
    baseUrl: graphUrls[0],
    fallbackUrls: graphUrls.slice(1),
    apiVersion: settings.apiVersion,
    token: settings.token,
    onFailover: (from, to, reason) => warn(`failover: ${from} cannot be reached (${reason}); now using ${to}`),
  });
}

/** The send window from --window or the campaign; a bad --window is a usage error. */
function sendWindow(flag: string | false | undefined, campaignWindow: SendWindow | undefined): SendWindow | undefined {
  try {
    return windowFrom(flag, campaignWindow);
  } catch (err) {
    throw new UsageError(errorMessage(err), { code: 'bad-flag' });
  }
}

/** Is this Meta's Graph API (graph.facebook.com and its regional or beta hosts)? */
export function isMetaHost(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && /(^|\.)(facebook|fb)\.com$/.test(u.hostname);
  } catch {
    return false;
  }
}
