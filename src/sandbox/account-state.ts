/** What the account's management endpoints remember: business profile, two-step PIN, settings, blocked users, QR codes, WABA name. */
import type { QrCode } from './routes-qr.js';

/** The sandbox account's own state that the API can change (profile, PIN, settings, blocked users, QR codes). */
export interface AccountState {
  profile: Record<string, unknown>;
  pin?: string;
  settings: Record<string, unknown>;
  /** Blocked users' numbers (digits). */
  blocked: Set<string>;
  qrCodes: Map<string, QrCode>;
  wabaName: string;
  timezoneId: string;
  /** Is the app subscribed to the WABA's webhooks (DELETE subscribed_apps ends it, POST renews it)? */
  subscribed: boolean;
  /** The WABA's override_callback_uri set through POST subscribed_apps (instead of --webhook-url). */
  overrideCallbackUri?: string;
  /** Was it verified by its GET challenge (loopback only)? Only then do the webhooks go there. */
  overrideVerified?: boolean;
}

/** A fresh account: a plausible profile, default settings, nobody blocked. */
export function newAccountState(): AccountState {
  return {
    profile: { about: 'Rehearsals for wa-ops', address: '1 Sandbox Street', description: 'The wa-ops sandbox shop', email: 'shop@example.com', profile_picture_url: '', websites: ['https://shop.example.com'], vertical: 'RETAIL' },
    // Every field Meta's description requires of each part, so a strict client can read them.
    settings: {
      calling: { status: 'disabled', call_icon_visibility: 'visible', ip_addresses: { default: [] }, callback_permission_status: 'disabled' },
      payload_encryption: { status: 'disabled' },
      storage_configuration: { status: 'default' },
    },
    blocked: new Set(),
    qrCodes: new Map(),
    wabaName: 'wa-ops Sandbox Shop',
    timezoneId: '1',
    subscribed: true,
  };
}
