/** Account, number and template events in operator terms: what changed, for which template or number, and what to do. */
import type { ManagementRecord } from './records.js';
import { isObject } from '../is-object.js';

/** One management event as analyze, status and doctor show it. */
export interface ManagementEvent {
  field: string;
  at: string;
  wabaId: string;
  /** The template ("name:lang") or phone number it concerns, or the account. */
  subject: string;
  change: string;
  /** What an operator should do ("" when nothing). */
  action: string;
  /** stop: sending is blocked or will fail; warn: getting worse; info: nothing to do. */
  severity: 'stop' | 'warn' | 'info';
  template?: { name: string; language?: string; id?: string };
  phoneNumber?: string;
}

export { concerns, latestManagement, stopReasons, type ManagementFilter } from './management-query.js';

type Obj = Record<string, unknown>;
const isObj: (v: unknown) => v is Obj = isObject;
const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const QUALITY = ['UNKNOWN', 'RED', 'YELLOW', 'GREEN'];
const TIERS = ['TIER_50', 'TIER_250', 'TIER_1K', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'];

type Described = Pick<ManagementEvent, 'change' | 'action' | 'severity'>;
const d = (change: string, action: string, severity: ManagementEvent['severity']): Described => ({ change, action, severity });

function templateStatus(v: Obj): Described {
  const ev = s(v.event).toUpperCase();
  const reason = s(v.reason) && s(v.reason) !== 'NONE' ? ` (${s(v.reason)})` : '';
  const info = isObj(v.other_info) ? `: ${s(v.other_info.title) || s(v.other_info.description)}` : '';
  const change = `status ${ev}${reason}${info}`;
  if (ev === 'PAUSED') return d(change, 'stop sends with this template: it fails with 132015 until the pause ends (3 h the first time, 6 h the second); find out why users block it', 'stop');
  if (ev === 'DISABLED') return d(change, 'disabled after repeated pauses: create a new template and move the campaign to it', 'stop');
  if (ev === 'REJECTED') return d(change, 'fix what the review objected to (wa-ops lint-template shows the usual causes) and submit again', 'stop');
  if (ev === 'PENDING_DELETION' || ev === 'DELETED' || ev === 'ARCHIVED') return d(change, 'the template is going away: move campaigns to another one', 'stop');
  if (ev === 'FLAGGED') return d(change, 'quality is low: the template will be paused unless it improves; slow down and review its content', 'warn');
  if (ev === 'LIMIT_EXCEEDED') return d(change, 'too many templates: delete unused ones', 'warn');
  return d(change, '', 'info');
}

function templateQuality(v: Obj): Described {
  const from = s(v.previous_quality_score).toUpperCase();
  const to = s(v.new_quality_score).toUpperCase();
  const down = QUALITY.indexOf(to) < QUALITY.indexOf(from) && QUALITY.indexOf(to) > 0;
  const change = `quality ${from || '?'} → ${to || '?'}`;
  if (to === 'RED') return d(change, 'users block or report this template: pause its campaigns before Meta pauses it; review the content and audience', 'warn');
  return down ? d(change, 'quality is going down: send to engaged users only and review the content', 'warn') : d(change, '', 'info');
}

function templateCategory(v: Obj): Described {
  const from = s(v.previous_category);
  const to = s(v.new_category) || s(v.correct_category);
  const change = `category ${from || '?'} → ${to || '?'}`;
  return to.toUpperCase() === 'MARKETING' && from.toUpperCase() !== 'MARKETING'
    ? d(change, 'now billed as marketing (and subject to marketing opt-outs and limits): check the cost, or submit a UTILITY template without promotional content', 'warn')
    : d(change, 'check the price and the rules of the new category', 'info');
}

function phoneQuality(v: Obj): Described {
  const ev = s(v.event).toUpperCase();
  const limit = s(v.current_limit) || s(v.messaging_limit_tier) || s(v.max_daily_conversations_per_business);
  const old = s(v.old_limit);
  const tier = limit ? `, messaging limit ${old ? `${old} → ` : ''}${limit}` : '';
  const change = `${ev || 'quality update'}${tier}`;
  if (ev === 'FLAGGED') return d(change, 'number quality is low: slow down and stop marketing sends until it recovers, or the limit drops', 'warn');
  if (ev === 'DOWNGRADE' || (old && TIERS.indexOf(limit) >= 0 && TIERS.indexOf(limit) < TIERS.indexOf(old))) return d(change, `the messaging limit went down${limit ? ` to ${limit}` : ''}: lower dailyLimit in campaigns`, 'warn');
  if (ev === 'UPGRADE' || ev === 'THROUGHPUT_UPGRADE' || ev === 'UNFLAGGED') return d(change, '', 'info');
  return d(change, '', 'info');
}

function accountUpdate(v: Obj): Described {
  const ev = s(v.event).toUpperCase();
  const restrictions = Array.isArray(v.restriction_info) ? v.restriction_info.filter(isObj).map((r) => `${s(r.restriction_type)}${s(r.expiration) ? ` until ${s(r.expiration)}` : ''}`) : [];
  const violation = isObj(v.violation_info) ? s(v.violation_info.violation_type) : '';
  const ban = isObj(v.ban_info) ? s(v.ban_info.waba_ban_state) : '';
  const parts = [ev, restrictions.length ? `restricted: ${restrictions.join(', ')}` : '', violation ? `violation: ${violation}` : '', ban ? `ban: ${ban}` : ''].filter(Boolean);
  const change = parts.join('; ') || 'account update';
  if (ev === 'ACCOUNT_RESTRICTION' || restrictions.length) return d(change, 'the account is restricted: business-initiated sends fail until the restriction ends; review it in WhatsApp Manager (Account quality) and appeal if wrong', 'stop');
  if (ev === 'DISABLED_UPDATE' || ev === 'ACCOUNT_DELETED' || ban) return d(change, 'the account cannot send: review it in WhatsApp Manager and contact Meta support', 'stop');
  if (ev === 'ACCOUNT_VIOLATION' || violation) return d(change, 'a policy violation was recorded: review it in WhatsApp Manager before more sends', 'warn');
  return d(change, '', 'info');
}

function describe(field: string, v: Obj): Described {
  switch (field) {
    case 'message_template_status_update':
      return templateStatus(v);
    case 'message_template_quality_update':
      return templateQuality(v);
    case 'template_category_update':
      return templateCategory(v);
    case 'message_template_components_update':
      return d('components edited', '', 'info');
    case 'phone_number_quality_update':
      return phoneQuality(v);
    case 'account_update':
      return accountUpdate(v);
    case 'phone_number_name_update': {
      const dec = s(v.decision).toUpperCase();
      const change = `display name "${s(v.requested_verified_name)}" ${dec}${s(v.rejection_reason) && s(v.rejection_reason) !== 'NONE' ? ` (${s(v.rejection_reason)})` : ''}`;
      return dec === 'DECLINED' || dec === 'REJECTED' ? d(change, 'the display name was declined: request another in WhatsApp Manager; the messaging limit stays low meanwhile', 'warn') : d(change, '', 'info');
    }
    case 'account_review_update': {
      const dec = s(v.decision).toUpperCase();
      return dec === 'REJECTED' ? d(`account review ${dec}`, 'the account review failed: fix the business details and request a new review', 'stop') : d(`account review ${dec}`, '', 'info');
    }
    case 'account_alerts': {
      const sev = s(v.alert_severity).toUpperCase();
      const change = `${s(v.alert_type) || 'alert'}${sev ? ` (${sev})` : ''}${s(v.alert_description) ? `: ${s(v.alert_description)}` : ''}`;
      return sev === 'CRITICAL' || sev === 'ERROR' ? d(change, 'read the alert in WhatsApp Manager and act on it before more sends', 'warn') : d(change, '', 'info');
    }
    case 'business_capability_update': {
      const n = s(v.max_daily_conversations_per_business) || s(v.max_daily_conversation_per_phone);
      const change = `messaging limit ${n === '-1' ? 'unlimited' : n || '?'}${s(v.max_phone_numbers_per_business) ? `, up to ${s(v.max_phone_numbers_per_business)} numbers` : ''}`;
      return d(change, n && n !== '-1' ? `keep campaigns within ${n} unique users a day (dailyLimit)` : '', 'info');
    }
    case 'security':
      return d(`security: ${s(v.event) || 'event'}`, 'check who changed the two-step PIN or number settings', 'warn');
    default:
      return d(Object.keys(v).filter((k) => k !== 'messaging_product').slice(0, 4).join(', ') || field, '', 'info');
  }
}

function subjectOf(v: Obj): Pick<ManagementEvent, 'subject' | 'template' | 'phoneNumber'> {
  const name = s(v.message_template_name);
  if (name) {
    const language = s(v.message_template_language) || undefined;
    return { subject: language ? `${name}:${language}` : name, template: { name, language, id: s(v.message_template_id) || undefined } };
  }
  const phone = s(v.display_phone_number) || s(v.phone_number) || (isObj(v.metadata) ? s(v.metadata.display_phone_number) : '');
  if (phone) return { subject: phone.startsWith('+') ? phone : `+${phone}`, phoneNumber: phone.replace(/^\+/, '') };
  if (s(v.entity_id)) return { subject: `${s(v.entity_type).toLowerCase() || 'entity'} ${s(v.entity_id)}` };
  return { subject: 'account' };
}

/** Describe one stored management record. */
export function describeManagement(r: ManagementRecord): ManagementEvent {
  const v = isObj(r.value) ? r.value : {};
  return { field: r.field, at: r.at, wabaId: r.wabaId ?? '', ...subjectOf(v), ...describe(r.field, v) };
}
