/** Configuration: flag > environment > .env in the working directory > config file > default (CONTRACT §2). */
import { InputError, UsageError } from '../core/errors.js';
import { registerSecrets } from '../core/redact.js';
import { graphUrlProblem } from '../core/url-policy.js';
import { readConfigFile, readDotEnv } from './config/config-files.js';
import { secretsOf } from './config/secrets.js';
import { DEFAULTS, ENV_NAMES, SECRET_KEYS, SECRET_LABELS, where, type ConfigFile, type LoadedConfig, type SettingKey, type Settings, type Source } from './config/settings.js';

/** The defaults looked up by any setting's key (most have none). */
const DEFAULT_OF: Partial<Record<SettingKey, string>> = DEFAULTS;

export { bootstrapSecrets, maskSecret } from './config/secrets.js';
export { ENV_NAMES, SECRET_KEYS } from './config/settings.js';
export type { ConfigFile, LoadedConfig, SettingKey, Settings, Source } from './config/settings.js';

/** What loadConfig reads besides the environment and the working directory's files. */
export interface LoadOptions {
  flags?: Partial<Settings>;
  configPath?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Allow a plain http:// Graph URL to another host (default: WA_OPS_ALLOW_INSECURE_GRAPH_URL=1). */
  allowInsecureGraphUrl?: boolean;
}

/** Resolve every setting and remember where each came from (doctor reports it). */
export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const file = readConfigFile(opts.configPath, cwd);
  const dotenv = readDotEnv(cwd);
  rejectEmptyStore(opts.flags?.store);
  const { settings, sources } = resolveSettings(opts.flags, env, dotenv, file);
  registerSecrets(secretsOf(settings));
  checkSettings(settings, sources, file, opts.allowInsecureGraphUrl ?? env.WA_OPS_ALLOW_INSECURE_GRAPH_URL === '1');
  return { settings, sources, file };
}

/**
 * `--store ""` (a printed resume command's --store "$WA_OPS_STORE" with the variable unset) must never fall back to
 * local files: that would be another store, and a campaign sent from it again.
 */
function rejectEmptyStore(store: string | undefined): void {
  if (store !== undefined && !String(store).trim()) {
    throw new UsageError('--store is empty (is WA_OPS_STORE set? a printed resume command reads the store URL from it)', {
      code: 'bad-store',
      hint: 'export WA_OPS_STORE=postgres://USER@HOST:5432/DB (the password in it or in PGPASSWORD), then run the same command; leave --store out to use local files',
    });
  }
}

/** Each setting from the first source that has it, in precedence order. */
function resolveSettings(flags: Partial<Settings> | undefined, env: NodeJS.ProcessEnv, dotenv: NodeJS.Dict<string>, file: ConfigFile | undefined): Pick<LoadedConfig, 'settings' | 'sources'> {
  const found: Partial<Record<SettingKey, string>> = {};
  const sources: Partial<Record<SettingKey, Source>> = {};
  for (const key of Object.keys(ENV_NAMES) as SettingKey[]) {
    const candidates: [Source, unknown][] = [
      ['flag', flags?.[key]],
      ['env', env[ENV_NAMES[key]]],
      ['.env', dotenv[ENV_NAMES[key]]],
      ['config', file?.data[key]],
      ['default', DEFAULT_OF[key]],
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
  return { settings, sources };
}

/** Refuse settings that cannot work: a secret with a line break, a Graph URL the policy forbids, a malformed API version. */
function checkSettings(settings: Settings, sources: Partial<Record<SettingKey, Source>>, file: ConfigFile | undefined, allowInsecure: boolean): void {
  for (const key of SECRET_KEYS) {
    if (settings[key] !== undefined && /[\r\n]/.test(settings[key])) {
      throw new InputError(`the ${SECRET_LABELS[key]} (from ${where(key, sources, file)}) holds a line break; a secret must be one line`, {
        code: 'bad-config',
        hint: 'paste the value again without the line break',
      });
    }
  }
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
}
