/** Everything a send works out before it touches the ledger: list, template, policies, every payload checked. */
import { dirname } from 'node:path';
import { InputError, UsageError } from '../../core/errors.js';
import { plural } from '../../core/plural.js';
import { budgetFrom, costPlan, tierSize, windowFrom, windowPlan, type Budget } from '../../core/campaign/policies.js';
import { DEFAULT_PRICES, mergePrices } from '../../core/campaign/pricing.js';
import { callbackData, mappedColumns, renderPayload } from '../../core/campaign/render.js';
import type { ParamSource } from '../../core/campaign/schema.js';
import { zoneFor } from '../../core/campaign/timezones.js';
import type { SendWindow } from '../../core/campaign/window.js';
import { createRng, sampleSize, seedFrom, selectionSampler } from '../../core/numbers/sampling.js';
import type { Settings } from '../config.js';
import { GraphClient } from '../graph/client.js';
import { readSuppressions, suppressionsPath, type SuppressionList } from '../suppressions.js';
import { accountLimits } from './account.js';
import type { CampaignFile } from './campaign-file.js';
import { checkMedia, type MediaCheck } from './media.js';
import type { CsvLimits } from '../csv/record-splitter.js';
import { loadRecipients, recipientOptions, type RecipientList, type SkippedRow } from './recipients.js';
import { checkTemplate, type TemplateFacts } from './template-check.js';

/** A recipient of the campaign, ready to send. */
export interface Sendable {
  e164: string;
  /** The recipient's time zone, for the send window. */
  zone?: string;
  /** Values of the campaign's mapped columns: the payload is rendered from them at send time. */
  values: string[];
  callbackData: string;
}

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

export type Target = Sendable & { line: number; region: string };

export interface PolicyPlan {
  window?: ReturnType<typeof windowPlan>;
  budget?: Budget;
  cost: ReturnType<typeof costPlan>;
  graphUrls: string[];
  notices: string[];
  media?: { kind: string; source: string; mime?: string; size?: number; local: boolean };
  /** Where the messages go: sender number, business name, WABA, Graph host. */
  where: SendTarget;
}

export interface SendTarget {
  senders: string[];
  display?: string;
  businessName?: string;
  wabaId?: string;
  graphUrl: string;
  /** The host is not Meta's Graph API (a sandbox, a proxy, or a mistake). */
  notMeta: boolean;
}

export interface Prepared {
  client?: GraphClient;
  list: RecipientList;
  template: TemplateFacts;
  targets: Target[];
  skipped: SkippedRow[];
  skippedByReason: Record<string, number>;
  window?: SendWindow;
  budget?: Budget;
  media?: MediaCheck;
  seed: number;
  /** Render a target's request body (media ids still as placeholders). */
  payloadOf(t: Sendable): Record<string, unknown>;
  /** The policy lines of the plan for a set of recipients. */
  policiesFor(targets: { region: string; zone?: string }[]): PolicyPlan;
}

/** Load, check and render; throws typed errors before anything is sent. The caller closes the client. */
export async function prepareSend(cf: CampaignFile, settings: Settings, o: PrepareOptions): Promise<Prepared> {
  const c = cf.campaign;
  const list = await loadRecipients(cf.recipientsPath, recipientOptions(c, mappedColumns(c), o.csvLimits));
  const graphUrls = o.graphUrlFlags?.length ? o.graphUrlFlags : [settings.graphUrl];
  const notices: string[] = [];
  // The list is read exactly as validate-numbers reads it; say how, so the two can be compared.
  notices.push(`list read with phone column "${list.chosen.phone}"${list.chosen.country ? `, country column "${list.chosen.country}"` : ''}${c.defaultCountry ? `, default region ${c.defaultCountry}` : ''}`);
  if (list.chosen.note) notices.push(list.chosen.note);
  const m = list.fieldCountMismatches;
  if (m.count > 0) notices.push(`${plural(m.count, 'row')} of the list ${m.count === 1 ? 'has' : 'have'} another number of fields than its header (line ${m.lines.join(', ')}${m.count > m.lines.length ? ', ...' : ''}): check the delimiter and the quoting`);
  if (list.assumedInternational > 0) notices.push(`${plural(list.assumedInternational, 'number')} written without "+" read as international (assumed-international, as validate-numbers does)`);
  const client = settings.token
    ? new GraphClient({
        baseUrl: graphUrls[0],
        fallbackUrls: graphUrls.slice(1),
        apiVersion: settings.apiVersion,
        token: settings.token,
        onFailover: (from, to, reason) => o.warn(`failover: ${from} cannot be reached (${reason}); now using ${to}`),
      })
    : undefined;
  try {
    const template = await checkTemplate(client, settings.wabaId, c, o.warn);
    let window: SendWindow | undefined;
    try {
      window = windowFrom(o.windowFlag, c.window);
    } catch (err) {
      throw new UsageError((err as Error).message, { code: 'bad-flag' });
    }
    const account = client ? await accountLimits(client, o.senders[0]) : undefined; // a GET, also in a dry run: the plan says where it would send
    if (account?.error) notices.push(`account limits not read (${account.error}): only dailyLimit applies`);
    const mps = account?.throughputLevel === 'HIGH' ? 1000 : 80;
    const share = 1000 / o.intervalMs / mps;
    if (share > 0.9 && !o.allowFullBudget) {
      throw new UsageError(`the pace (${(1000 / o.intervalMs).toFixed(1)}/s per sender) is ${Math.round(share * 100)} % of the number's throughput (${mps}/s)`, { code: 'pace-too-fast', hint: 'slow down with --interval/--rate, or pass --allow-full-budget' });
    }
    if (share > 0.8) notices.push(`the pace is ${Math.round(share * 100)} % of the number's ${mps}/s throughput: inbound messages count too`);
    const mediaSource = c.parameters.header.find((x): x is Extract<ParamSource, { media: string }> => 'media' in x);
    const media = mediaSource ? await checkMedia(mediaSource.media, mediaSource.source, dirname(cf.path)) : undefined;
    if (media) {
      for (const w of media.warnings) notices.push(`header ${media.kind}: ${w}`);
      if (media.problems.length) {
        throw new InputError(`header ${media.kind} "${media.source}": ${media.problems.join('; ')}`, { code: 'bad-media', hint: 'images: JPEG or PNG up to 5 MB; videos: MP4 or 3GPP up to 16 MB; documents up to 100 MB' });
      }
    }
    const budget = budgetFrom(c.dailyLimit, tierSize(account?.tier), account?.tier, o.allowFullBudget);
    // Render every payload before sending anything: a recipient whose values Meta would refuse is skipped, not sent.
    const skipped = list.skipped.map((s) => ({ ...s }));
    const render = (e164: string, values: string[], cb: string) => renderPayload(c, { e164, value: (col) => values[list.columns.indexOf(col)], callbackData: cb });
    const suppressions = o.suppressions ?? readSuppressions(suppressionsPath());
    const category = template.category || 'MARKETING';
    let targets: Target[] = [];
    for (const r of list.recipients) {
      const opt = suppressions.isSuppressed(r.e164, category);
      if (opt) {
        skipped.push({ key: r.e164, line: r.line, reason: `suppressed: ${opt.reason}${opt.scope === 'marketing' ? ' (marketing only)' : ''}` });
        continue;
      }
      const cb = callbackData(o.campaignId, r.e164);
      const rendered = render(r.e164, r.values, cb);
      if ('problem' in rendered) skipped.push({ key: r.e164, line: r.line, reason: rendered.problem });
      else targets.push({ e164: r.e164, values: r.values, callbackData: cb, line: r.line, zone: zoneFor(r.region)?.zone ?? 'UTC', region: r.region });
    }
    const seed = seedFrom(o.campaignId);
    if (o.sample) {
      const take = selectionSampler(targets.length, sampleSize(targets.length, 10), createRng(seed));
      targets = targets.filter(() => take());
    }
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
      policiesFor: (set) => ({
        window: window ? windowPlan(window, set, Date.now(), seed) : undefined,
        budget,
        cost: costPlan(prices, template.category || 'MARKETING', set),
        graphUrls,
        notices,
        media: media && { kind: media.kind, source: media.source, mime: media.mime, size: media.size, local: media.local },
        where: { senders: o.senders, display: account?.display, businessName: account?.name, wabaId: settings.wabaId, graphUrl: graphUrls[0], notMeta: !isMetaHost(graphUrls[0]) },
      }),
    };
  } catch (err) {
    await client?.close();
    throw err;
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

function countReasons(skipped: SkippedRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of skipped) {
    const key = s.reason.startsWith('duplicate')
      ? 'duplicate rows'
      : s.reason.startsWith('invalid number')
        ? 'invalid numbers'
        : s.reason.startsWith('suppressed')
          ? `opted out (${s.reason.slice('suppressed: '.length)})`
          : 'rows with unusable parameter values';
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
