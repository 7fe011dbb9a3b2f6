/**
 * The config file's `lint` section, checked into typed settings: a misspelt severity, rule id or word
 * list must be refused with its place, not ignored nor trusted as it is.
 */
import { InputError, UsageError } from '../errors.js';
import { isObject } from '../is-object.js';
import { isRuleId, type LintOptions } from './engine.js';
import type { LanguageWords, RuleSetting } from './types.js';
import type { WordsConfig } from './words/index.js';

const LIST_KEYS = ['discountWords', 'promotional', 'sensitive', 'requestVerbs', 'negations'] as const;

/** A rule id and its severity, checked; `where` names the place (a config key and file, or --rule). */
export function checkSetting(id: string, setting: unknown, where: string): RuleSetting {
  if (!isRuleId(id)) throw new UsageError(`unknown rule "${id}" in ${where}`, { code: 'bad-flag', hint: 'run wa-ops lint-template --help for the rule ids' });
  if (setting !== 'off' && setting !== 'warn' && setting !== 'error') {
    throw new InputError(`rule "${id}" in ${where} must be off, warn or error, got "${setting}"`, { code: 'bad-config' });
  }
  return setting;
}

/** The `lint` section (rules, words, templates) of the config file at `path`, checked; {} when absent. */
export function lintConfig(section: unknown, path: string | undefined): LintOptions {
  if (section === undefined) return { rules: {} };
  const lint = asObject(section, 'lint', path);
  const rules = ruleSettings(lint.rules, 'lint.rules', path);
  const templates: NonNullable<LintOptions['templates']> = {};
  for (const [name, t] of Object.entries(lint.templates === undefined ? {} : asObject(lint.templates, 'lint.templates', path))) {
    const at = `lint.templates.${name}`;
    const { rules: r } = asObject(t, at, path);
    templates[name] = r === undefined ? {} : { rules: ruleSettings(r, `${at}.rules`, path) };
  }
  return { rules, words: lint.words === undefined ? undefined : wordsConfig(lint.words, path), templates: lint.templates === undefined ? undefined : templates };
}

/** Rule settings under `key`, each checked. */
function ruleSettings(value: unknown, key: string, path: string | undefined): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  if (value === undefined) return rules;
  for (const [id, setting] of Object.entries(asObject(value, key, path))) rules[id] = checkSetting(id, setting, `${key} in ${path}`);
  return rules;
}

/** `lint.words`: extra words per language ("*" for all) and `allow`. */
function wordsConfig(value: unknown, path: string | undefined): WordsConfig {
  const out: WordsConfig = {};
  for (const [lang, v] of Object.entries(asObject(value, 'lint.words', path))) {
    if (lang === 'allow') out.allow = stringList(v, 'lint.words.allow', path);
    else out[lang] = languageWords(v, `lint.words.${lang}`, path);
  }
  return out;
}

/** One language's extra words: abbreviations (term -> plain wording) and word lists. */
function languageWords(value: unknown, key: string, path: string | undefined): Partial<LanguageWords> {
  const out: Partial<LanguageWords> = {};
  for (const [k, v] of Object.entries(asObject(value, key, path))) {
    if (k === 'abbreviations') out.abbreviations = stringMap(v, `${key}.abbreviations`, path);
    else if (isListKey(k)) out[k] = stringList(v, `${key}.${k}`, path);
    else throw bad(`${key} has an unknown key "${k}" (known: abbreviations, ${LIST_KEYS.join(', ')})`, path);
  }
  return out;
}

/** Is k one of the word lists? */
function isListKey(k: string): k is (typeof LIST_KEYS)[number] {
  return LIST_KEYS.some((x) => x === k);
}

/** The value as an object, or the error naming its key. */
function asObject(value: unknown, key: string, path: string | undefined): Record<string, unknown> {
  if (!isObject(value)) throw bad(`${key} must be an object`, path);
  return value;
}

/** The value as a list of strings, or the error naming its key. */
function stringList(value: unknown, key: string, path: string | undefined): string[] {
  if (!Array.isArray(value) || !value.every((x): x is string => typeof x === 'string')) throw bad(`${key} must be a list of strings`, path);
  return value;
}

/** The value as an object of strings, or the error naming its key. */
function stringMap(value: unknown, key: string, path: string | undefined): Record<string, string> {
  const o = asObject(value, key, path);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v !== 'string') throw bad(`${key}.${k} must be a string (the plain wording)`, path);
    out[k] = v;
  }
  return out;
}

/** A config error naming the file and the key. */
function bad(what: string, path: string | undefined): InputError {
  return new InputError(`${path}: ${what}`, { code: 'bad-config', hint: 'see the lint-template section of the README for the shape of "lint"' });
}
