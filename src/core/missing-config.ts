/** The error for a setting a command cannot run without, with a hint saying where it comes from and where to put it. */
import { UsageError } from './errors.js';

/** Where each required setting is found in Meta's screens, and its environment variable. */
const SETTINGS = {
  token: { env: 'WA_OPS_TOKEN', from: 'a system-user token: Business Settings > Users > System users > Generate token', init: true },
  phoneNumberId: { env: 'WA_OPS_PHONE_NUMBER_ID', from: 'the sender\'s id: WhatsApp Manager > Phone numbers', init: true },
  wabaId: { env: 'WA_OPS_WABA_ID', from: 'the WhatsApp Business Account id: WhatsApp Manager > Account tools', init: true },
  appSecret: { env: 'WA_OPS_APP_SECRET', from: 'the app secret: App dashboard > App settings > Basic', init: false },
} as const;

/** A required setting that is not set: exit 2, code missing-config, the message as given and a hint on how to set it. */
export function missingConfig(key: keyof typeof SETTINGS, message: string): UsageError {
  const s = SETTINGS[key];
  const how = s.init ? `put ${s.env}=... in .env, or run wa-ops init` : `put ${s.env}=... in .env`;
  return new UsageError(message, { code: 'missing-config', hint: `${how} (${s.from}); wa-ops doctor --offline shows what is set` });
}
