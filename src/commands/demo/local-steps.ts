/** The demo's first steps, which need no sending: validate a list, lint templates, ask doctor. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../io/config.js';
import { validateFile } from '../../io/numbers/validate-file.js';
import { renderNumbersReport } from '../../ui/numbers-report.js';
import type { DemoStage } from './stage.js';

/** The fixtures shipped with wa-ops (the demo's list and templates). */
export const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/** Step: validate a messy CRM export; the valid unique rows become the campaign's list. */
export async function validateStep(s: DemoStage): Promise<unknown> {
  s.say('Validate the customer list', 'A CRM export with mixed formats, an Excel-mangled cell, a missing number and a duplicate: every row gets a reason, the valid unique rows go to a new file.');
  copyFileSync(join(fixtures, 'numbers', 'customers-de.csv'), join(s.dir, 'customers.csv'));
  const numbers = await validateFile({ file: join(s.dir, 'customers.csv'), country: 'DE', validOut: join(s.dir, 'customers.valid.csv'), samplePercent: 10, seed: 42, sampleOnly: false, mobileOnly: false });
  s.show(renderNumbersReport(numbers, [{ label: 'Valid unique rows', path: join(s.dir, 'customers.valid.csv') }]));
  return numbers;
}

/** Step: lint a clean template and two that Meta would reject or re-categorise. */
export async function lintStep(s: DemoStage): Promise<{ templates: number; errors: number; warnings: number }> {
  s.say('Lint templates before submitting them', 'A clean order update passes; a promotion with "30 % Rabatt" and "VIP" would be rejected or re-categorised by Meta.');
  const { lintTemplate } = await import('../../core/lint/engine.js');
  const { loadTemplateFile } = await import('../../io/templates.js');
  const { renderStylish } = await import('../../ui/lint/stylish.js');
  const lint = ['clean/order_shipped.json', 'faulty/discount-percentage.json', 'faulty/abbreviation-de.json'].flatMap((f) => loadTemplateFile(join(fixtures, 'templates', f), {})).map((l) => lintTemplate(l.template, l.source));
  const errors = lint.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = lint.reduce((n, r) => n + r.findings.length, 0) - errors;
  s.show(renderStylish(lint, errors, warnings));
  return { templates: lint.length, errors, warnings };
}

/** Step: doctor against the sandbox; only webhook.https fails (the local endpoint is plain HTTP). */
export async function doctorStep(s: DemoStage): Promise<{ ok: boolean; failed: string[] }> {
  s.say('Doctor: is the account ready?', 'Token, phone number, quality, limits, templates and the webhook endpoint. The local endpoint is plain HTTP, so webhook.https fails here as it should; everything else passes.');
  const { doctor } = await import('../doctor.js');
  const { renderDoctor } = await import('../../ui/doctor-report.js');
  const report = await doctor({ template: ['spring_sale:de'], webhookUrl: s.webhook.url }, loadConfig({ env: s.env, cwd: s.dir }), s.dir);
  s.show(renderDoctor(report.checks, report.ok, false));
  return { ok: report.ok, failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.id) };
}
