/** wa-ops demo: the whole flow locally, no account needed (CONTRACT §10); grows with every command. */
import { mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateFile } from '../io/numbers/validate-file.js';
import { renderNumbersReport } from '../ui/numbers-report.js';
import { out, outJson, paint } from '../ui/output.js';
import { term } from '../ui/term.js';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** Run the demo; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-demo-'));
  const say = (text: string) => {
    if (!term().json) process.stderr.write(`${paint('cyan', '›')} ${text}\n`);
  };
  try {
    const list = join(dir, 'customers.csv');
    copyFileSync(join(fixtures, 'numbers', 'customers-de.csv'), list);
    say('Step 1: validate a customer list exported from a CRM (mixed formats, an Excel-mangled cell, duplicates).');
    const summary = await validateFile({
      file: list,
      country: 'DE',
      out: join(dir, 'customers.annotated.csv'),
      validOut: join(dir, 'customers.valid.csv'),
      samplePercent: 10,
      sampleOut: join(dir, 'pilot.csv'),
      seed: 42,
      sampleOnly: false,
      mobileOnly: false,
    });
    if (!term().json) out(renderNumbersReport(summary, [{ label: 'Valid unique rows', path: join(dir, 'customers.valid.csv') }]));
    say('Step 2: lint templates before submitting them: a clean order update, and a promotion Meta would reject.');
    const { lintTemplate } = await import('../core/lint/engine.js');
    const { loadTemplateFile } = await import('../io/templates.js');
    const { renderStylish } = await import('../ui/lint/stylish.js');
    const lintResults = ['clean/order_shipped.json', 'faulty/discount-percentage.json', 'faulty/abbreviation.json']
      .flatMap((f) => loadTemplateFile(join(fixtures, 'templates', f), {}))
      .map((l) => lintTemplate(l.template, l.source));
    const errors = lintResults.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
    const warnings = lintResults.reduce((n, r) => n + r.findings.length, 0) - errors;
    if (!term().json) out(renderStylish(lintResults, errors, warnings));
    say('Coming next: doctor, a paced send through a rate-limit cooldown and resume, status webhooks.');
    if (term().json) outJson({ steps: [{ step: 'validate-numbers', summary }, { step: 'lint-template', errors, warnings }] });
    if (flags.keep) say(`Files kept in ${dir}`);
    return 0;
  } finally {
    if (!flags.keep) rmSync(dir, { recursive: true, force: true });
  }
}
