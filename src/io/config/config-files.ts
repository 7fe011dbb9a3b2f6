/** Reading the config file (wa-ops.config.json) and .env: one bounded read each, errors naming the file. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { configProblem } from '../../core/config-keys.js';
import { InputError } from '../../core/errors.js';
import { isObject } from '../../core/is-object.js';
import { parseJsonText } from '../../core/json-text.js';
import { dotenvProblems } from '../../core/dotenv-lines.js';
import { readBytes, readTextFile } from '../read-text-file.js';
import { dotenvText } from '../../core/dotenv-text.js';
import { ENV_NAMES, type ConfigFile } from './settings.js';

/** A config or .env file larger than this is not one (a mistake, or /dev/zero). */
const MAX_CONFIG_BYTES = 1024 * 1024;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The config file (the given path, else ./wa-ops.config.json if present); `validate` checks its keys. */
export function readConfigFile(explicit: string | undefined, cwd: string, validate = true): ConfigFile | undefined {
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
  const data = parsed.value;
  if (!isObject(data)) {
    throw new InputError(`${path}: a config file must hold one JSON object`, { code: 'bad-config', hint: 'write it as {"phoneNumberId": "...", "wabaId": "..."} (the README lists every key)' });
  }
  const problem = validate ? configProblem(data) : undefined;
  if (problem) {
    throw new InputError(`${path}: ${problem.message}`, {
      code: 'bad-config',
      hint: `fix "${problem.key}" in the config file (the README's configuration table lists every key)`,
    });
  }
  return { path, data, mode };
}

/** The KEY=value pairs of ./.env, or none. */
export function readDotEnv(cwd: string, checked = true): NodeJS.Dict<string> {
  const path = resolve(cwd, '.env');
  // A folder named .env is a Python virtualenv, not ours; a FIFO or a device there is refused, not waited on.
  if (isDirectory(path)) return {};
  const bytes = readBytes(path, { what: '.env file', maxBytes: MAX_CONFIG_BYTES, code: 'bad-config', hint: 'remove it or replace it with a KEY=value file', missingOk: true });
  if (bytes === undefined) return {};
  const text = dotenvText(bytes);
  if (checked) checkDotEnv(path, text);
  return parseEnv(text);
}

/** Variables .env may set, and those read from the environment only. */
const DOTENV_NAMES = [...Object.values(ENV_NAMES), 'WA_OPS_SUPPRESSIONS'];
const ENV_ONLY = ['WA_OPS_ALLOW_INSECURE_GRAPH_URL', 'WA_OPS_ALLOW_INTERNAL_MEDIA'];

/** A broken or misspelt WA_OPS_ line stops the command naming the file and line (exit 2), instead of leaving a setting silently unset. */
export function checkDotEnv(path: string, text: string): void {
  const p = dotenvProblems(text, DOTENV_NAMES, ENV_ONLY)[0];
  if (p) throw new InputError(`${path}:${p.line}: ${p.message}`, { code: 'bad-config', hint: p.hint });
}
