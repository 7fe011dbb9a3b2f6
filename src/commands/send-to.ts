/** wa-ops send --to <number>: one message now (a template, or a free-form text inside the 24 h window), optionally followed to delivery. */
import { EXIT, InputError, signalExit, PausedError, UpstreamError, UsageError } from '../core/errors.js';
import { GraphError, isRateLimit } from '../core/graph/graph-error.js';
import { shellQuote, storeArgument } from '../core/campaign/resume.js';
import { readList } from '../io/suppression-file.js';
import { checkEventsPath } from '../webhook/events-file-check.js';
import { mobileCapable } from '../core/numbers/readings.js';
import { classifyTyped } from '../core/numbers/typed-number.js';
import { windowOpenFrom } from '../core/send-to/delivery.js';
import { oneOffCallbackData, templateMessage, textMessage } from '../core/send-to/message.js';
import { loadConfig } from '../io/config.js';
import { GraphClient } from '../io/graph/client.js';
import { approvedTemplate } from '../io/remote-templates.js';
import { recentInbound } from '../io/send-to/events-tail.js';
import { openStatusSource, type StatusSource } from '../io/send-to/status-source.js';
import { oneSendSuppressions } from '../io/campaign/send-suppressions.js';
import { recordOneOptOut } from '../io/campaign/send-opt-outs.js';
import { MARKETING_OPT_OUT_CODE } from '../core/suppressions/from-send.js';
import { localTimeText } from '../ui/campaign-report.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { plural } from '../ui/plural.js';
import { term } from '../ui/term.js';
import { toOptions, type SendToOptions } from './send-to-flags.js';
import { followDelivery } from './send-to-follow.js';
import { SignalWatch } from '../io/signals.js';
import { missingConfig } from '../core/missing-config.js';

const TO_ONLY = { template: '--template', param: '--param', text: '--text', country: '--country', wait: '--wait', waitTimeout: '--wait-timeout' } as const;

/** send's first step: run `send --to`, or return undefined for a campaign send (exactly one of --campaign and --to). */
export async function dispatch(args: unknown[], flags: Record<string, unknown>): Promise<number | undefined> {
  if (flags.to !== undefined) return run(args, flags);
  if (flags.campaign === undefined) throw new UsageError('send needs --campaign <file> (a campaign) or --to <number> (one message now)', { code: 'bad-flag', hint: 'wa-ops send --help' });
  const stray = Object.entries(TO_ONLY).filter(([k]) => flags[k] !== undefined && !(k === 'wait' && flags[k] === false)).map(([, f]) => f);
  if (stray.length) throw new UsageError(`${stray.join(', ')} go${stray.length === 1 ? 'es' : ''} with --to, not with --campaign`, { code: 'bad-flag' });
  return undefined;
}

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const o = toOptions(flags);
  const number = reachableNumber(o);
  const loaded = loadConfig({ configPath: o.config, flags: { events: o.events, store: o.store } });
  const settings = loaded.settings;
  if (!settings.token) throw missingConfig('token', 'no access token: set WA_OPS_TOKEN (environment or .env)');
  if (!settings.phoneNumberId) throw missingConfig('phoneNumberId', 'no sender: set WA_OPS_PHONE_NUMBER_ID');
  if (o.template && !settings.wabaId) throw missingConfig('wabaId', 'no WABA id: set WA_OPS_WABA_ID so the template can be checked before sending');
  // The events file is read for the 24 h window and by --wait: one that is not an events file is refused, as status does.
  checkEventsPath(settings.events, o.events === undefined ? undefined : '--events');
  let statuses: StatusSource | undefined;
  const client = new GraphClient({ baseUrl: settings.graphUrl, apiVersion: settings.apiVersion, token: settings.token });
  // Ctrl-C and SIGTERM alike: before the POST nothing was sent (stop at once); during it the answer is awaited, so
  // the wamid of a message Meta accepted is still printed (then exit 130 or 143), never lost.
  const signals = new SignalWatch();
  const nothingSent = 'nothing was sent';
  try {
    const found = o.template ? await signals.race(approvedTemplate(client, settings.wabaId!, o.template.name, o.template.language), nothingSent) : undefined;
    const category = found?.category.toUpperCase() ?? 'SERVICE';
    const hit = (await signals.race(oneSendSuppressions({ file: o.suppressions, store: o.store, config: o.config, country: o.country }), nothingSent)).isSuppressed(number.e164, category);
    if (hit) {
      throw new InputError(`${number.e164} is suppressed (${hit.reason}, scope ${hit.scope}${hit.at && Number.isFinite(Date.parse(hit.at)) ? `, since ${localTimeText(Date.parse(hit.at))}` : ''}): nothing sent`, {
        code: 'suppressed',
        hint: `if they asked to hear from you again: wa-ops suppressions remove ${number.e164}${hit.scope === 'marketing' ? ' --scope marketing' : ''}${listArgs(o, number.e164, category)}`,
      });
    }
    const payload = found ? templateMessage(found, number.e164, o.params) : textMessage(number.e164, o.text!);
    if (!found) warnIfWindowClosed(settings.events, number.e164);
    // As validate-numbers' tip: said before the prompt, sent as asked (a business line may be on WhatsApp).
    if (!mobileCapable(number.type)) warn(`${number.e164} cannot be a mobile (${number.type}): WhatsApp seldom reaches it`);
    const what = found ? `template ${found.name}:${found.language} (${category})` : `a free-form text (${plural(o.text!.length, 'character')})`;
    await signals.race(confirm(o, `Send ${what} to ${number.e164} from ${settings.phoneNumberId}?`), nothingSent);
    // Before the send: the events file's end, or the store connected (a store that refuses stops us before anything goes out).
    statuses = o.wait ? await signals.race(openStatusSource(loaded, settings.events, o.events !== undefined), nothingSent) : undefined;
    signals.check(nothingSent);
    const res = await client.sendMessage(settings.phoneNumberId, payload).catch(async (err: unknown) => {
      // Meta says this person stopped marketing messages: on the list, as a campaign's refusal would put them.
      if (err instanceof GraphError && err.graphCode === MARKETING_OPT_OUT_CODE) info(await recordOneOptOut({ file: o.suppressions, store: o.store, config: o.config }, number.e164, new Date().toISOString()));
      throw maybeSent(err, number.e164, settings.events);
    });
    const wamid = res.messages?.[0]?.id ?? '';
    const doc = { to: number.e164, region: number.region, from: settings.phoneNumberId, type: found ? 'template' : 'text', template: found ? `${found.name}:${found.language}` : null, category, wamid, messageStatus: res.messages?.[0]?.message_status ?? 'accepted' };
    if (!statuses) {
      if (term().json) outJson({ ...doc, delivery: null });
      else out(wamid);
      if (signals.signal) info(paint('yellow', `interrupted by ${signals.signal} while sending: the message was accepted (${wamid})`));
      return signals.signal ? signalExit(signals.signal) : EXIT.ok;
    }
    if (!term().json) out(wamid);
    return await followDelivery(doc, { feed: statuses.feed(wamid), wamid, timeoutMs: o.waitTimeoutMs, signals });
  } finally {
    signals.dispose();
    await statuses?.close();
    await client.close();
  }
}

/** The --to number in E.164, or a usage error saying how to write it. */
function reachableNumber(o: SendToOptions) {
  const number = classifyTyped(o.to, o.country);
  if (number.valid) return number;
  const hint =
    number.reason === 'missing-country-code'
      ? 'write it with its country code (+49...) or pass --country DE'
      : number.reason === 'ambiguous-country-code'
        ? `it reads as ${number.detail}: write it with "+" or with its leading 0`
        : 'check the number; wa-ops validate-numbers explains each reason';
  throw new UsageError(`--to "${o.to}" is not a number WhatsApp can reach (${number.reason})`, { code: 'bad-number', hint });
}

/** A POST whose answer was lost (a timeout or reset after it was written): the message may have gone out, so "run it again" is not the advice. */
function maybeSent(err: unknown, e164: string, eventsPath: string): unknown {
  if (err instanceof GraphError && isRateLimit(err.action)) {
    // Throttled (130429, 131056, 4, 80007, a bare 429): refused, nothing sent; CONTRACT's "paused" (75), not a refusal (3).
    const after = err.retryAfterMs !== undefined ? ` in ${Math.max(1, Math.ceil(err.retryAfterMs / 1000))} s` : ' later';
    return new PausedError(`${err.message}: nothing was sent`, { code: err.code, hint: `${err.todo}; run the same command again${after}` });
  }
  if (!(err instanceof GraphError) || err.action !== 'ambiguous') return err;
  return new UpstreamError(`${err.message}: the message may have been sent`, {
    code: 'outcome-unknown',
    hint: `sending again may deliver it twice: its status webhook (callback data "${oneOffCallbackData(e164)}") says whether it went out; with \`wa-ops webhook serve\` running it is recorded in ${eventsPath} within minutes; send again only if none comes`,
  });
}

/** The list the lifting command must edit: the --suppressions file when the number is on it, else the --store given here. */
function listArgs(o: SendToOptions, e164: string, category: string): string {
  if (o.suppressions && readList(o.suppressions).isSuppressed(e164, category)) return ` --suppressions ${shellQuote(o.suppressions)}`;
  return storeArgument(o.store);
}

/** A free-form text only reaches someone who wrote in the last 24 h: say so before sending when the events file shows no such message. */
function warnIfWindowClosed(eventsPath: string, e164: string): void {
  const inbound = recentInbound(eventsPath);
  if (inbound && !windowOpenFrom(inbound, e164, Date.now() / 1000)) {
    warn(`${e164} has not written in the last 24 h (per ${eventsPath}): Meta will likely refuse this free-form text with 131047; send a template instead`);
  }
}

async function confirm(o: SendToOptions, question: string): Promise<void> {
  if (o.yes) return;
  if (!term().interactive) throw new UsageError(`${question.replace(/\?$/, '')}: pass --yes to confirm ${term().noPromptReason || 'when not running in a terminal'}`, { code: 'confirmation-required', hint: 'run the same command with --yes' });
  const { askConfirm } = await import('../ui/prompts.js');
  if (!(await askConfirm(question, { interrupted: 'nothing was sent' }))) throw new UsageError('cancelled: nothing was sent', { code: 'cancelled' });
}
