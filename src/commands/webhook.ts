/** wa-ops webhook serve | analyze (CONTRACT §9, §11). */
import { resolve } from 'node:path';
import { ownSignalHandler } from '../io/early-signals.js';
import { EXIT, UsageError } from '../core/errors.js';
import { loadConfig } from '../io/config.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { term } from '../ui/term.js';
import { folders, list, serveOptions, str } from './webhook-flags.js';

/**
 * The PostgreSQL store that holds the events, opened and schema-checked; undefined for files. `files` names the
 * flags (or analyze's argument) that point at files instead: given with --store postgres://... they contradict it
 * (exit 2); given while the store comes from WA_OPS_STORE or the config, the flag wins (flag > environment), said once.
 */
async function pgStoreOf(flags: Record<string, unknown>, files: string[], command: string) {
  const { chooseStore } = await import('../io/store/selection.js');
  const choice = chooseStore(loadConfig({ configPath: str(flags.config), flags: { store: str(flags.store) } }));
  if (choice.location.kind !== 'postgres') return undefined;
  if (files.length && choice.source === 'flag') {
    throw new UsageError(`${command}: pass ${files.join(' and ')} or --store, not both`, { code: 'bad-flag', hint: `with --store the events${command.endsWith('serve') ? ' and opt-outs' : ''} are in the store` });
  }
  if (files.length) {
    warn(`${files.join(' and ')} given: ${command} uses ${files.length > 1 ? 'those files' : 'that file'}, not the store from ${choice.source === 'config' ? 'the config file' : 'WA_OPS_STORE'} (${choice.location.redacted})`);
    return undefined;
  }
  const { openPgStore } = await import('../io/store/pg/open.js');
  return openPgStore(choice.location.url, choice.source);
}

/** webhook serve: runs until SIGINT (exit 130) or SIGTERM (exit 143), after everything received is on disk. */
export async function serve(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const o = serveOptions(flags);
  const t = term();
  const tail = !t.json && !t.quiet && (t.stderrTty || t.verbose);
  const [{ startWebhookServer }, ui] = await Promise.all([import('../webhook/server.js'), import('../ui/webhook-tail.js')]);
  const started = Date.now();
  const pg = await pgStoreOf(flags, [str(flags.events) && '--events', str(flags.suppressions) && '--suppressions'].filter((x): x is string => Boolean(x)), 'webhook serve');
  const store = pg && (await import('../io/store/pg/webhook-store.js')).webhookStore(pg);
  const server = await startWebhookServer({
    ...o,
    store,
    onLog: (level, text) => (level === 'alert' ? warn(text) : info(text)),
    onRecord: tail ? (r, dup) => process.stderr.write(ui.tailLine(r, dup) + '\n') : undefined,
    onForward: (r) => {
      if (r.dead) warn(ui.forwardLine(r));
      else if (tail && (!r.ok || t.verbose)) process.stderr.write(ui.forwardLine(r) + '\n');
    },
  });
  // Handlers before the URL is printed: a supervisor that stops us right after start still gets a clean stop.
  const stopped = new Promise<NodeJS.Signals>((r) => {
    process.once('SIGINT', ownSignalHandler(() => r('SIGINT')));
    process.once('SIGTERM', ownSignalHandler(() => r('SIGTERM')));
  });
  if (!o.verifyToken) warn('no verify token (WA_OPS_VERIFY_TOKEN): the GET verification handshake will be refused');
  const eventsAt = store?.location ?? o.eventsPath;
  if (t.json) outJson({ url: server.url, events: eventsAt, deadLetters: server.deadLetterPath ?? null });
  else out(server.url);
  info(`${paint('bold', 'wa-ops webhook serve')} on ${server.url}: events to ${eventsAt}${o.forwardTo ? `, forwarded to ${o.forwardTo}` : ''}; Ctrl-C stops`);
  const signal = await stopped;
  // A second Ctrl-C stops without waiting for the rest: connections cut, queued forwards to the dead-letter file, and
  // only the events already being written made durable first (never a half-synced batch). A third one exits at once.
  let hurried = false;
  const again = ownSignalHandler(() => {
    const code = signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
    if (hurried) process.exit(code);
    hurried = true;
    const n = server.abandonForwards();
    if (n && server.deadLetterPath) warn(`stopped at once: ${n} forward(s) not delivered, kept in ${server.deadLetterPath} (their events are in ${eventsAt})`);
    void server.finishInFlight().finally(() => process.exit(code));
  });
  process.on('SIGINT', again);
  process.on('SIGTERM', again);
  await server.close();
  if (pg) await (await import('../io/store/pg/connect.js')).closePg();
  // Under --json too: stdout held the start document; the counts (forwarded, dead letters) belong to the log.
  if (!t.quiet) process.stderr.write(ui.stopSummary(server.stats, Date.now() - started, server.deadLetterPath) + '\n');
  return signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}

/** webhook analyze [events.jsonl]: the file argument, else --events / WA_OPS_EVENTS / config `events`. */
export async function analyze(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const loaded = loadConfig({ configPath: str(flags.config), flags: { events: str(flags.events), store: str(flags.store) } });
  // An explicit file wins over a store from WA_OPS_STORE or the config; with --store it is refused; else the events file setting.
  const pg = await pgStoreOf(flags, [str(args[0]) && 'an events file', str(flags.events) && '--events'].filter((x): x is string => Boolean(x)), 'webhook analyze');
  const file = pg ? pg.redacted : (str(args[0]) ?? loaded.settings.events);
  const campaignDirs = folders('--campaigns', list(flags.campaigns)) ?? [resolve('.')];
  let report;
  if (pg) {
    const { analyzeStore } = await import('../io/store/pg/webhook-store.js');
    report = await analyzeStore(pg, { pricing: loaded.file?.data.pricing }).finally(async () => (await import('../io/store/pg/connect.js')).closePg());
  } else {
    const { analyzeEventsFile } = await import('../webhook/analyze-file.js');
    report = await analyzeEventsFile(file, { campaignDirs, pricing: loaded.file?.data.pricing, onWarning: warn });
  }
  const { deliveryHtml, renderDeliveryReport } = await import('../ui/delivery-report.js');
  const html = str(flags.html);
  if (html === '-' && term().json) throw new UsageError('--html - writes the report to standard output, where --json prints the analysis', { code: 'bad-flag', hint: 'drop --json, or write the report to a file' });
  if (html) {
    const { inputIdentity, writeOutputFile } = await import('../io/output-file.js');
    const { isOwnHtmlReport } = await import('../core/own-output.js');
    writeOutputFile(html, deliveryHtml(report, `Delivery report: ${file}`), { inputs: [inputIdentity(file)], flag: '--html', ours: isOwnHtmlReport, force: flags.force === true });
    if (html !== '-') info(`wrote ${html}`);
  }
  if (term().json) outJson(report);
  else if (html === '-') info(renderDeliveryReport(report)); // stdout holds the HTML
  else out(renderDeliveryReport(report));
  return EXIT.ok;
}
