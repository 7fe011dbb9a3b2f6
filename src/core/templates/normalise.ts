/** Templates as files and as the API has them: one canonical shape, so "unchanged" means the same review content. */
import { isObject } from '../is-object.js';
import type { Template, TemplateComponent } from '../lint/types.js';

/** The file a pulled template becomes: Meta's create-template shape, which lint-template and push read. */
export interface TemplateFile {
  name: string;
  language: string;
  category: string;
  parameter_format?: string;
  components: TemplateComponent[];
}

/** The create-template shape of a template record (id, status and quality stay with the API). */
export function toTemplateFile(t: { name: string; language: string; category: string; parameter_format?: string; components: TemplateComponent[] }): TemplateFile {
  // Keys in the order a reader expects (the parameter format before the components that use it), as the README lists them.
  const format = t.parameter_format ? { parameter_format: t.parameter_format.toUpperCase() } : {};
  return { name: t.name, language: t.language, category: t.category.toUpperCase(), ...format, components: t.components };
}

/** One file per name and language; names are [a-z0-9_] and language codes letters and _, so this is a safe file name. */
export function templateFileName(name: string, language: string): string {
  return `${name}.${language}.json`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

const UPPER_KEYS = new Set(['type', 'format', 'otp_type', 'sub_type']);

/** Sorted keys, upper-cased enums, no null or undefined: the form two templates are compared in. */
export function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, key));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = value[k];
      if (v === undefined || v === null) continue;
      out[k] = canonical(v, k);
    }
    return out;
  }
  if (typeof value === 'string' && UPPER_KEYS.has(key)) return value.toUpperCase();
  return value;
}

/** What Meta reviews: category, parameter format (POSITIONAL when unset) and components. */
export function reviewContent(t: Pick<Template, 'category' | 'parameter_format' | 'components'>): string {
  return JSON.stringify({
    category: (t.category ?? '').toUpperCase(),
    parameter_format: (t.parameter_format ?? 'POSITIONAL').toUpperCase(),
    components: canonical(t.components),
  });
}

/** Would submitting `local` change anything the API holds for `remote`? */
export function sameTemplate(local: Pick<Template, 'category' | 'parameter_format' | 'components'>, remote: Pick<Template, 'category' | 'parameter_format' | 'components'>): boolean {
  return reviewContent(local) === reviewContent(remote);
}
