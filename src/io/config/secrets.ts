/** Secrets of the configuration: registered with the redactor before anything can print them, and masked for display. */
import { registerSecrets, urlPasswords } from '../../core/redact.js';
import { readConfigFile, readDotEnv } from './config-files.js';
import { ENV_NAMES, type SettingKey } from './settings.js';

/** The values the redactor must hide: secrets, the app token, a store URL's password. */
export function secretsOf(s: Partial<Record<SettingKey, string>>): (string | undefined)[] {
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
  // A --store URL is shown (without its password) in messages and printed commands: only its password is secret.
  const secretOf = (flag: string, value: string | undefined) => (flag === '--store' ? urlPasswords(value) : [value, ...urlPasswords(value)]);
  argv.forEach((a, i) => {
    const eq = a.indexOf('=');
    if (eq > 0 && flagged.has(a.slice(0, eq))) values.push(...secretOf(a.slice(0, eq), a.slice(eq + 1)));
    else if (flagged.has(a)) values.push(...secretOf(a, argv[i + 1]));
  });
  const configAt = argv.indexOf('--config');
  let dotenv: NodeJS.Dict<string> = {};
  try {
    // Unchecked: a broken line is reported by the command that loads the configuration.
    dotenv = readDotEnv(cwd, false);
  } catch {
    // reported by the command
  }
  const sources: Record<string, unknown>[] = [env, dotenv];
  try {
    const file = readConfigFile(configAt >= 0 ? argv[configAt + 1] : undefined, cwd, false);
    if (file) sources.push(Object.fromEntries(Object.entries(ENV_NAMES).map(([k, name]) => [name, file.data[k]])));
  } catch {
    // reported by the command
  }
  for (const src of sources) {
    const get = (k: SettingKey) => {
      const v = src[ENV_NAMES[k]];
      return typeof v === 'string' ? v : undefined;
    };
    values.push(...secretsOf({ token: get('token'), appSecret: get('appSecret'), verifyToken: get('verifyToken'), appId: get('appId'), store: get('store') }));
  }
  // libpq's own password variable, used by the PostgreSQL store when the URL carries none.
  values.push(env.PGPASSWORD);
  registerSecrets(values);
}

export { maskSecret } from '../../core/mask-secret.js';
