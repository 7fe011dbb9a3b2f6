/** wa-ops templates status [name[:lang]...] [--watch]: review state, rejection reason and the lint rule that would have caught it. */
import { SignalWatch } from '../../io/signals.js';
import { parseDuration } from '../../core/campaign/duration.js';
import { EXIT, signalExit, UpstreamError, UsageError } from '../../core/errors.js';
import { lintTemplate } from '../../core/lint/engine.js';
import { inReview, reviewRow } from '../../core/templates/review.js';
import type { TemplateRecord } from '../../io/graph/types.js';
import { watchReview } from '../../io/templates-sync/watch-review.js';
import { info, out, outJson, paint } from '../../ui/output.js';
import { renderReview } from '../../ui/templates-report.js';
import { term } from '../../ui/term.js';
import { toOptions as lintOptions } from '../lint-template.js';
import { listFlag, parseFlags } from '../flags.js';
import { account, TEMPLATES_FLAGS, type TemplatesFlags } from '../templates.js';

interface Options {
  config?: string;
  refs: { name: string; language?: string }[];
  watch: boolean;
  intervalMs: number;
  timeoutMs?: number;
}

/** The templates to follow and how, from the arguments and the parsed flags. */
function toOptions(args: unknown[], f: TemplatesFlags): Options {
  const refs = listFlag(args[0]).map((r) => {
    const m = /^([a-z0-9_]+)(?::([A-Za-z_0-9]+))?$/.exec(r.trim());
    if (!m) throw new UsageError(`templates status takes name or name:language, got "${r}"`, { code: 'bad-flag' });
    return { name: m[1], language: m[2] };
  });
  const duration = (flag: string, v: string) => {
    const ms = parseDuration(v);
    if (!ms) throw new UsageError(`${flag} takes a duration such as 30s, 5m or 1h, got "${v}"`, { code: 'bad-flag' });
    return ms;
  };
  return {
    config: f.config,
    refs,
    watch: f.watch === true,
    intervalMs: f.interval === undefined ? 30_000 : duration('--interval', f.interval),
    timeoutMs: f.timeout === undefined ? undefined : duration('--timeout', f.timeout),
  };
}

/** Run the subcommand; exit 1 when a template was rejected, 75 when --timeout ends the watch first. */
export async function run(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const o = toOptions(args, parseFlags<TemplatesFlags>(flags, TEMPLATES_FLAGS));
  const lint = lintOptions(['-'], { config: o.config }).lint;
  const { client, wabaId } = account(o.config);
  const stop = new AbortController();
  // Ctrl-C and SIGTERM alike end the watch with the table so far (exit 130 or 143).
  const signals = new SignalWatch();
  signals.on(() => stop.abort());
  try {
    const all = await client.listTemplates(wabaId);
    // Without names: the templates in review now, followed until each is decided.
    const tracked = o.refs.length ? o.refs.flatMap((r) => pick(all, r)) : all.filter((t) => inReview(t.status));
    const keys = new Set(tracked.map((t) => `${t.name}:${t.language}`));
    const fetch = async () => (await client.listTemplates(wabaId)).filter((t) => keys.has(`${t.name}:${t.language}`));
    const w = o.watch && tracked.length
      ? await watchReview({ fetch, intervalMs: o.intervalMs, timeoutMs: o.timeoutMs, signal: stop.signal, onChange: (t, from) => info(`${t.name}:${t.language} ${from} -> ${t.status}`) })
      : { records: tracked, timedOut: false, interrupted: false };
    const rows = w.records.map((t) => reviewRow(t, lintTemplate(t, { file: '<api>', kind: 'json' }, lint).findings));
    const pending = rows.filter((r) => inReview(r.status)).length;
    const rejected = rows.filter((r) => r.status === 'REJECTED').length;
    if (term().json) outJson({ templates: rows, pending, rejected, timedOut: w.timedOut });
    else if (rows.length === 0) out('no templates in review');
    else {
      out(renderReview(rows));
      if (w.timedOut) info(paint('yellow', `${pending} still in review after --timeout; run the same command again to keep watching`));
    }
    if (w.interrupted) return signalExit(signals.signal ?? 'SIGINT');
    if (rejected > 0) return EXIT.findings;
    return w.timedOut ? EXIT.paused : EXIT.ok;
  } finally {
    signals.dispose();
    await client.close();
  }
}

function pick(all: TemplateRecord[], r: { name: string; language?: string }): TemplateRecord[] {
  const found = all.filter((t) => t.name === r.name && (!r.language || t.language === r.language));
  if (found.length === 0) throw new UpstreamError(`template ${r.language ? `${r.name}:${r.language}` : r.name} does not exist in this WABA`, { code: 'template-missing', hint: 'see wa-ops templates list' });
  return found;
}
