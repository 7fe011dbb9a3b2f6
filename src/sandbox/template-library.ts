/** GET /{v}/message_template_library: Meta's ready-made templates, searched and filtered. */
import { ok, type Answer } from './http.js';
import { filterValues } from './request-params.js';

/** Meta's template library (a few ready-made utility templates), with its search and filters. */
const LIBRARY = [
  { name: 'delivery_update_1', language: 'en_US', category: 'UTILITY', topic: 'ORDER_MANAGEMENT', usecase: 'DELIVERY_UPDATE', industry: ['E_COMMERCE'], body: 'Good news! Your order {{1}} is on its way and should arrive by {{2}}.', body_params: ['#12345', 'Friday'], id: '7000000000000001' },
  { name: 'payment_reminder_1', language: 'en_US', category: 'UTILITY', topic: 'PAYMENTS', usecase: 'PAYMENT_DUE_REMINDER', industry: ['FINANCIAL_SERVICES'], body: 'Hi {{1}}, your payment of {{2}} is due on {{3}}.', body_params: ['Ana', '$25.00', 'May 5'], id: '7000000000000002' },
  { name: 'appointment_confirmation_1', language: 'en_US', category: 'UTILITY', topic: 'EVENT_REMINDER', usecase: 'ORDER_CONFIRMATION', industry: ['E_COMMERCE'], body: 'Your appointment on {{1}} at {{2}} is confirmed.', body_params: ['Monday', '10:30'], id: '7000000000000003' },
];

/** GET /{v}/message_template_library?search=&category=&language=&topic=&usecase=&industry=&limit= */
export function templateLibrary(url: URL): Answer {
  const q = url.searchParams;
  const search = q.get('search')?.toLowerCase();
  const [categories, languages, topics, usecases, industries] = ['category', 'language', 'topic', 'usecase', 'industry'].map((k) => filterValues(q.get(k)));
  const limit = Math.max(1, Number(q.get('limit') ?? 25) || 25);
  const data = LIBRARY.filter((t) => !search || t.name.includes(search) || t.body.toLowerCase().includes(search))
    .filter((t) => (!categories || categories.includes(t.category)) && (!languages || languages.includes(t.language)))
    .filter((t) => (!topics || topics.includes(t.topic)) && (!usecases || usecases.includes(t.usecase)) && (!industries || t.industry.some((i) => industries.includes(i))));
  return ok({ data: data.slice(0, limit), paging: { cursors: { before: 'MAZDZD', after: 'MAZDZD' } } });
}

/** The components of a library template to create a template from (POST message_templates with library_template_name), or undefined. */
export function libraryComponents(name: unknown): { type: string; text: string; example: { body_text: string[][] } }[] | undefined {
  const t = LIBRARY.find((x) => x.name === name);
  return t && [{ type: 'BODY', text: t.body, example: { body_text: [t.body_params] } }];
}
