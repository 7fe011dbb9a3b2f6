/** The request body of one message: a template rendered like a campaign row, or a free-form text. */
import { UsageError } from '../errors.js';
import { renderPayload } from '../campaign/render.js';
import type { TemplateComponent } from '../lint/types.js';
import { mapParams, nameParameters, templateSlots } from './params.js';

/** Ties the message's status webhooks to `send --to` without touching any campaign ledger. */
export function oneOffCallbackData(e164: string): string {
  return `wa-ops-to:${e164}`;
}

/** Parse `--template name:lang`. */
export function parseTemplateRef(ref: string): { name: string; language: string } {
  const m = /^([a-z0-9_]+):([A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,4})?)$/.exec(ref.trim());
  if (!m) throw new UsageError(`--template takes name:language (e.g. order_shipped:en_US), got "${ref}"`, { code: 'bad-flag' });
  return { name: m[1], language: m[2] };
}

/** The body of a template message with the given --param values. */
export function templateMessage(
  t: { name: string; language: string; components: TemplateComponent[]; parameter_format?: string },
  e164: string,
  params: Map<string, string>,
): Record<string, unknown> {
  const label = `${t.name}:${t.language}`;
  const slots = templateSlots(t);
  const parameters = mapParams(slots, params, label);
  const campaign = { name: label, recipients: '', template: { name: t.name, language: t.language }, parameters, senders: [] };
  const r = renderPayload(campaign, { e164, value: () => undefined, callbackData: oneOffCallbackData(e164) });
  if ('problem' in r) throw new UsageError(`--param: ${r.problem.replace(/^(\w+) parameter (\d+)/, '$1 variable $2')}`, { code: 'bad-flag' });
  return nameParameters(r.payload, slots);
}

/** The body of a free-form text message (only delivered inside the customer's 24 h window). */
export function textMessage(e164: string, body: string): Record<string, unknown> {
  if (body.trim() === '') throw new UsageError('--text is empty', { code: 'bad-flag' });
  if (body.length > 4096) throw new UsageError(`--text is ${body.length} characters; WhatsApp allows at most 4096`, { code: 'bad-flag' });
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: e164,
    type: 'text',
    biz_opaque_callback_data: oneOffCallbackData(e164),
    text: { preview_url: false, body },
  };
}
