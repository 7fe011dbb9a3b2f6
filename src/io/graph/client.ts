/** The Graph client: the typed Cloud API calls wa-ops makes, on the one transport. */
import { GraphError } from '../../core/graph/graph-error.js';
import { FormData } from './dispatcher.js';
import { MAYBE_DONE } from './response-errors.js';
import { GraphTransport } from './transport.js';
import type { DebugTokenData, PhoneNumber, SendResponse, SubscribedApp, TemplateRecord } from './types.js';

/** The template fields every listing asks for. */
const TEMPLATE_FIELDS = 'id,name,language,status,category,parameter_format,components,rejected_reason,quality_score';

/** A Graph API client bound to one base URL, version and token. */
export class GraphClient extends GraphTransport {
  /** POST /{pnid}/messages. */
  async sendMessage(phoneNumberId: string, payload: unknown): Promise<SendResponse> {
    const data = (await this.request<SendResponse>('POST', `${phoneNumberId}/messages`, { body: payload })).data;
    // A success without a message id proves nothing (a proxy's empty 200, a changed API): the outcome is unknown, not "sent".
    const id: unknown = Array.isArray(data?.messages) ? data.messages[0]?.id : undefined;
    if (typeof id !== 'string' || id === '') {
      throw new GraphError({ title: `POST /${phoneNumberId}/messages: the answer carries no message id (messages[0].id)`, httpStatus: 200, action: 'ambiguous', todo: MAYBE_DONE });
    }
    return data;
  }

  /** POST /{pnid}/media (multipart): upload a file once, to send it by id. */
  async uploadMedia(phoneNumberId: string, bytes: Uint8Array, mime: string, filename: string): Promise<string> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', mime);
    form.set('file', new Blob([new Uint8Array(bytes)], { type: mime }), filename);
    return (await this.request<{ id: string }>('POST', `${phoneNumberId}/media`, { form })).data.id;
  }

  /** GET /{pnid}?fields=... */
  async getPhoneNumber(phoneNumberId: string, fields: readonly string[]): Promise<PhoneNumber> {
    return (await this.request<PhoneNumber>('GET', phoneNumberId, { query: { fields: fields.join(',') } })).data;
  }

  /** GET /{waba}/phone_numbers */
  async listPhoneNumbers(wabaId: string, fields?: readonly string[]): Promise<PhoneNumber[]> {
    return this.all<PhoneNumber>(`${wabaId}/phone_numbers`, fields ? { fields: fields.join(',') } : {});
  }

  /** GET /{waba}/subscribed_apps */
  async subscribedApps(wabaId: string): Promise<SubscribedApp[]> {
    return (await this.request<{ data: SubscribedApp[] }>('GET', `${wabaId}/subscribed_apps`)).data.data ?? [];
  }

  /** GET /{waba}/message_templates, every page, with the fields wa-ops reads (Meta's defaults leave out the rejection reason and quality). */
  async listTemplates(wabaId: string, filter: { name?: string; language?: string; status?: string; category?: string } = {}): Promise<TemplateRecord[]> {
    return this.all<TemplateRecord>(`${wabaId}/message_templates`, { fields: TEMPLATE_FIELDS, name: filter.name, language: filter.language, status: filter.status, category: filter.category, limit: 100 });
  }

  /** POST /{waba}/message_templates */
  async createTemplate(wabaId: string, template: unknown): Promise<{ id: string; status: string; category: string }> {
    return (await this.request<{ id: string; status: string; category: string }>('POST', `${wabaId}/message_templates`, { body: template })).data;
  }

  /** POST /{template-id}: edit an existing template (components, category); Meta reviews it again. */
  async updateTemplate(templateId: string, changes: unknown): Promise<{ success: boolean }> {
    return (await this.request<{ success: boolean }>('POST', templateId, { body: changes })).data;
  }

  /** GET /debug_token?input_token=... (the token inspects itself unless another access token is given). */
  async debugToken(inputToken: string, accessToken?: string): Promise<DebugTokenData> {
    return (await this.request<{ data: DebugTokenData }>('GET', 'debug_token', { query: { input_token: inputToken }, token: accessToken })).data.data;
  }

  /** The health_status field of a phone number. */
  async healthStatus(phoneNumberId: string): Promise<PhoneNumber['health_status']> {
    return (await this.getPhoneNumber(phoneNumberId, ['health_status'])).health_status;
  }
}
