/** Response shapes of the Graph API endpoints wa-ops uses. */
import type { TemplateComponent } from '../../core/lint/types.js';

/** The API's answer to a message send. */
export interface SendResponse {
  messaging_product: 'whatsapp';
  contacts: { input: string; wa_id: string }[];
  messages: { id: string; message_status?: 'accepted' | 'held_for_quality_assessment' | 'paused' }[];
}

/** One entity of health_status (the app, the business, the WABA, the number). */
export interface HealthEntity {
  entity_type: string;
  id: string;
  can_send_message: 'AVAILABLE' | 'LIMITED' | 'BLOCKED';
  errors?: { error_code: number; error_description: string; possible_solution: string }[];
  additional_info?: string[];
}

/** A phone number's fields as the API returns them. */
export interface PhoneNumber {
  id: string;
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN' | 'NA';
  throughput?: { level: string };
  whatsapp_business_manager_messaging_limit?: string;
  messaging_limit_tier?: string;
  health_status?: { can_send_message: HealthEntity['can_send_message']; entities: HealthEntity[] };
  status?: string;
  code_verification_status?: string;
  name_status?: string;
  platform_type?: string;
}

/** An app subscribed to the WABA's webhooks. */
export interface SubscribedApp {
  whatsapp_business_api_data: { id: string; link?: string; name?: string };
  override_callback_uri?: string;
}

/** A message template as the API lists it. */
export interface TemplateRecord {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameter_format?: string;
  components: TemplateComponent[];
  quality_score?: { score: string; date?: number };
  rejected_reason?: string;
  /** When the template last changed (ISO 8601), where the API reports it. */
  last_updated_time?: string;
}

/** What debug_token returns about a token. */
export interface DebugTokenData {
  app_id: string;
  application?: string;
  type: string;
  is_valid: boolean;
  expires_at: number;
  data_access_expires_at?: number;
  scopes: string[];
  granular_scopes?: { scope: string; target_ids?: string[] }[];
  user_id?: string;
  error?: { code: number; message: string };
}
