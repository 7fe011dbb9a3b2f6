/** Template sends: the template exists, is APPROVED, and the parameters match its variables (codes 132000-132018). */
import { findVariables } from '../core/lint/text.js';
import { graphError, type SandboxError } from './graph-errors.js';
import type { SandboxState } from './state.js';
import { isObj } from './validate-content.js';
import type { ValidMessage } from './validate-message.js';

const BAD_PARAM = /[\n\t]| {5,}/;

/** Check the template part of a message; returns the message with its template, or the error Meta would send. */
export function validateTemplate(t: unknown, state: SandboxState, base: Omit<ValidMessage, 'template'>): ValidMessage | SandboxError {
  if (!isObj(t)) return graphError(131008, "The parameter template is required.");
  if (typeof t.name !== 'string' || t.name === '') return graphError(131008, "The parameter template['name'] is required.");
  const language = isObj(t.language) ? t.language.code : undefined;
  if (typeof language !== 'string') return graphError(131008, "The parameter template['language']['code'] is required.");
  // Meta's own examples omit policy and the live API accepts that; a value other than "deterministic" is refused.
  const policy = isObj(t.language) ? t.language.policy : undefined;
  if (policy !== undefined && policy !== 'deterministic') return graphError(100, 'template.language.policy must be "deterministic".');
  const stored = state.template(t.name, language);
  if (!stored) return graphError(132001, `template name (${t.name}) does not exist in ${language}`);
  const status = state.scenarios.has('template-paused') ? 'PAUSED' : stored.status;
  if (status === 'PAUSED') return graphError(132015, `template ${t.name} is paused for low quality`);
  if (status !== 'APPROVED') return graphError(132001, `template ${t.name} (${language}) is ${status}, not APPROVED`);
  if (t.components !== undefined && !Array.isArray(t.components)) return graphError(100, 'template.components must be an array of objects.');
  const components = Array.isArray(t.components) ? t.components : [];
  if (!components.every(isObj)) return graphError(100, 'template.components must be an array of objects.');
  const given = (type: string, index?: number) =>
    components.filter((c) => String(c.type).toLowerCase() === type && (index === undefined || Number(c.index) === index)).flatMap((c) => (Array.isArray(c.parameters) ? c.parameters : []));
  const parameters: string[] = [];
  const named = isNamed(stored);
  for (const c of stored.components) {
    const kind = c.type.toUpperCase();
    if (kind === 'BODY' || (kind === 'HEADER' && (c.format ?? 'TEXT').toUpperCase() === 'TEXT')) {
      const names = [...new Set(findVariables(c.text ?? '').filter((v) => v.wellFormed).map((v) => v.name))];
      const params = given(kind.toLowerCase());
      if (params.length !== names.length) {
        return graphError(132000, `${kind.toLowerCase()}: number of localizable_params (${params.length}) does not match the expected number of params (${names.length})`);
      }
      const problem = checkParams(params, parameters) ?? (named ? checkNames(kind.toLowerCase(), params, names) : undefined);
      if (problem) return problem;
    } else if (kind === 'HEADER') {
      const format = (c.format ?? '').toLowerCase();
      const [p] = given('header');
      const media = isObj(p) ? p[format] : undefined;
      if (format === 'location') {
        if (!isObj(p) || p.type !== 'location' || !isObj(media) || media.latitude === undefined || media.longitude === undefined) {
          return graphError(132012, 'header: expected one location parameter with latitude and longitude');
        }
        continue;
      }
      if (!isObj(p) || p.type !== format || !isObj(media) || (typeof media.link !== 'string' && typeof media.id !== 'string')) {
        return graphError(132012, `header: expected one ${format} parameter with a link or id`);
      }
      if (typeof media.id === 'string' && !state.hasMedia(media.id)) return graphError(131053, `media id ${media.id} was not uploaded to this phone number`);
      if (typeof media.link === 'string' && !/^https?:\/\//.test(media.link)) return graphError(131053, `media link ${media.link} is not an http(s) URL`);
    } else if (kind === 'BUTTONS') {
      for (const [i, b] of (c.buttons ?? []).entries()) {
        if ((b.type ?? '').toUpperCase() !== 'URL' || !/\{\{[^{}]+\}\}/.test(b.url ?? '')) continue;
        const params = given('button', i);
        if (params.length !== 1) return graphError(132000, `button ${i}: number of params (${params.length}) does not match the expected number of params (1)`);
        const problem = checkParams(params, parameters);
        if (problem) return problem;
      }
    }
  }
  return { ...base, template: { name: t.name, language, parameters, stored } };
}

/** A NAMED template (declared, or with variables that are names, not numbers). */
function isNamed(t: { parameter_format?: string; components: { text?: string }[] }): boolean {
  if ((t.parameter_format ?? '').toUpperCase() === 'NAMED') return true;
  return t.components.some((c) => findVariables(c.text ?? '').some((v) => v.wellFormed && !/^\d+$/.test(v.name)));
}

/** Meta maps a NAMED template's parameters by parameter_name: each must carry one, and each of the template's names once. */
function checkNames(where: string, params: unknown[], names: string[]): SandboxError | undefined {
  const given = params.map((p) => (isObj(p) && typeof p.parameter_name === 'string' ? p.parameter_name : ''));
  if (given.some((n) => n === '')) return graphError(100, 'Parameter name is missing or empty');
  const unknown = given.filter((n) => !names.includes(n));
  if (unknown.length > 0 || new Set(given).size !== given.length) {
    return graphError(132000, `${where}: parameter names (${given.join(', ')}) do not match the template's (${names.join(', ')})`);
  }
  return undefined;
}

function checkParams(params: unknown[], collected: string[]): SandboxError | undefined {
  for (const p of params) {
    if (!isObj(p) || typeof p.type !== 'string') return graphError(100, 'Each parameter needs a type.');
    if (p.type === 'text') {
      if (typeof p.text !== 'string' || p.text === '') return graphError(100, 'Parameter of type text is missing its text value.');
      if (BAD_PARAM.test(p.text)) return graphError(132018, 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces');
      collected.push(p.text);
    } else if (p.type === 'currency' || p.type === 'date_time') {
      const v = p[p.type];
      if (!isObj(v) || typeof v.fallback_value !== 'string') return graphError(100, `Parameter of type ${p.type} needs a fallback_value.`);
      collected.push(v.fallback_value);
    } else if (p.type === 'payload' || p.type === 'coupon_code') {
      collected.push(String(p[p.type] ?? ''));
    } else if (!['image', 'video', 'document', 'location', 'action', 'product'].includes(p.type)) {
      return graphError(100, `Unsupported parameter type ${p.type}.`);
    }
  }
  return undefined;
}
