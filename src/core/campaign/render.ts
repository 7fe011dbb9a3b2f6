/** Match a campaign's parameter mapping to its template, and render each recipient's payload. */
import { findVariables } from '../lint/text.js';
import type { Campaign, ParamSource } from './schema.js';
import { plural } from '../plural.js';

/** What a campaign's parameters are checked against: the template's status, category, header and variable counts. */
export interface TemplateShape {
  status: string;
  category: string;
  headerFormat?: string;
  headerVars: number;
  bodyVars: number;
  /** URL buttons whose link ends in a variable, by index. */
  dynamicButtons: number[];
  /** For a NAMED template, its variables' names in order: each parameter is sent with its `parameter_name`. */
  names?: ParameterNames;
}

/** The variable names of a NAMED template's header and body, in the order the campaign maps them. */
export interface ParameterNames {
  header: string[];
  body: string[];
}

interface TemplateLike {
  status: string;
  category: string;
  parameter_format?: string;
  components: { type: string; format?: string; text?: string; buttons?: { type: string; url?: string }[] }[];
}

const names = (text: string | undefined) => [...new Set(findVariables(text ?? '').filter((v) => v.wellFormed).map((v) => v.name))];

/** What a template expects from a send. */
export function templateShape(t: TemplateLike): TemplateShape {
  const shape: TemplateShape = { status: t.status, category: t.category, headerVars: 0, bodyVars: 0, dynamicButtons: [] };
  const found: ParameterNames = { header: [], body: [] };
  for (const c of t.components) {
    const type = c.type.toUpperCase();
    if (type === 'HEADER') {
      shape.headerFormat = (c.format ?? 'TEXT').toUpperCase();
      found.header = names(c.text);
      shape.headerVars = found.header.length;
    } else if (type === 'BODY') {
      found.body = names(c.text);
      shape.bodyVars = found.body.length;
    } else if (type === 'BUTTONS') (c.buttons ?? []).forEach((b, i) => b.type.toUpperCase() === 'URL' && /\{\{[^{}]+\}\}/.test(b.url ?? '') && shape.dynamicButtons.push(i));
  }
  // Meta refuses a NAMED template's parameters without parameter_name (100 "Parameter name is missing or empty").
  const named = (t.parameter_format ?? '').toUpperCase() === 'NAMED' || [...found.header, ...found.body].some((n) => !/^\d+$/.test(n));
  if (named) shape.names = found;
  return shape;
}

/** Differences between the campaign's mapping and the template's variables (empty when they match). */
export function mappingProblems(c: Campaign, s: TemplateShape): string[] {
  const problems: string[] = [];
  const p = c.parameters;
  if (s.headerFormat && ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(s.headerFormat)) {
    const kind = s.headerFormat.toLowerCase();
    const m = p.header[0];
    if (p.header.length !== 1 || !m || !('media' in m) || m.media !== kind) problems.push(`header: the template has a ${s.headerFormat} header; map it with parameters.header = [{"${kind}": "<file or https URL>"}]`);
  } else if (s.headerFormat && s.headerFormat !== 'TEXT') problems.push(`the template has a ${s.headerFormat} header, which send does not fill`);
  else if (p.header.length !== s.headerVars || p.header.some((x) => 'media' in x)) problems.push(`header: the template has ${plural(s.headerVars, 'variable')}, parameters.header maps ${p.header.length}`);
  if (p.body.length !== s.bodyVars) problems.push(`body: the template has ${plural(s.bodyVars, 'variable')}, parameters.body maps ${p.body.length}`);
  for (const i of s.dynamicButtons) if ((p.buttons.get(i) ?? []).length !== 1) problems.push(`button ${i}: the URL button ends in a variable; map it with parameters.buttons[${i}] = ["<column>"]`);
  for (const i of p.buttons.keys()) if (!s.dynamicButtons.includes(i)) problems.push(`button ${i}: parameters.buttons maps it, but the template's button ${i} takes no variable`);
  return problems;
}

/** Columns the mapping needs (to check against the CSV header). */
export function mappedColumns(c: Campaign): string[] {
  const all = [...c.parameters.header, ...c.parameters.body, ...[...c.parameters.buttons.values()].flat()];
  return [...new Set(all.flatMap((s) => ('column' in s ? [s.column] : [])))];
}

const BAD_VALUE = /[\n\t]| {5,}/;

/** Stands for the media id of the sender that sends the message, until it is known. */
export const MEDIA_PLACEHOLDER = '{{media-id}}';

/** One recipient as the payload is rendered for it: number, column values and callback data. */
export interface RenderInput {
  e164: string;
  /** Cell value by column name. */
  value: (column: string) => string | undefined;
  callbackData: string;
}

/** The request body for one recipient, or why it cannot be sent. */
export function renderPayload(c: Campaign, r: RenderInput, named?: ParameterNames): { payload: Record<string, unknown> } | { problem: string } {
  const texts = (list: ParamSource[], where: string): string[] | string => {
    const out: string[] = [];
    for (const [i, src] of list.entries()) {
      if ('media' in src) continue;
      const v = 'text' in src ? src.text : (r.value(src.column) ?? '').trim();
      const label = 'text' in src ? `${where} parameter ${i + 1}` : `${where} parameter ${i + 1} (column "${src.column}")`;
      if (v === '') return `${label} is empty`;
      if (BAD_VALUE.test(v)) return `${label} has a newline, tab or 5+ spaces (Meta refuses it with 132018)`;
      out.push(v);
    }
    return out;
  };
  const components: Record<string, unknown>[] = [];
  const media = c.parameters.header.find((x): x is Extract<ParamSource, { media: string }> => 'media' in x);
  if (media) {
    // A local file is uploaded once and sent by id (filled in per sender); a URL is sent as a link.
    const ref = /^https?:\/\//.test(media.source) ? { link: media.source } : { id: MEDIA_PLACEHOLDER };
    const obj = media.media === 'document' && media.filename ? { ...ref, filename: media.filename } : ref;
    components.push({ type: 'header', parameters: [{ type: media.media, [media.media]: obj }] });
  }
  const header = texts(c.parameters.header, 'header');
  if (typeof header === 'string') return { problem: header };
  const param = (text: string, name: string | undefined) => (name === undefined ? { type: 'text', text } : { type: 'text', parameter_name: name, text });
  if (header.length) components.push({ type: 'header', parameters: header.map((text, i) => param(text, named?.header[i])) });
  const body = texts(c.parameters.body, 'body');
  if (typeof body === 'string') return { problem: body };
  if (body.length) components.push({ type: 'body', parameters: body.map((text, i) => param(text, named?.body[i])) });
  for (const [index, list] of [...c.parameters.buttons.entries()].sort((a, b) => a[0] - b[0])) {
    const values = texts(list, `button ${index}`);
    if (typeof values === 'string') return { problem: values };
    components.push({ type: 'button', sub_type: 'url', index: String(index), parameters: values.map((text) => ({ type: 'text', text })) });
  }
  return {
    payload: {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: r.e164,
      type: 'template',
      biz_opaque_callback_data: r.callbackData,
      template: { name: c.template.name, language: { code: c.template.language, policy: 'deterministic' }, components },
    },
  };
}

/** The callback data that ties a status webhook back to this campaign and recipient. */
export function callbackData(campaignId: string, e164: string): string {
  return `wa-ops:${campaignId}:${e164}`;
}

/** Parse callback data written by callbackData(). */
export function parseCallbackData(value: string | undefined): { campaignId: string; e164: string } | undefined {
  const m = /^wa-ops:(.+):(\+\d{6,15})$/.exec(value ?? '');
  return m ? { campaignId: m[1], e164: m[2] } : undefined;
}
