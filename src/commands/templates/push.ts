/** wa-ops templates push <files...>: lint first (errors stop it), then create or edit through the API, file by file. */
import { SignalWatch } from '../../io/signals.js';
import { EXIT, InputError, signalExit, UsageError } from '../../core/errors.js';
import { lintTemplate } from '../../core/lint/engine.js';
import type { LintResult } from '../../core/lint/types.js';
import { toTemplateFile, type TemplateFile } from '../../core/templates/normalise.js';
import { expandInputs, loadTemplateFile } from '../../io/templates.js';
import { pushTemplate, type PushResult } from '../../io/templates-sync/push.js';
import { renderStylish } from '../../ui/lint/stylish.js';
import { info, out, outJson, paint } from '../../ui/output.js';
import { plural } from '../../ui/plural.js';
import { renderPush } from '../../ui/templates-report.js';
import { term } from '../../ui/term.js';
import { toOptions as lintOptions } from '../lint-template.js';
import { listFlag, parseFlags } from '../flags.js';
import { account, TEMPLATES_FLAGS, type TemplatesFlags } from '../templates.js';
import { publicResult } from '../../ui/lint/json-result.js';

interface Loaded {
  file: string;
  template: TemplateFile;
  lint: LintResult;
}

/** Read every file and lint it with the project's lint settings (config `lint`, --rule). */
function load(files: string[], f: TemplatesFlags): Loaded[] {
  if (files.length === 0) throw new UsageError('templates push needs template files or folders', { code: 'usage', hint: 'wa-ops templates push templates/' });
  const lint = lintOptions(files, { config: f.config, rule: f.rule }).lint;
  const loaded: Loaded[] = [];
  for (const file of expandInputs(files)) {
    if (!file.endsWith('.json')) continue; // a .txt body has no name, language or category to create
    for (const l of loadTemplateFile(file, {})) {
      const t = l.template;
      for (const key of ['name', 'language', 'category'] as const) {
        if (typeof t[key] !== 'string' || t[key] === '') throw new InputError(`${file}: template has no "${key}"; push needs name, language, category and components`, { code: 'not-a-template' });
      }
      const template = toTemplateFile({ name: t.name!, language: t.language!, category: t.category!, parameter_format: t.parameter_format, components: t.components });
      loaded.push({ file, template, lint: lintTemplate(t, l.source, lint) });
    }
  }
  if (loaded.length === 0) throw new InputError(`no template JSON files in ${files.join(', ')}`, { code: 'not-a-template' });
  return loaded;
}

/** Run the subcommand; returns the exit code. */
export async function run(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = parseFlags<TemplatesFlags>(flags, TEMPLATES_FLAGS);
  const loaded = load(listFlag(args[0]), f);
  const results = loaded.map((l) => l.lint);
  const errorCount = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warningCount = results.reduce((n, r) => n + r.findings.length, 0) - errorCount;
  if (errorCount > 0) {
    if (term().json) outJson({ pushed: [], lint: { errorCount, warningCount, results: results.map(publicResult) } });
    else {
      out(renderStylish(results, errorCount, warningCount));
      info(paint('red', `push stopped: ${plural(errorCount, 'lint error')}; nothing was submitted`));
    }
    return EXIT.findings;
  }
  const { client, wabaId } = account(f.config);
  const pushed: PushResult[] = [];
  // Ctrl-C or SIGTERM: the template being submitted finishes (its answer is reported), the rest is not submitted.
  const signals = new SignalWatch();
  try {
    for (const l of loaded) {
      if (signals.signal) break;
      pushed.push(await pushTemplate(client, wabaId, l.template, l.file));
    }
  } finally {
    signals.dispose();
    await client.close();
  }
  const refused = pushed.filter((p) => p.outcome === 'refused').length;
  if (term().json) outJson({ pushed, lint: { errorCount, warningCount }, ...(signals.signal ? { interrupted: signals.signal } : {}) });
  else {
    out(renderPush(pushed));
    const by = (o: string) => pushed.filter((p) => p.outcome === o).length;
    info(`${by('created')} created, ${by('updated')} updated, ${by('unchanged')} unchanged, ${refused} refused${warningCount ? ` (${plural(warningCount, 'lint warning')})` : ''}`);
    const pending = pushed.filter((p) => p.status === 'PENDING').map((p) => `${p.template}:${p.language}`);
    // Named, so the watch still shows them if the review is over before it starts; many: every template in review.
    if (pending.length) info(`follow the review with: wa-ops templates status ${pending.length <= 3 ? `${pending.join(' ')} ` : ''}--watch`);
  }
  if (signals.signal) {
    info(paint('yellow', `interrupted by ${signals.signal}: ${pushed.length} of ${loaded.length} submitted; run the same command again to push the rest (unchanged templates are not re-submitted)`));
    return signalExit(signals.signal ?? 'SIGINT');
  }
  return refused > 0 ? EXIT.upstream : EXIT.ok;
}
