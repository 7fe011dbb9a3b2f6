/** message_templates: list with filters and paging, create (reviewed after a delay), edit, delete, get by id. */
import type { Template } from '../core/lint/types.js';
import { pickFields } from './account.js';
import { graphError, missing, type SandboxError } from './graph-errors.js';
import { nonexistingField } from './node-fields.js';
import { TEMPLATE_LANGUAGES } from './template-languages.js';
import { libraryComponents } from './template-library.js';
import { filterValues } from './request-params.js';
import { ok, type Answer } from './http.js';
import type { SandboxState, SandboxTemplate } from './state.js';
import { reviewTemplate, sameContent } from './template-review.js';
import type { WebhookEmitter } from './webhooks.js';

const CATEGORIES = new Set(['MARKETING', 'UTILITY', 'AUTHENTICATION']);
/** The fields a listed template shows without fields=. */
export const TEMPLATE_LIST_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'rejected_reason', 'quality_score'];

/** A template as listed now (the template-paused scenario pauses every approved one, quality RED); quality UNKNOWN until approved. */
export function shown(state: SandboxState, t: SandboxTemplate): SandboxTemplate {
  const paused = state.scenarios.has('template-paused') && t.status === 'APPROVED';
  const score = paused ? 'RED' : (t.quality_score?.score ?? (t.status === 'APPROVED' ? 'GREEN' : 'UNKNOWN'));
  return { ...t, status: paused ? 'PAUSED' : t.status, quality_score: { score, date: t.quality_score?.date ?? 1767225600 } };
}

/** GET /{waba}/message_templates: name, name_or_content, language, status, category, fields, limit, after/before. */
export function listTemplates(url: URL, state: SandboxState): Answer {
  const q = url.searchParams;
  const unknown = nonexistingField(q.get('fields'), 'WhatsAppBusinessHSM');
  if (unknown) return unknown;
  // Graph matches these filters without regard to case (status=approved, language=en_us, name=Order_Shipped).
  const [names, languages, statuses, categories, scores] = ['name', 'language', 'status', 'category', 'quality_score'].map((k) => filterValues(q.get(k))?.map((v) => v.toLowerCase()));
  const has = (wanted: string[] | undefined, v: string) => !wanted || wanted.includes(v.toLowerCase());
  const search = q.get('name_or_content')?.toLowerCase();
  const limit = Math.max(1, Math.min(1000, Number(q.get('limit') ?? 25) || 25));
  const decode = (c: string | null) => (c ? Number(Buffer.from(c, 'base64url').toString()) || 0 : undefined);
  const all = [...state.templates.values()]
    .map((t) => shown(state, t))
    .filter((t) => has(names, t.name) && has(languages, t.language) && has(statuses, t.status) && has(categories, t.category))
    .filter((t) => has(scores, t.quality_score?.score ?? 'UNKNOWN'))
    .filter((t) => !search || t.name.toLowerCase().includes(search) || t.components.some((c) => (c.text ?? '').toLowerCase().includes(search)));
  const before = decode(q.get('before'));
  const start = before !== undefined ? Math.max(0, before - limit) : (decode(q.get('after')) ?? 0);
  const page = all.slice(start, start + limit);
  const fields = q.get('fields') ?? TEMPLATE_LIST_FIELDS.join(',');
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
  const link = (key: 'after' | 'before', n: number) => {
    const next = new URL(url.toString());
    next.searchParams.delete('after');
    next.searchParams.delete('before');
    next.searchParams.set(key, cursor(n));
    return `${state.baseUrl}${next.pathname}?${next.searchParams.toString()}`;
  };
  const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(start + page.length) } };
  if (start + limit < all.length) paging.next = link('after', start + page.length);
  if (start > 0) paging.previous = link('before', start);
  const summary = q.get('summary') ? { summary: { total_count: all.length, message_template_count: state.templates.size, message_template_limit: 250, are_translations_complete: true } } : {};
  return ok({ data: page.map((t) => pickFields(t, fields)), paging, ...summary });
}

/** POST /{waba}/message_templates: checked, stored PENDING, reviewed after the review delay. */
export function createTemplate(body: unknown, state: SandboxState, webhooks: WebhookEmitter): Answer {
  const given = body as (Partial<Template> & { library_template_name?: unknown }) | undefined;
  if (!given || typeof given !== 'object') return graphError(100, 'The request body must be a JSON object.');
  // A template made from Meta's library names it instead of giving components.
  const library = given.library_template_name === undefined ? undefined : libraryComponents(given.library_template_name);
  if (given.library_template_name !== undefined && !library) return graphError(100, `There is no library template named ${JSON.stringify(given.library_template_name)}: see GET /message_template_library.`);
  const t: Partial<Template> = library ? { ...given, components: library } : given;
  for (const key of ['name', 'language', 'category', 'components'] as const) if (t[key] === undefined) return graphError(100, `The parameter ${key} is required.`);
  if (typeof t.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(t.name)) return graphError(100, 'Template name may only contain lowercase letters, numbers and underscores (at most 512).', 400, { subcode: 2388072 });
  if (typeof t.language !== 'string' || !TEMPLATE_LANGUAGES.has(t.language)) return graphError(100, `Invalid language ${JSON.stringify(t.language)}: use one of Meta's template language codes, such as en_US, de or pt_BR.`);
  const category = String(t.category).toUpperCase();
  if (!CATEGORIES.has(category)) return graphError(100, `category must be one of ${[...CATEGORIES].join(', ')}.`);
  const bad = componentsProblem(t.components, category);
  if (bad || !t.components) return bad ?? graphError(100, 'components must be a non-empty array.');
  if (state.template(t.name, t.language)) {
    return graphError(100, `Content in this language already exists: ${t.name} (${t.language}). Edit it with POST /{template-id}.`, 400, {
      subcode: 2388024,
      userTitle: 'Message template already exists',
      userMsg: 'There is already content for this template in this language. Edit the existing template or choose another name.',
    });
  }
  const stored = state.addTemplate({ name: t.name, language: t.language, category, parameter_format: t.parameter_format, components: t.components, status: 'PENDING' });
  review(stored, state, webhooks);
  return ok({ id: stored.id, status: stored.status, category: stored.category });
}

/** POST /{template-id}: Meta's edit; components and (unless approved) category; reviewed again. */
export function editTemplate(t: SandboxTemplate, body: unknown, state: SandboxState, webhooks: WebhookEmitter): Answer {
  const b = body as Partial<Template> | undefined;
  if (!b || typeof b !== 'object' || (b.components === undefined && b.category === undefined)) return graphError(100, 'Give components and/or category to edit a template.');
  if (t.status === 'PENDING') return graphError(100, 'A template cannot be edited while it is in review.', 400, { subcode: 2388039, userTitle: 'Template is in review' });
  const category = b.category === undefined ? t.category : String(b.category).toUpperCase();
  const bad = b.components === undefined ? undefined : componentsProblem(b.components, category);
  if (bad) return bad;
  if (!CATEGORIES.has(category)) return graphError(100, `category must be one of ${[...CATEGORIES].join(', ')}.`);
  if (category !== t.category && t.status === 'APPROVED') return graphError(100, 'The category of an approved template cannot be edited.');
  const next = { ...t, category, components: b.components ?? t.components };
  if (sameContent(next, t)) return ok({ success: true });
  Object.assign(t, next, { status: 'PENDING', rejected_reason: undefined });
  review(t, state, webhooks);
  return ok({ success: true });
}

/** Components Meta cannot read: not a non-empty array of typed objects, or a body without text (authentication bodies are Meta's own text). */
function componentsProblem(components: unknown, category: string): SandboxError | undefined {
  if (!Array.isArray(components) || components.length === 0) return graphError(100, 'components must be a non-empty array.');
  for (const [i, c] of components.entries()) {
    if (typeof c !== 'object' || c === null || typeof (c as { type?: unknown }).type !== 'string') return graphError(100, `components[${i}] must be an object with a type.`);
  }
  const body = components.find((c: { type: string }) => c.type.toUpperCase() === 'BODY') as { text?: unknown } | undefined;
  if (body && category !== 'AUTHENTICATION' && (typeof body.text !== 'string' || body.text.trim() === '')) {
    return graphError(100, 'The BODY component needs a text.', 400, { subcode: 2388043, userTitle: 'Message template body is missing', userMsg: 'Add the text of the message body.' });
  }
  return undefined;
}

/** DELETE /{waba}/message_templates?name=...[&hsm_id=...]: every language of the name, or the one id. */
export function deleteTemplates(url: URL, state: SandboxState): Answer {
  const name = url.searchParams.get('name');
  if (!name) return missing('name');
  const gone = state.deleteTemplates(name, url.searchParams.get('hsm_id') ?? undefined);
  if (gone.length === 0) return graphError(100, `Message template "${name}" not found.`, 400, { subcode: 2593002 });
  return ok({ success: true });
}

/** Decide after the review delay; tell the app with message_template_status_update. */
function review(t: SandboxTemplate, state: SandboxState, webhooks: WebhookEmitter): void {
  const decide = () => {
    if (state.templateById(t.id) !== t || t.status !== 'PENDING') return; // deleted or changed meanwhile
    const r = reviewTemplate(t);
    t.status = r.status;
    t.rejected_reason = r.status === 'REJECTED' ? r.reason : undefined;
    const value: Record<string, unknown> = { event: r.status, message_template_id: Number(t.id), message_template_name: t.name, message_template_language: t.language, reason: r.reason, message_template_category: t.category };
    if (r.reason === 'INVALID_FORMAT') value.rejection_info = { reason: r.recommendation, recommendation: r.recommendation };
    void webhooks.emit('message_template_status_update', value);
  };
  if (state.o.reviewDelayMs <= 0) decide();
  else webhooks.after(state.o.reviewDelayMs, decide);
}
