/** The settings wa-ops resolves, their environment names and defaults, and how to name where each came from. */

/** Every setting after resolution; the three with defaults always hold a value. */
export interface Settings {
  token?: string;
  phoneNumberId?: string;
  wabaId?: string;
  appId?: string;
  appSecret?: string;
  verifyToken?: string;
  webhookUrl?: string;
  graphUrl: string;
  apiVersion: string;
  /** The webhook events file shared by serve, send, status and analyze. */
  events: string;
  /** Where campaigns and events live: a postgres:// URL, or unset for local files. */
  store?: string;
}

/** The name of one setting. */
export type SettingKey = keyof Settings;
/** Where a setting's value came from, highest precedence first. */
export type Source = 'flag' | 'env' | '.env' | 'config' | 'default';

/** Each setting's environment variable (also its key in .env). */
export const ENV_NAMES: Record<SettingKey, string> = {
  token: 'WA_OPS_TOKEN',
  phoneNumberId: 'WA_OPS_PHONE_NUMBER_ID',
  wabaId: 'WA_OPS_WABA_ID',
  appId: 'WA_OPS_APP_ID',
  appSecret: 'WA_OPS_APP_SECRET',
  verifyToken: 'WA_OPS_VERIFY_TOKEN',
  webhookUrl: 'WA_OPS_WEBHOOK_URL',
  graphUrl: 'WA_OPS_GRAPH_URL',
  apiVersion: 'WA_OPS_API_VERSION',
  events: 'WA_OPS_EVENTS',
  store: 'WA_OPS_STORE',
};

/** The settings that are secrets: never printed, registered with the redactor. */
export const SECRET_KEYS: readonly SettingKey[] = ['token', 'appSecret', 'verifyToken'];

/** The secrets in the words an error message uses. */
export const SECRET_LABELS: Partial<Record<SettingKey, string>> = { token: 'access token', appSecret: 'app secret', verifyToken: 'verify token' };

/** The settings that have a default. */
export const DEFAULTS: Pick<Settings, 'graphUrl' | 'apiVersion' | 'events'> = {
  graphUrl: 'https://graph.facebook.com',
  apiVersion: 'v23.0',
  events: 'webhook-events.jsonl',
};

/** The config file that was read: its path, its raw content (for sections such as `lint`) and its file mode. */
export interface ConfigFile {
  path: string;
  data: Record<string, unknown>;
  mode: number;
}

/** Every setting resolved, and where each came from (doctor reports it). */
export interface LoadedConfig {
  settings: Settings;
  sources: Partial<Record<SettingKey, Source>>;
  /** The config file that was read, if any, with its raw content (for sections such as `lint`). */
  file?: ConfigFile;
}

/** Where a setting came from, in the words a user would look for it. */
export function where(key: SettingKey, sources: Partial<Record<SettingKey, Source>>, file: LoadedConfig['file']): string {
  switch (sources[key]) {
    case 'flag':
      return `the --${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} flag`;
    case 'env':
      return ENV_NAMES[key];
    case '.env':
      return `${ENV_NAMES[key]} in .env`;
    case 'config':
      return `"${key}" in ${file?.path}`;
    default:
      return `the default ${key}`;
  }
}
