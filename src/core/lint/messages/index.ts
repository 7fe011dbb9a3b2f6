/** The lint advice in the template's language: message catalogues by base language, English (the rules' own text) otherwise. */
import type { RawFinding } from '../types.js';
import type { Catalogue } from './types.js';

const CATALOGUES: Record<string, Catalogue> = {};

/** Register a language's catalogue (each language file calls this once). */
export function addCatalogue(lang: string, catalogue: Catalogue): void {
  CATALOGUES[lang] = catalogue;
}

/** The finding with its message and suggestion in `lang` when the catalogue has them; as the rule wrote it otherwise. */
export function localise(lang: string, raw: RawFinding): RawFinding {
  if (!raw.msg) return raw;
  const entry = CATALOGUES[lang]?.[raw.msg[0]];
  if (!entry) return raw;
  const [message, suggestion] = entry(raw.msg[1] ?? {});
  return { ...raw, message, suggestion };
}
