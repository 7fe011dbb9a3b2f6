/** The lint advice in the template's language: one catalogue per language of the word lists, English (the rules' own text) otherwise. */
import type { RawFinding } from '../types.js';
import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { id } from './id.js';
import { it } from './it.js';
import { pt } from './pt.js';
import { tr } from './tr.js';
import type { Catalogue, Params } from './types.js';
import { zh } from './zh.js';

/** Catalogues by base language code; English is the rules' own wording. */
export const CATALOGUES: Record<string, Catalogue> = { de, es, fr, id, it, pt, tr, zh };

/** Counts written the language's way ("1.100 Zeichen", "1 100 caractères"): numbers become grouped text. */
const formats = new Map<string, Intl.NumberFormat>();
function localNumbers(lang: string, params: Params): Params {
  // One formatter per language: building one per finding was the slowest step of a large export.
  let fmt = formats.get(lang);
  if (!fmt) formats.set(lang, (fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 })));
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? fmt.format(v) : v]));
}

/** The finding with its message and suggestion in `lang` when a catalogue has them; as the rule wrote it otherwise. */
export function localise(lang: string, raw: RawFinding): RawFinding {
  if (!raw.msg) return raw;
  const entry = CATALOGUES[lang]?.[raw.msg[0]];
  if (!entry) return raw;
  const [message, suggestion] = entry(localNumbers(lang, raw.msg[1] ?? {}));
  return { ...raw, message, suggestion };
}
