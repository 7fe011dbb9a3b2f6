/** Configuration: flag > environment > .env in the working directory > config file > default (CONTRACT §2). */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { InputError } from '../core/errors.js';
import { parseJsonText } from '../core/json-text.js';

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

export type SettingKey = keyof Settings;
export type Source = 'flag' | 'env' | '.env' | 'config' | 'default';

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

export const SECRET_KEYS: readonly SettingKey[] = ['token', 'appSecret', 'verifyToken'];

const DEFAULTS: Pick<Settings, 'graphUrl' | 'apiVersion' | 'events'> = {
  graphUrl: 'https://graph.facebook.com',
  apiVersion: 'v23.0',
  events: 'webhook-events.jsonl',
};

export interface LoadedConfig {
  settings: Settings;
  sources: Partial<Record<SettingKey, Source>>;
  /** The config file that was read, if any, with its raw content (for sections such as `lint`). */
  file?: { path: string; data: Record<string, unknown>; mode: number };
}

export interface LoadOptions {
  flags?: Partial<Settings>;
  configPath?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Resolve every setting and remember where each came from (doctor reports it). */
export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const file = readConfigFile(opts.configPath, cwd);
  const dotenv = readDotEnv(cwd);
  const settings: Record<string, string> = {};
  const sources: Partial<Record<SettingKey, Source>> = {};
  for (const key of Object.keys(ENV_NAMES) as SettingKey[]) {
    const candidates: [Source, unknown][] = [
      ['flag', opts.flags?.[key]],
      ['env', env[ENV_NAMES[key]]],
      ['.env', dotenv[ENV_NAMES[key]]],
      ['config', file?.data[key]],
      ['default', (DEFAULTS as Record<string, string>)[key]],
    ];
    for (const [source, value] of candidates) {
      if (value === undefined || value === null || value === '') continue;
      settings[key] = String(value);
      sources[key] = source;
      break;
    }
  }
  settings.graphUrl = settings.graphUrl.replace(/\/+$/, '');
  if (!/^v\d+\.\d+$/.test(settings.apiVersion)) {
    throw new InputError(`API version "${settings.apiVersion}" (from ${sources.apiVersion}) is not of the form v23.0`, {
      code: 'bad-config',
      hint: `set ${ENV_NAMES.apiVersion}=v23.0 or "apiVersion" in the config file`,
    });
  }
  return { settings: settings as unknown as Settings, sources, file };
}

function readConfigFile(explicit: string | undefined, cwd: string): LoadedConfig['file'] {
  const path = resolve(cwd, explicit ?? 'wa-ops.config.json');
  let text: string;
  let mode = 0;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (explicit === undefined && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`, {
      code: 'bad-config',
      hint: 'check the --config path',
    });
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column, reason } = parsed.problem;
    throw new InputError(`${path}:${line}:${column}: invalid JSON: ${reason}`, {
      code: 'bad-config',
      hint: 'fix the config file or pass another with --config',
    });
  }
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw new InputError(`${path}: a config file must hold one JSON object`, { code: 'bad-config' });
  }
  return { path, data: parsed.value as Record<string, unknown>, mode };
}

function readDotEnv(cwd: string): Record<string, string> {
  try {
    return parseEnv(readFileSync(resolve(cwd, '.env'), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Show a secret as its last 4 characters at most. */
export function maskSecret(value: string | undefined): string {
  if (!value) return '(not set)';
  return value.length <= 8 ? '****' : `****${value.slice(-4)}`;
}
