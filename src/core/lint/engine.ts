/** The lint engine: template in, positioned findings out, with rule settings applied. */
import { RULES, RULE_IDS } from './rules/index.js';
import { jsonFilePosition } from './file-position.js';
import { localise } from './messages/index.js';
import { lineColumn } from './text.js';
import { carouselCards, textParts } from './text-parts.js';
import type { Finding, LintResult, RawFinding, RuleSetting, Severity, Template, TemplateSource, TextPart } from './types.js';
import { wordsFor, type WordsConfig } from './words/index.js';

/** Lint settings: rule severities, per-template overrides and extra words, from the config file and --rule. */
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

/**
 * Rules read at most this many characters of a text (8 times Meta's longest limit, the 1,024 of a body):
 * past that the text is wrong anyway, the length rule says by how much, and a 10 MB body stays cheap.
 */
export const MAX_LINTED_CHARS = 8192;

function capped(p: TextPart): TextPart {
  if (p.text.length <= MAX_LINTED_CHARS) return p;
  return { ...p, text: p.text.slice(0, MAX_LINTED_CHARS), fullLength: [...p.text].length };
}

/** Lint one template, and each card of its carousel as a template of its own. */
export function lintTemplate(template: Template, source: TemplateSource, opts: LintOptions = {}): LintResult {
  const lang = baseLanguage(template.language);
  const words = wordsFor(lang, opts.words);
  const settings = { ...opts.rules, ...(template.name ? opts.templates?.[template.name]?.rules : undefined) };
  const base = source.path ?? '';
  const units = [{ prefix: '', template, base, card: false }, ...carouselCards(template, base).map((c) => ({ ...c, card: true }))];
  const findings: Finding[] = [];
  const order: string[] = [];
  for (const unit of units) {
    const full = textParts(unit.template, unit.base);
    const parts = full.map(capped);
    order.push(...parts.map((p) => unit.prefix + p.component));
    const ctx = { template: unit.template, source, lang, words, parts, card: unit.card };
    for (const rule of RULES) {
      const setting = settings[rule.id];
      // The name is the template's: checked once, not once per card.
      if (setting === 'off' || (unit.card && rule.id === 'name-format')) continue;
      for (const raw of rule.check(ctx)) {
        const severity: Severity = setting === 'warn' ? 'warning' : setting === 'error' ? 'error' : (raw.severity ?? rule.severity);
        findings.push(position(rule.id, severity, localise(lang, raw), template, full, source, unit.prefix, unit.base));
      }
    }
  }
  const rank = (c: string) => (c === 'name' ? -1 : order.indexOf(c));
  findings.sort((a, b) => rank(a.component) - rank(b.component) || a.line - b.line || a.column - b.column);
  return {
    file: source.file,
    template: template.name ?? '',
    language: template.language ?? '',
    category: template.category ?? '',
    findings: onceEach(findings),
  };
}

/** When a specific rule and a general one flag the same text, the general finding says less: drop it. */
const SUBSUMED_BY: Record<string, string> = {
  'discount-percentage': 'promotional-in-utility',
  'external-link': 'url-shortener',
};

/** One finding per place and problem: the same rule twice at one spot, or a general rule under a specific one, is reported once. */
function onceEach(findings: Finding[]): Finding[] {
  const at = new Map<string, Set<string>>();
  for (const f of findings) {
    const key = `${f.component}:${f.line}:${f.column}`;
    at.set(key, (at.get(key) ?? new Set()).add(f.rule));
  }
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.component}:${f.line}:${f.column}`;
    const specific = SUBSUMED_BY[f.rule];
    if (specific && at.get(key)!.has(specific)) return false;
    const id = `${key}:${f.rule}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Longest context line kept per finding: a 10 MB one-line body must not be copied into every finding. */
const CONTEXT_MAX = 160;
/** Longest excerpt kept per finding. */
const EXCERPT_MAX = 120;

function position(rule: string, severity: Severity, raw: RawFinding, template: Template, parts: TextPart[], source: TemplateSource, prefix: string, base: string): Finding {
  const part = raw.component === 'name' ? undefined : parts.find((p) => p.component === raw.component);
  const text = raw.component === 'name' ? (template.name ?? '') : (part?.text ?? raw.anchor?.text ?? '');
  const { line, column } = lineColumn(text, raw.offset);
  const full = text.slice(raw.offset, raw.offset + Math.min(raw.length, EXCERPT_MAX + 1));
  const excerpt = full.length > EXCERPT_MAX ? `${full.slice(0, EXCERPT_MAX - 1)}…` : full;
  const path = raw.component === 'name' ? `${source.path ?? ''}.name` : (part?.path ?? (raw.anchor ? base + raw.anchor.path : undefined));
  const file = filePosition(source, text, raw.offset, line, column, path);
  // Where the flagged text ends (exclusive), for SARIF regions: an escape or a line break inside it is counted as in the file.
  const endOffset = Math.min(text.length, raw.offset + raw.length);
  const endInText = lineColumn(text, endOffset);
  const end = filePosition(source, text, endOffset, endInText.line, endInText.column, path);
  const { context, contextColumn, contextCut } = contextWindow(text, raw.offset - (column - 1), column, raw.length);
  return {
    rule,
    severity,
    message: raw.message,
    component: prefix + raw.component,
    line,
    column,
    excerpt,
    suggestion: raw.suggestion,
    context,
    contextColumn,
    ...(contextCut ? { contextCut } : {}),
    fileLine: file.line,
    fileColumn: file.column,
    fileEndLine: end.line,
    fileEndColumn: end.column,
  };
}

/** The finding's line, or a window of it around the finding when the line is long. */
function contextWindow(text: string, lineStart: number, column: number, length: number): { context: string; contextColumn: number; contextCut?: { before: boolean; after: boolean } } {
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  if (lineEnd - lineStart <= CONTEXT_MAX) return { context: text.slice(lineStart, lineEnd), contextColumn: column };
  const at = lineStart + column - 1;
  const from = Math.max(lineStart, Math.min(at - 40, at + Math.min(length, CONTEXT_MAX - 40) - CONTEXT_MAX));
  const to = Math.min(lineEnd, from + CONTEXT_MAX);
  return { context: text.slice(from, to), contextColumn: at - from + 1, contextCut: { before: from > lineStart, after: to < lineEnd } };
}

/** Where the finding sits in the file: the same place for text files, inside the JSON string for templates. */
function filePosition(source: TemplateSource, text: string, offset: number, line: number, column: number, path: string | undefined): { line: number; column: number } {
  if (source.kind === 'text' || !source.raw) return { line, column };
  return jsonFilePosition(source.raw, text, offset, path) ?? { line: 1, column: 1 };
}

/** Validate a rule id (for --rule and config). */
export function isRuleId(id: string): boolean {
  return RULE_IDS.includes(id);
}
