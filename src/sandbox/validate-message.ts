/** Validate a POST /messages body the way the Cloud API does, or say which error it would answer. */
import { graphError, isSandboxError, missing, invalid, type SandboxError } from './graph-errors.js';
import { BSUID } from './user-ids.js';
import type { SandboxState, SandboxTemplate } from './state.js';
import { checkContacts, checkLocation, checkMedia, checkReaction, isObj, tooLong, type Obj } from './validate-content.js';
import { checkInteractive } from './validate-interactive.js';
import { validateTemplate } from './validate-template.js';

const MEDIA = new Set(['image', 'video', 'audio', 'document', 'sticker']);
const TYPES = new Set(['text', 'template', ...MEDIA, 'location', 'contacts', 'interactive', 'reaction']);

/** A send request that passed the checks, with what the sandbox needs of it. */
export interface ValidMessage {
  kind: 'message';
  /** The number (E.164), or the BSUID of a user whose number the account does not know. */
  to: string;
  /** What the request named the recipient by (`to`, else `recipient`): echoed as contacts[].input. */
  input: string;
  /** The recipient's BSUID when the request gave one (`recipient`). */
  userId?: string;
  type: string;
  template?: { name: string; language: string; parameters: string[]; stored: SandboxTemplate };
  text?: string;
  bizOpaqueCallbackData?: string;
}

/** A read receipt (optionally with the typing indicator) for a message the business received. */
export interface StatusUpdate {
  kind: 'status';
  messageId: string;
  typing: boolean;
}

/** Check a /messages request; returns the message, the status update, or the error Meta would send. */
export function validateMessage(body: unknown, state: SandboxState): ValidMessage | StatusUpdate | SandboxError {
  if (!isObj(body)) return graphError(100, 'The request body must be a JSON object.');
  // Meta's own wording for this one is code 100 with the sentence in the message.
  if (body.messaging_product === undefined) return graphError(100, 'The parameter messaging_product is required.', 400, { message: '(#100) The parameter messaging_product is required.' });
  if (body.messaging_product !== 'whatsapp') return invalid('messaging_product must be "whatsapp".');
  if (body.status !== undefined) return validateStatus(body);
  // Meta's own "Send Text Message with Preview URL" example omits recipient_type, and the API accepts that.
  const rt = body.recipient_type ?? 'individual';
  if (rt === 'group') return graphError(100, 'Group messages are not imitated by the sandbox: no group exists on this account.');
  if (rt !== 'individual') return invalid('recipient_type must be "individual" or "group".');
  const recipient = validRecipient(body, state);
  if (isSandboxError(recipient)) return recipient;
  // Without "type", the one content object present decides (Meta's "Send Reply to List Message" example has none).
  const type = body.type ?? [...TYPES].find((t) => body[t] !== undefined) ?? 'text';
  if (typeof type !== 'string' || !TYPES.has(type)) return graphError(131051, `Unsupported message type ${String(type)}: use one of ${[...TYPES].join(', ')}.`);
  const callbackData = body.biz_opaque_callback_data;
  if (callbackData !== undefined && (typeof callbackData !== 'string' || callbackData.length > 512)) {
    return invalid('biz_opaque_callback_data must be a string of at most 512 characters.');
  }
  if (body.context !== undefined && (!isObj(body.context) || typeof body.context.message_id !== 'string' || body.context.message_id === '')) {
    return missing("context['message_id']");
  }
  const base: ValidMessage = { kind: 'message', ...recipient, type, bizOpaqueCallbackData: callbackData };
  if (type === 'template') return validateTemplate(body.template, state, base);
  const problem = checkContent(type, body, state);
  if (problem) return problem;
  // checkContent made sure a text message has its text.body.
  const text = body.text;
  return type === 'text' && isObj(text) && typeof text.body === 'string' ? { ...base, text: text.body } : base;
}

/** `to` (a number), or `recipient` (a BSUID) when there is no `to`; with both, `to` decides and the BSUID is kept. */
function validRecipient(body: Obj, state: SandboxState): Pick<ValidMessage, 'to' | 'input' | 'userId'> | SandboxError {
  const r = body.recipient;
  if (r !== undefined && (typeof r !== 'string' || !BSUID.test(r))) return invalid('recipient must be a business-scoped user id such as US.13491208655302741918.');
  if (body.to === undefined && typeof r === 'string') return { to: state.numberOf(r) ?? r, input: r, userId: r };
  if (typeof body.to !== 'string' || body.to.trim() === '') return missing('to');
  const digits = body.to.replace(/[\s()+-]/g, '');
  if (!/^\d{7,15}$/.test(digits) || /[^\d\s()+-]/.test(body.to)) return graphError(100, `Invalid parameter 'to': "${body.to}" is not a phone number.`);
  return { to: `+${digits}`, input: body.to, userId: typeof r === 'string' ? r : undefined };
}

function checkContent(type: string, body: Obj, state: SandboxState): SandboxError | undefined {
  const known = (id: string) => state.hasMedia(id);
  if (type === 'text') return checkText(body.text);
  if (MEDIA.has(type)) return checkMedia(type, body[type], known);
  if (type === 'location') return checkLocation(body.location);
  if (type === 'reaction') return checkReaction(body.reaction);
  if (type === 'contacts') return checkContacts(body.contacts);
  return checkInteractive(body.interactive, known);
}

function checkText(text: unknown): SandboxError | undefined {
  if (!isObj(text)) return missing('text');
  if (typeof text.body !== 'string' || text.body.trim() === '') return missing("text['body']");
  if (tooLong(text.body, 4096)) return graphError(100, "Param text['body'] must be at most 4096 characters long.");
  if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') return invalid("text['preview_url'] must be true or false.");
  return undefined;
}

function validateStatus(body: Obj): StatusUpdate | SandboxError {
  if (body.status !== 'read') return invalid('status must be "read".');
  if (typeof body.message_id !== 'string' || body.message_id === '') return missing('message_id');
  const t = body.typing_indicator;
  if (t !== undefined && (!isObj(t) || t.type !== 'text')) return invalid("typing_indicator['type'] must be \"text\".");
  return { kind: 'status', messageId: body.message_id, typing: t !== undefined };
}
