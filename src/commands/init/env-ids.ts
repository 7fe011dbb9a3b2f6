/** Settings init writes to the config file that an existing .env also sets: .env wins over the config, so they are written there too. */
import { readDotEnv } from '../../io/config/config-files.js';
import { ENV_NAMES } from '../../io/config/settings.js';
import type { Answers } from './answers.js';

const CONFIG_SIDE = ['phoneNumberId', 'wabaId', 'appId', 'graphUrl', 'apiVersion', 'webhookUrl'] as const;

/**
 * The answers for the config-file settings the working directory's .env already holds (an old
 * WA_OPS_PHONE_NUMBER_ID=...): written into .env as well, or every command would keep using the old
 * value over the one just given (precedence: environment > .env > config file).
 */
export function settingsAlsoInDotEnv(cwd: string, a: Answers): Record<string, string> {
  const dotenv = readDotEnv(cwd);
  const out: Record<string, string> = {};
  for (const key of CONFIG_SIDE) {
    const name = ENV_NAMES[key];
    const value = a[key];
    if (dotenv[name] !== undefined && value) out[name] = value;
  }
  return out;
}

/** The settings the process environment sets to another value than init writes: the environment wins, so they are named for unsetting. */
export function settingsOverriddenByEnv(env: NodeJS.ProcessEnv, a: Answers): string[] {
  return CONFIG_SIDE.filter((key) => {
    const value = a[key];
    const set = env[ENV_NAMES[key]];
    return value !== undefined && set !== undefined && set !== '' && set !== value;
  }).map((key) => ENV_NAMES[key]);
}
