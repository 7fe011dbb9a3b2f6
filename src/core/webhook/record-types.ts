/** The records of the events file (written by webhook serve, read by send, status and analyze): fields are only ever added. */

/** Pricing of one message as Meta reports it on a status (PMP since 2025-07-01). */
export interface StatusPricing {
  billable?: boolean;
  model?: string;
  type?: string;
  category?: string;
}

/** A value-level or status-level error, with Meta's details kept. */
export interface WebhookError {
  code: number;
  title?: string;
  message?: string;
  details?: string;
}

/** A message status (sent, delivered, read, failed, played). */
export interface StatusRecord {
  kind: 'status';
  key: string;
  id: string;
  status: string;
  /** Unix seconds, as the string Meta sends. */
  ts: string;
  recipient: string;
  phoneNumberId?: string;
  cb?: string;
  errors?: WebhookError[];
  category?: string;
  wabaId?: string;
  /** The recipient's business-scoped user id (BSUID), where Meta sent one. */
  userId?: string;
  parentUserId?: string;
  pricing?: StatusPricing;
  /** The status's other fields as Meta sent them: `conversation`, `recipient_type`, `recipient_participant_id`, new ones. */
  extra?: Record<string, unknown>;
}

/** An inbound message. */
export interface MessageRecord {
  kind: 'message';
  key: string;
  id: string;
  from: string;
  type: string;
  /** The typed text, or the title of a tapped button or list row (see `type`: only "text" is typed). */
  text?: string;
  ts: string;
  phoneNumberId?: string;
  wabaId?: string;
  userId?: string;
  /** The sender's wa_id from `contacts`, when Meta sent it. */
  waId?: string;
  /** Why Meta could not pass the message on (e.g. 131051 for an unsupported type). */
  errors?: WebhookError[];
  /** The message object as Meta sent it (absent in files written before it was kept). */
  message?: unknown;
  /** The sender's entry in `contacts` as Meta sent it (profile name, wa_id, user id, username). */
  contact?: unknown;
}

/** A value-level error, not tied to one message. */
export interface ErrorRecord {
  kind: 'error';
  key: string;
  code: number;
  title?: string;
  message?: string;
  details?: string;
  ts: string;
  field?: string;
  wabaId?: string;
  phoneNumberId?: string;
}

/** A user's marketing stop or resume (`user_preferences`). */
export interface PreferenceRecord {
  kind: 'preference';
  key: string;
  waId?: string;
  userId?: string;
  parentUserId?: string;
  category: string;
  value: string;
  detail?: string;
  ts: string;
  wabaId?: string;
  phoneNumberId?: string;
  /** The preference's other fields as Meta sent them. */
  extra?: Record<string, unknown>;
}

/** An account, number or template event, stored whole: field, WABA, Meta's time and the value as sent. */
export interface ManagementRecord {
  kind: 'management';
  key: string;
  field: string;
  wabaId?: string;
  /** entry.time as ISO time (the receive time when Meta sent none). */
  at: string;
  value: unknown;
}

/** Anything else in a `messages` change, or a whole body with nothing known in it (`field` "body"), kept so nothing is lost; older files hold it without `value`. */
export interface OtherRecord {
  kind: 'other';
  key: string;
  field: string;
  ts: string;
  wabaId?: string;
  value?: unknown;
}

/** Any line of the events file. */
export type WebhookRecord = StatusRecord | MessageRecord | ErrorRecord | PreferenceRecord | ManagementRecord | OtherRecord;
