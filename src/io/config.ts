/** Configuration: flag > environment > .env in the working directory > config file > default (CONTRACT §2). */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { configProblem } from '../core/config-keys.js';
import { InputError, UsageError } from '../core/errors.js';
import { parseJsonText } from '../core/json-text.js';
import { registerSecrets, urlPasswords } from '../core/redact.js';
import { graphUrlProblem } from '../core/url-policy.js';
import { readTextFile } from './read-text-file.js';

/** A config or .env file larger than this is not one (a mistake, or /dev/zero). */
const MAX_CONFIG_BYTES = 1024 * 1024;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

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
const SECRET_LABELS: Partial<Record<SettingKey, string>> = { token: 'access token', appSecret: 'app secret', verifyToken: 'verify token' };

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
  /** Allow a plain http:// Graph URL to another host (default: WA_OPS_ALLOW_INSECURE_GRAPH_URL=1). */
  allowInsecureGraphUrl?: boolean;
}

/** Where a setting came from, in the words a user would look for it. */
function where(key: SettingKey, sources: Partial<Record<SettingKey, Source>>, file: LoadedConfig['file']): string {
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

/** The values the redactor must hide: secrets, the app token, a store URL's password. */
function secretsOf(s: Partial<Record<SettingKey, string>>): (string | undefined)[] {
  return [s.token, s.appSecret, s.verifyToken, s.appId && s.appSecret ? `${s.appId}|${s.appSecret}` : undefined, ...urlPasswords(s.store)];
}

/**
 * Register every secret wa-ops can see before a command runs, from every source and not only the
 * one that wins (flags in argv, the environment, .env, the config file). Never throws: a broken
 * config is reported later by the command that loads it.
 */
export function bootstrapSecrets(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): void {
  const values: (string | undefined)[] = [];
  const flagged = new Set(['--token', '--app-secret', '--verify-token', '--store']);
  argv.forEach((a, i) => {
    const eq = a.indexOf('=');
    if (eq > 0 && flagged.has(a.slice(0, eq))) values.push(a.slice(eq + 1), ...urlPasswords(a.slice(eq + 1)));
    else if (flagged.has(a)) values.push(argv[i + 1], ...urlPasswords(argv[i + 1]));
  });
  const configAt = argv.indexOf('--config');
  const sources: Record<string, unknown>[] = [env, readDotEnv(cwd)];
  try {
    const file = readConfigFile(configAt >= 0 ? argv[configAt + 1] : undefined, cwd, false);
    if (file) sources.push(Object.fromEntries(Object.entries(ENV_NAMES).map(([k, name]) => [name, file.data[k]])));
  } catch {
    // reported by the command
  }
  for (const src of sources) {
    const get = (k: SettingKey) => (typeof src[ENV_NAMES[k]] === 'string' ? (src[ENV_NAMES[k]] as string) : undefined);
    values.push(...secretsOf({ token: get('token'), appSecret: get('appSecret'), verifyToken: get('verifyToken'), appId: get('appId'), store: get('store') }));
  }
  // libpq's own password variable, used by the PostgreSQL store when the URL carries none.
  values.push(env.PGPASSWORD);
  registerSecrets(values);
}

/** Resolve every setting and remember where each came from (doctor reports it). */
export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const file = readConfigFile(opts.configPath, cwd);
  const dotenv = readDotEnv(cwd);
  // `--store ""` (a printed resume command's --store "$WA_OPS_STORE" with the variable unset) must never fall back to
  // local files: that would be another store, and a campaign sent from it again.
  if (opts.flags?.store !== undefined && !String(opts.flags.store).trim()) {
    throw new UsageError('--store is empty (is WA_OPS_STORE set? a printed resume command reads the store URL from it)', {
      code: 'bad-store',
      hint: 'export WA_OPS_STORE=postgres://USER@HOST:5432/DB (the password in it or in PGPASSWORD), then run the same command; leave --store out to use local files',
    });
  }
  const found: Partial<Record<SettingKey, string>> = {};
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
      found[key] = String(value);
      sources[key] = source;
      break;
    }
  }
  // Three settings always have a value (their defaults); the rest may be missing.
  const settings: Settings = { ...found, graphUrl: (found.graphUrl ?? DEFAULTS.graphUrl).replace(/\/+$/, ''), apiVersion: found.apiVersion ?? DEFAULTS.apiVersion, events: found.events ?? DEFAULTS.events };
  registerSecrets(secretsOf(settings));
  for (const key of SECRET_KEYS) {
    if (settings[key] !== undefined && /[\r\n]/.test(settings[key])) {
      throw new InputError(`the ${SECRET_LABELS[key]} (from ${where(key, sources, file)}) holds a line break; a secret must be one line`, {
        code: 'bad-config',
        hint: 'paste the value again without the line break',
      });
    }
  }
  const allowInsecure = opts.allowInsecureGraphUrl ?? env.WA_OPS_ALLOW_INSECURE_GRAPH_URL === '1';
  const graphProblem = graphUrlProblem(settings.graphUrl, allowInsecure);
  if (graphProblem) {
    throw new InputError(`${where('graphUrl', sources, file)}: ${graphProblem}`, {
      code: 'bad-graph-url',
      hint: `set ${ENV_NAMES.graphUrl} or "graphUrl" in the config file to an https:// URL (http:// only to this machine)`,
    });
  }
  if (!/^v\d+\.\d+$/.test(settings.apiVersion)) {
    throw new InputError(`API version "${settings.apiVersion}" (from ${sources.apiVersion}) is not of the form v23.0`, {
      code: 'bad-config',
      hint: `set ${ENV_NAMES.apiVersion}=v23.0 or "apiVersion" in the config file`,
    });
  }
  return { settings, sources, file };
}

function readConfigFile(explicit: string | undefined, cwd: string, validate = true): LoadedConfig['file'] {
  const path = resolve(cwd, explicit ?? 'wa-ops.config.json');
  // A FIFO or /dev/zero named as the config must neither hang nor exhaust wa-ops: one bounded, checked read.
  const text = readTextFile(path, { what: 'config file', maxBytes: MAX_CONFIG_BYTES, code: 'bad-config', hint: 'check the --config path', missingOk: explicit === undefined });
  if (text === undefined) return undefined;
  let mode = 0;
  try {
    mode = statSync(path).mode;
  } catch {
    mode = 0;
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
    throw new InputError(`${path}: a config file must hold one JSON object`, { code: 'bad-config', hint: 'write it as {"phoneNumberId": "...", "wabaId": "..."} (the README lists every key)' });
  }
  const data = parsed.value as Record<string, unknown>;
  const problem = validate ? configProblem(data) : undefined;
  if (problem) {
    throw new InputError(`${path}: ${problem.message}`, {
      code: 'bad-config',
      hint: `fix "${problem.key}" in the config file (the README's configuration table lists every key)`,
    });
  }
  return { path, data, mode };
}

function readDotEnv(cwd: string): Record<string, string> {
  const path = resolve(cwd, '.env');
  // A folder named .env is a Python virtualenv, not ours; a FIFO or a device there is refused, not waited on.
  if (isDirectory(path)) return {};
  const text = readTextFile(path, { what: '.env file', maxBytes: MAX_CONFIG_BYTES, code: 'bad-config', hint: 'remove it or replace it with a KEY=value file', missingOk: true });
  return text === undefined ? {} : (parseEnv(text) as Record<string, string>);
}

/** Show a secret as its last 4 characters at most. */
export function maskSecret(value: string | undefined): string {
  if (!value) return '(not set)';
  return value.length <= 8 ? '****' : `****${value.slice(-4)}`;
}
