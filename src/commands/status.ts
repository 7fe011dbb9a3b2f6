/** wa-ops status --campaign <file>: where a campaign stands, from its ledger and the webhook events; --export one CSV row per recipient. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { summarise, wasSent, type LedgerState } from '../core/campaign/ledger-state.js';
import { readAgainstList } from '../core/campaign/list-snapshot.js';
import { costPlan } from '../core/campaign/policies.js';
import { storeForResume } from '../core/campaign/resume.js';
import { unknownAdvice } from '../core/campaign/unknown-advice.js';
import { otherOwner } from '../core/campaign/ledger-owner.js';
import { DEFAULT_PRICES, mergePrices } from '../core/campaign/pricing.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { loadState, withEvents } from '../io/campaign/campaign-state.js';
import { notStartedCounts, readCampaignList } from '../io/campaign-list-counts.js';
import { loadConfig } from '../io/config.js';
import { checkEventsPath } from '../webhook/events-file-check.js';
import { campaignRef } from '../io/store/campaign-source.js';
import { openStore } from '../io/store/open-store.js';
import { refuseLocalSend } from '../io/store/store-marker.js';
import { notInStore, readerStore } from '../io/store/selection.js';
import { cooldownText, renderSummary } from '../ui/campaign-report.js';
import { info, out, outJson, warn } from '../ui/output.js';
import { plural } from '../ui/plural.js';
import { term } from '../ui/term.js';
import { UsageError } from '../core/errors.js';
import { csvLimitFlags, filePathFlag, parseFlags, type FlagSchema } from './flags.js';
import { writeExport } from './status-export.js';

interface Flags {
  campaign: string;
  ledger?: string;
  export?: string;
  force?: boolean;
  config?: string;
  events?: string;
  store?: string;
  maxLineLength?: string;
  maxFieldLength?: string;
}

/** The flags' kinds, checked once when they are read (parseFlags). */
const STATUS_FLAGS: FlagSchema<Flags> = {
  campaign: 'required',
  ledger: 'string',
  export: 'string',
  force: 'boolean',
  config: 'string',
  events: 'string',
  store: 'string',
  maxLineLength: 'string',
  maxFieldLength: 'string',
};

/** What was spent so far: delivered messages are charged; sent ones are the upper bound. */
function spent(state: LedgerState, pricing: unknown) {
  const prices = mergePrices(DEFAULT_PRICES, pricing);
  const category = state.header?.category ?? 'MARKETING';
  const sent: { region: string }[] = [];
  const delivered: { region: string }[] = [];
  // The region is decided by the first digits: parse once per 7-digit prefix, not once per recipient.
  const regions = new Map<string, { region: string }>();
  for (const x of state.recipients.values()) {
    if (!wasSent(x)) continue;
    const key = x.r.slice(0, 8);
    let region = regions.get(key);
    if (region === undefined) regions.set(key, (region = { region: parsePhoneNumberFromString(x.r)?.country ?? 'other' }));
    sent.push(region);
    if (x.status === 'delivered' || x.status === 'read') delivered.push(region);
  }
  const upTo = costPlan(prices, category, sent);
  return { currency: upTo.currency, ratesDate: upTo.date, category: upTo.category, delivered: costPlan(prices, category, delivered).total, upTo: upTo.total };
}

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  // The live view (status --watch) lives in its own module.
  if (flags.watch === true) return (await import('./status-watch.js')).run(_args, flags);
  const f = parseFlags<Flags>(flags, STATUS_FLAGS);
  // "-" puts the rows on standard output: the summary then goes to stderr, and --json (one document) cannot share it.
  if (f.export === '-' && term().json) throw new UsageError('--export - writes the rows to standard output, where --json prints the summary', { code: 'bad-flag', hint: 'drop --json, or export to a file' });
  const cf = loadCampaignFile(f.campaign, filePathFlag('--ledger', f.ledger));
  const { settings, file: configFile, sources } = loadConfig({ configPath: f.config, flags: { store: f.store } });
  const store = await openStore(readerStore(settings.store, sources.store, f.ledger, 'status', warn), sources.store);
  try {
    const reader = await store.reader(campaignRef(cf, { campaign: f.campaign, ledger: f.ledger, config: f.config, events: f.events, store: f.store }));
    const loaded = await loadState(reader);
    const state = loaded.state;
    if (loaded.events === 0 && store.kind === 'postgres') throw notInStore(cf.campaign.name, cf.path);
    const owner = otherOwner(state, cf.campaign.name);
    if (owner) warn(`the ledger ${cf.ledgerPath} belongs to the campaign "${owner.campaign}" (${owner.campaignId}), not to "${cf.campaign.name}": these are its counts (send refuses it)`);
    const elsewhere = store.kind === 'files' && refuseLocalSend(cf.ledgerPath, f.campaign, 'warn', warn);
    if (loaded.events === 0 && !elsewhere) warn(`no ledger yet at ${cf.ledgerPath}: nothing has been sent for this campaign`);
    checkEventsPath(f.events ?? settings.events, f.events === undefined ? undefined : '--events');
    await withEvents(state, f.events ?? settings.events);
    const needList = Boolean(f.export) || loaded.events === 0;
    const list = needList ? await readCampaignList(cf, csvLimitFlags(f)) : undefined;
    // A list changed since the last send: the export is of this list, so the counts are too (as the next send sees it).
    if (list && loaded.events > 0 && state.header && state.header.recipientsHash !== list.sha256) {
      readAgainstList(state, { rows: list.rows, sha256: list.sha256, listed: new Set([...list.recipients.map((r) => r.e164), ...list.valueSkipped]), skipped: list.skipped });
      warn(`the recipient list ${cf.campaign.recipients} changed since the last send: counts and rows are of the list as it is now (the next send records it)`);
    }
    const cost = spent(state, configFile?.data.pricing);
    const summary = { ...summarise(state, cf.campaign.name, Date.now()), cost };
    // Nothing sent yet: the list itself says how many would be sent and how many set aside (as campaigns shows it).
    if (list && loaded.events === 0) Object.assign(summary, notStartedCounts(list));
    if (f.export) info(`wrote ${plural(writeExport(f.export, state, list, [cf.path, cf.recipientsPath, cf.ledgerPath], Boolean(f.force)), 'row')} to ${f.export === '-' ? 'standard output' : f.export}`);
    // Account and template events since the campaign started (a PAUSED template is a stop reason, not a footnote).
    const { latestManagementFor } = await import('../webhook/management-events.js');
    const management = await latestManagementFor(f.events ?? settings.events, {
      template: { name: cf.campaign.template.name, language: cf.campaign.template.language },
      phoneNumbers: cf.campaign.senders.length ? cf.campaign.senders : settings.phoneNumberId ? [settings.phoneNumberId] : [],
      wabaId: settings.wabaId,
      since: state.header?.at,
    });
    for (const e of management.filter((m) => m.severity !== 'info')) warn(`${e.subject}: ${e.change} (${e.at})${e.action ? ` -> ${e.action}` : ''}`);
    if (term().json) outJson({ ...summary, management: management.map(({ field, at, wabaId, subject, change, action, severity }) => ({ field, at, wabaId, subject, change, action, severity })) });
    else {
      (f.export === '-' ? info : out)(`${renderSummary(summary)}\nspent so far: ${cost.currency} ${cost.delivered.toFixed(2)} for delivered messages (at most ${cost.currency} ${cost.upTo.toFixed(2)} for all sent; ${cost.category} rates of ${cost.ratesDate})`);
      // Workers sending right now: their requests in flight count as unknown until the answer is stored.
      const inFlight = summary.unknown > 0 && reader.inFlight ? await reader.inFlight() : 0;
      if (inFlight > 0) info(`${plural(Math.min(inFlight, summary.unknown), 'unknown recipient')} ${inFlight === 1 ? 'is' : 'are'} being sent right now by a running worker: the outcome is stored when the answer comes`);
      if (summary.cooldownUntil) info(`cooldown: ${cooldownText({ until: summary.cooldownUntil, code: state.cooldownCode, sender: state.cooldownSender, reason: state.cooldownReason })}`);
      const advice = unknownAdvice(summary.unknown, summary.pending, { campaign: f.campaign, ledger: f.ledger, config: f.config, events: f.events, store: storeForResume(f.store), yes: false });
      if (advice) info(advice);
    }
    return 0;
  } finally {
    await store.close();
  }
}
