/** The fields each Graph node type has: a `fields=` name outside them is Graph's 100 "Tried accessing nonexisting field". */
import { parseFields, type FieldSel } from './field-selection.js';
import { graphError, type SandboxError } from './graph-errors.js';

/** The node types whose `fields=` the sandbox checks, by the name Graph gives them in its errors. */
export type NodeType = 'WhatsAppBusinessPhoneNumber' | 'WhatsAppBusinessAccount' | 'WhatsAppBusinessHSM' | 'WhatsAppBusinessProfile';

// Generous on purpose: every field and edge Meta documents for the node (OpenAPI description, Graph reference, the npm
// clients' field lists), whether or not the sandbox has a value for it. Refusing a field Meta serves would refuse a
// valid call; a field the sandbox has no value for is simply left out of the answer, as Graph leaves out empty ones.
const FIELDS: Record<NodeType, ReadonlySet<string>> = {
  WhatsAppBusinessPhoneNumber: new Set([
    'id', 'account_mode', 'certificate', 'code_verification_status', 'conversational_automation', 'country_code',
    'country_dial_code', 'display_phone_number', 'eligibility_for_api_business_global_search', 'health_status',
    'host_platform', 'is_official_business_account', 'is_on_biz_app', 'is_pin_enabled', 'is_preverified_number',
    'last_onboarded_time', 'messaging_limit_tier', 'name_status', 'new_certificate', 'new_display_name', 'new_name_status',
    'official_business_account', 'platform_type', 'quality_rating', 'quality_score', 'search_visibility', 'status',
    'throughput', 'unified_cert_status', 'username', 'verified_name', 'webhook_configuration',
    'whatsapp_business_manager_messaging_limit',
    // edges, which Graph also serves as fields
    'block_users', 'business_compliance_info', 'call_permissions', 'calls', 'groups', 'message_history', 'message_qrdls',
    'settings', 'whatsapp_business_encryption', 'whatsapp_business_profile', 'whatsapp_commerce_settings',
  ]),
  WhatsAppBusinessAccount: new Set([
    'id', 'name', 'account_review_status', 'analytics', 'audiences', 'auth_international_rate_eligibility',
    'business_verification_status', 'country', 'creation_time', 'currency', 'dcc_config', 'health_status',
    'is_enabled_for_insights', 'is_shared_with_partners', 'link', 'marketing_messages_lite_api_status',
    'marketing_messages_onboarding_status', 'message_template_namespace', 'on_behalf_of_business_info', 'owner_business',
    'owner_business_info', 'ownership_type', 'primary_business_location', 'primary_funding_id', 'purchase_order_number',
    'status', 'timezone_id', 'whatsapp_business_manager_messaging_limit',
    // edges
    'activities', 'assigned_users', 'call_analytics', 'conversation_analytics', 'extensions', 'flows',
    'in_progress_onbehalf_request', 'message_templates', 'phone_numbers', 'pricing_analytics', 'product_catalogs',
    'schedules', 'solutions', 'subscribed_apps', 'template_analytics', 'template_performance_metrics',
  ]),
  WhatsAppBusinessHSM: new Set([
    'id', 'name', 'language', 'status', 'category', 'components', 'parameter_format', 'rejected_reason', 'quality_score',
    'previous_category', 'correct_category', 'sub_category', 'library_template_name', 'message_send_ttl_seconds',
    'cta_url_link_tracking_opted_out', 'last_updated_time',
  ]),
  WhatsAppBusinessProfile: new Set([
    'id', 'about', 'account_name', 'address', 'description', 'email', 'messaging_product', 'profile_picture_handle',
    'profile_picture_url', 'vertical', 'websites',
  ]),
};

// The fields whose items are nodes of another type: their nested selections are checked against that type.
const NESTED: Partial<Record<NodeType, Record<string, NodeType>>> = {
  WhatsAppBusinessPhoneNumber: { whatsapp_business_profile: 'WhatsAppBusinessProfile' },
  WhatsAppBusinessAccount: { phone_numbers: 'WhatsAppBusinessPhoneNumber', message_templates: 'WhatsAppBusinessHSM' },
};

/** The first selected field (at any depth that is a known node type) the node does not have, with that node's type. */
function firstUnknown(sel: FieldSel[], node: NodeType): { field: string; node: NodeType } | undefined {
  for (const s of sel) {
    if (!FIELDS[node].has(s.name)) return { field: s.name, node };
    const inner = s.sub && NESTED[node]?.[s.name];
    const bad = inner ? firstUnknown(s.sub!, inner) : undefined;
    if (bad) return bad;
  }
  return undefined;
}

/** Graph's answer to a `fields=` list that does not parse (code 2500) or names a field its node type does not have (100), or undefined. */
export function nonexistingField(fields: string | null, node: NodeType): SandboxError | undefined {
  if (!fields) return undefined;
  const parsed = parseFields(fields);
  if (!Array.isArray(parsed)) return graphError(2500, undefined, 400, { message: parsed.syntax });
  const bad = firstUnknown(parsed, node);
  if (bad === undefined) return undefined;
  return graphError(100, undefined, 400, { message: `(#100) Tried accessing nonexisting field (${bad.field}) on node type (${bad.node})` });
}
