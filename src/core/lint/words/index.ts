/** The word lists by base language code; users extend them with `lint.words` in the config file. */
import type { LanguageWords } from '../types.js';
import { common } from './common.js';
import { commonPlain } from './common-plain.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { id } from './id.js';
import { it } from './it.js';
import { pt } from './pt.js';
import { tr } from './tr.js';
import { zh } from './zh.js';

/** The word lists by language code. */
export const WORDS: Record<string, LanguageWords> = { en, de, es, pt, fr, it, id, tr, zh };

/** Extra words from the config file, per language ("*" for all), and terms to never flag. */
export interface WordsConfig {
  [lang: string]: Partial<LanguageWords> | string[] | undefined;
  allow?: string[];
}

/** A language's layer of the user's words; a list there (the `allow` key) is not one. */
function userLayer(v: WordsConfig[string]): Partial<LanguageWords> | undefined {
  return Array.isArray(v) ? undefined : v;
}

/** The merged lists for a language: common + the language (English when unknown) + user additions. */
export function wordsFor(lang: string, extra: WordsConfig = {}): LanguageWords {
  const base = WORDS[lang] ?? en;
  const local = commonPlain(lang);
  const layers = [common, local && { abbreviations: local }, base, userLayer(extra['*']), userLayer(extra[lang])];
  const merged: LanguageWords = { abbreviations: {}, discountWords: [], promotional: [], sensitive: [], requestVerbs: [], negations: [] };
  for (const layer of layers) {
    if (!layer) continue;
    // Terms match without regard to case: a later layer's "asap" replaces an earlier "ASAP" (one term, one wording).
    for (const [term, plain] of Object.entries(layer.abbreviations ?? {})) {
      for (const k of Object.keys(merged.abbreviations)) if (k !== term && k.toLowerCase() === term.toLowerCase()) delete merged.abbreviations[k];
      merged.abbreviations[term] = plain;
    }
    for (const key of ['discountWords', 'promotional', 'sensitive', 'requestVerbs', 'negations'] as const) merged[key].push(...(layer[key] ?? []));
  }
  // An English template also hears common English verbs; other languages keep theirs plus English ones (mixed-language texts are common).
  if (lang !== 'en') {
    merged.requestVerbs.push(...en.requestVerbs);
    merged.negations.push(...en.negations);
  }
  const allow = new Set((extra.allow ?? []).map((w) => w.toLowerCase()));
  if (allow.size > 0) {
    for (const term of Object.keys(merged.abbreviations)) if (allow.has(term.toLowerCase())) delete merged.abbreviations[term];
    for (const key of ['discountWords', 'promotional', 'sensitive'] as const) merged[key] = merged[key].filter((w) => !allow.has(w.toLowerCase()));
  }
  return merged;
}
