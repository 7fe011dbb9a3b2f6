/** Map `--param key=value` flags onto a template's variables, so one message renders like a campaign row. */
import { UsageError } from '../errors.js';
import { findVariables } from '../lint/text.js';
import type { TemplateComponent } from '../lint/types.js';
import type { Campaign, ParamSource } from '../campaign/schema.js';

/** The variables of a template, slot by slot, in the order the API expects their values. */
export interface TemplateSlots {
  header: string[];
  /** A media header (image, video, document) takes one link instead of text variables. */
  headerMedia?: 'image' | 'video' | 'document';
  body: string[];
  /** Indexes of URL buttons whose link ends in a variable. */
  buttons: number[];
  named: boolean;
}

/** A media header's format (upper case, as templates write it) as its slot. */
const MEDIA_SLOT = { IMAGE: 'image', VIDEO: 'video', DOCUMENT: 'document' } as const;

const names = (text: string | undefined): string[] => {
  const found = [...new Set(findVariables(text ?? '').filter((v) => v.wellFormed).map((v) => v.name))];
  // Positional variables go in number order ({{2}} before {{1}} in the text still means 1, 2).
  return found.every((n) => /^\d+$/.test(n)) ? found.sort((a, b) => Number(a) - Number(b)) : found;
};

/** What a template asks of a send. */
export function templateSlots(t: { components: TemplateComponent[]; parameter_format?: string }): TemplateSlots {
  const slots: TemplateSlots = { header: [], body: [], buttons: [], named: (t.parameter_format ?? '').toUpperCase() === 'NAMED' };
  for (const c of t.components) {
    const type = c.type.toUpperCase();
    const format = (c.format ?? 'TEXT').toUpperCase();
    if (type === 'HEADER' && format === 'TEXT') slots.header = names(c.text);
    else if (type === 'HEADER' && (format === 'IMAGE' || format === 'VIDEO' || format === 'DOCUMENT')) slots.headerMedia = MEDIA_SLOT[format];
    else if (type === 'BODY') slots.body = names(c.text);
    else if (type === 'BUTTONS') (c.buttons ?? []).forEach((b, i) => b.type.toUpperCase() === 'URL' && /\{\{[^{}]+\}\}/.test(b.url ?? '') && slots.buttons.push(i));
  }
  return slots;
}

/** Parse repeated `--param key=value` flags (the value may hold further `=`). */
export function parseParamFlags(list: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of list) {
    const at = item.indexOf('=');
    const key = at > 0 ? item.slice(0, at).trim() : '';
    if (!key) throw new UsageError(`--param takes key=value (e.g. --param 1=Ana or --param body.first_name=Ana), got "${item}"`, { code: 'bad-flag' });
    if (out.has(key)) throw new UsageError(`--param ${key} is given twice`, { code: 'bad-flag' });
    out.set(key, item.slice(at + 1));
  }
  return out;
}

/** Every key a template accepts, for messages that list them. */
export function acceptedKeys(s: TemplateSlots): string[] {
  return [...s.header.map((n) => `header.${n}`), ...(s.headerMedia ? ['header'] : []), ...s.body.map((n) => `body.${n}`), ...s.buttons.map((i) => `button.${i}`)];
}

/** Turn the flags into the campaign parameter mapping (literal texts), or say exactly what is missing or unknown. */
export function mapParams(s: TemplateSlots, params: Map<string, string>, label: string): Campaign['parameters'] {
  const used = new Set<string>();
  const take = (keys: string[]): string | undefined => {
    for (const k of keys) {
      if (params.has(k)) {
        used.add(k);
        return params.get(k);
      }
    }
    return undefined;
  };
  const missing: string[] = [];
  const slot = (where: 'header' | 'body', n: string): ParamSource => {
    // A bare key ("1", "first_name") means the body; the header needs "header.<name>" when the body has the same name.
    const bare = where === 'body' || !s.body.includes(n) ? [n] : [];
    const v = take([`${where}.${n}`, ...bare]);
    if (v === undefined) missing.push(`${where}.${n}`);
    return { text: v ?? '' };
  };
  const header: ParamSource[] = s.header.map((n) => slot('header', n));
  if (s.headerMedia) {
    const v = take(['header', `header.${s.headerMedia}`]);
    if (v === undefined) missing.push('header');
    else if (!/^https:\/\//.test(v)) throw new UsageError(`--param header must be an https:// link to the ${s.headerMedia} (template ${label} has a ${s.headerMedia} header), got "${v}"`, { code: 'bad-flag' });
    header.push({ media: s.headerMedia, source: v ?? '' });
  }
  const body = s.body.map((n) => slot('body', n));
  const buttons = new Map<number, ParamSource[]>();
  for (const i of s.buttons) {
    const v = take([`button.${i}`, `buttons.${i}`]);
    if (v === undefined) missing.push(`button.${i}`);
    buttons.set(i, [{ text: v ?? '' }]);
  }
  const unknown = [...params.keys()].filter((k) => !used.has(k));
  const accepted = acceptedKeys(s);
  const list = accepted.length ? accepted.join(', ') : 'none (it takes no --param)';
  if (unknown.length) throw new UsageError(`template ${label} has no variable ${unknown.map((k) => `"${k}"`).join(', ')}; it takes: ${list}`, { code: 'parameters-mismatch', hint: accepted.length ? `pass --param <key>=<value> for each of: ${list}` : 'send it without --param' });
  if (missing.length) {
    throw new UsageError(`template ${label} needs --param for ${missing.join(', ')}`, { code: 'parameters-mismatch', hint: `e.g. ${missing.map((k) => `--param ${k}=...`).join(' ')}` });
  }
  return { header, body, buttons };
}

/** NAMED templates want each value labelled with its variable name. */
export function nameParameters(payload: Record<string, unknown>, s: TemplateSlots): Record<string, unknown> {
  if (!s.named) return payload;
  const t = payload.template as { components: { type: string; parameters: Record<string, unknown>[] }[] };
  for (const c of t.components) {
    const list = c.type === 'header' ? s.header : c.type === 'body' ? s.body : undefined;
    if (!list) continue;
    c.parameters.forEach((p, i) => p.type === 'text' && list[i] !== undefined && (p.parameter_name = list[i]));
  }
  return payload;
}
