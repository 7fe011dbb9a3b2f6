/** wa-ops lint-template [files...] (CONTRACT §5). */
import { EXIT, UsageError } from '../core/errors.js';
import { lintTemplate, type LintOptions } from '../core/lint/engine.js';
import { checkSetting, lintConfig } from '../core/lint/lint-config.js';
import type { LintResult, RuleSetting } from '../core/lint/types.js';
import { loadConfig } from '../io/config.js';
import { expandInputs, fromText, loadTemplateFile, type LoadedTemplate } from '../io/templates.js';
import { toGithub } from '../ui/lint/github.js';
import { publicResult } from '../ui/lint/json-result.js';
import { toSarif } from '../ui/lint/sarif.js';
import { renderStylish } from '../ui/lint/stylish.js';
import { out, outJson } from '../ui/output.js';
import { term } from '../ui/term.js';
import { intFlag, listFlag, parseFlags, type FlagSchema } from './flags.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

interface Flags {
  text?: string;
  language?: string;
  category?: string;
  format?: string;
  maxWarnings?: string;
  rule?: string[];
  config?: string;
}

/** The flags' kinds, checked once when they are read (parseFlags). */
const LINT_FLAGS: FlagSchema<Flags> = { text: 'string', language: 'string', category: 'string', format: 'string', maxWarnings: 'string', rule: 'list', config: 'string' };

function isFormat(f: string): f is Format {
  return FORMATS.some((x) => x === f);
}

interface Options {
  files: string[];
  text?: string;
  overrides: { language?: string; category?: string };
  format: Format;
  maxWarnings: number;
  lint: LintOptions;
}

/** Parse flags and the config file's `lint` section into options. */
export function toOptions(files: string[], f: Flags): Options {
  const format = f.format ?? (term().json ? 'json' : 'stylish');
  if (!isFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${f.format}"`, { code: 'bad-flag' });
  if (files.length === 0 && f.text === undefined) {
    throw new UsageError('nothing to lint: pass template files or folders, or --text "<body>"', { code: 'usage', hint: 'wa-ops lint-template <files or folders> (such as the folder templates pull writes); examples: wa-ops lint-template --help' });
  }
  const category = f.category?.toUpperCase();
  if (category !== undefined && !['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(category)) {
    throw new UsageError(`--category must be MARKETING, UTILITY or AUTHENTICATION, got "${f.category}"`, { code: 'bad-flag' });
  }
  const config = loadConfig({ configPath: f.config }).file;
  const lint = lintConfig(config?.data.lint, config?.path);
  const rules: Record<string, RuleSetting> = { ...lint.rules };
  for (const spec of f.rule ?? []) {
    const m = /^([a-z-]+)=(off|warn|error)$/.exec(spec.trim());
    if (!m) throw new UsageError(`--rule takes <id>=off|warn|error, got "${spec}"`, { code: 'bad-flag' });
    rules[m[1]] = checkSetting(m[1], m[2], '--rule');
  }
  return {
    files,
    text: f.text,
    overrides: { language: f.language, category },
    format,
    maxWarnings: f.maxWarnings === undefined ? -1 : intFlag('--max-warnings', f.maxWarnings, 0),
    lint: { rules, words: lint.words, templates: lint.templates },
  };
}

/** Run the command; returns the exit code. */
export async function run(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const o = toOptions(listFlag(args[0]), parseFlags<Flags>(flags, LINT_FLAGS));
  const loaded: LoadedTemplate[] = [];
  if (o.text !== undefined) loaded.push(fromText(o.text, '<text>', o.overrides));
  for (const file of expandInputs(o.files)) loaded.push(...loadTemplateFile(file, o.overrides));
  const results: LintResult[] = loaded.map((l) => lintTemplate(l.template, l.source, o.lint));
  let errorCount = 0;
  let warningCount = 0;
  for (const r of results) for (const f of r.findings) f.severity === 'error' ? errorCount++ : warningCount++;
  if (o.format === 'json') outJson({ results: results.map(publicResult), errorCount, warningCount });
  else if (o.format === 'sarif') outJson(toSarif(results, String(flags.packageVersion ?? '0.0.0')));
  else if (o.format === 'github') {
    const text = toGithub(results);
    if (text) out(text);
  } else out(renderStylish(results, errorCount, warningCount));
  const tooManyWarnings = o.maxWarnings >= 0 && warningCount > o.maxWarnings;
  return errorCount > 0 || tooManyWarnings ? EXIT.findings : EXIT.ok;
}
