/** The lint engine: template in, positioned findings out, with rule settings applied. */
import { RULES, RULE_IDS } from './rules/index.js';
import { lineColumn } from './text.js';
import type { Finding, LintResult, RawFinding, RuleSetting, Severity, Template, TemplateSource, TextPart } from './types.js';
import { wordsFor, type WordsConfig } from './words/index.js';

export interface LintOptions {
  /** Rule settings: config `lint.rules`, then `--rule` flags. */
  rules?: Record<string, RuleSetting>;
  /** Per-template settings by template name (config `lint.templates.<name>.rules`). */
  templates?: Record<string, { rules?: Record<string, RuleSetting> }>;
  words?: WordsConfig;
}

/** The base language of a template language code: "pt_BR" -> "pt", "zh_CN" -> "zh". */
export function baseLanguage(code: string | undefined): string {
  return (code ?? 'en').toLowerCase().split(/[_-]/)[0] || 'en';
}

/** The texts of a template that rules read, each named by where it lives. */
export function textParts(t: Template): TextPart[] {
  const parts: TextPart[] = [];
  for (const c of t.components) {
    const type = c.type.toUpperCase();
    if ((type === 'HEADER' && (c.format ?? 'TEXT').toUpperCase() === 'TEXT') || type === 'BODY' || type === 'FOOTER') {
      if (typeof c.text === 'string') parts.push({ component: type.toLowerCase(), text: c.text });
    }
    if (type === 'BUTTONS') {
      (c.buttons ?? []).forEach((b, i) => {
        if (typeof b.text === 'string') parts.push({ component: `buttons[${i}].text`, text: b.text });
        if (typeof b.url === 'string') parts.push({ component: `buttons[${i}].url`, text: b.url });
      });
    }
  }
  return parts;
}

/** Lint one template. */
export function lintTemplate(template: Template, source: TemplateSource, opts: LintOptions = {}): LintResult {
  const lang = baseLanguage(template.language);
  const parts = textParts(template);
  const ctx = { template, source, lang, words: wordsFor(lang, opts.words), parts };
  const settings = { ...opts.rules, ...(template.name ? opts.templates?.[template.name]?.rules : undefined) };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = settings[rule.id];
    if (setting === 'off') continue;
    for (const raw of rule.check(ctx)) {
      const severity: Severity = setting === 'warn' ? 'warning' : setting === 'error' ? 'error' : (raw.severity ?? rule.severity);
      findings.push(position(rule.id, severity, raw, template, parts, source));
    }
  }
  const order = (c: string) => (c === 'name' ? -1 : parts.findIndex((p) => p.component === c));
  findings.sort((a, b) => order(a.component) - order(b.component) || a.line - b.line || a.column - b.column);
  return {
    file: source.file,
    template: template.name ?? '',
    language: template.language ?? '',
    category: template.category ?? '',
    findings,
  };
}

function position(rule: string, severity: Severity, raw: RawFinding, template: Template, parts: TextPart[], source: TemplateSource): Finding {
  const text = raw.component === 'name' ? (template.name ?? '') : (parts.find((p) => p.component === raw.component)?.text ?? '');
  const { line, column } = lineColumn(text, raw.offset);
  const excerpt = text.slice(raw.offset, raw.offset + raw.length);
  const file = filePosition(source, text, raw.offset, line, column);
  const context = text.split('\n')[line - 1] ?? '';
  return { rule, severity, message: raw.message, component: raw.component, line, column, excerpt, suggestion: raw.suggestion, context, fileLine: file.line, fileColumn: file.column };
}

/** Where the finding sits in the file: the same place for text files, the JSON string's place for templates. */
function filePosition(source: TemplateSource, text: string, offset: number, line: number, column: number): { line: number; column: number } {
  if (source.kind === 'text' || !source.raw) return { line, column };
  const encoded = JSON.stringify(text).slice(1, -1);
  const at = encoded ? source.raw.indexOf(`"${encoded}"`) : -1;
  if (at < 0) return { line: 1, column: 1 };
  const pos = lineColumn(source.raw, at + 1);
  return { line: pos.line, column: pos.column + JSON.stringify(text.slice(0, offset)).length - 2 };
}

/** Validate a rule id (for --rule and config). */
export function isRuleId(id: string): boolean {
  return RULE_IDS.includes(id);
}
