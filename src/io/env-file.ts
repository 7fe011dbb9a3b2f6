/** Write wa-ops's secrets into ./.env: merged into what is there (other keys kept), mode 0600, replaced atomically. */
import { statSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { mergeEnv, type EnvMerge } from '../core/dotenv-merge.js';
import { checkDotEnv } from './config/config-files.js';
import { writeOutputFile } from './output-file.js';
import { readBytes } from './read-text-file.js';
import { dotenvText } from '../core/dotenv-text.js';

const HEADER = '# wa-ops secrets: keep this file out of version control';

/** What the .env file holds now (undefined: there is none) and what it will hold; a folder, device or unreadable file is refused (exit 2). */
export function planEnvFile(path: string, values: Record<string, string>): { before: string | undefined; merged: EnvMerge } {
  // A folder named .env is usually a Python virtualenv: never ours to replace.
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError(`${path} is a folder (a Python virtualenv?), not a .env file; nothing was written`, { code: 'not-a-file', hint: 'rename that folder, or skip init and set WA_OPS_TOKEN and the ids in the environment' });
  }
  // Decoded as it is read for settings (a BOM, UTF-16 from PowerShell): merged and written back as UTF-8.
  const bytes = readBytes(path, { what: '.env file', maxBytes: 1024 * 1024, code: 'unreadable-file', hint: 'fix its permissions, or move it away', missingOk: true });
  const before = bytes === undefined ? undefined : dotenvText(bytes);
  // A broken WA_OPS_ line would stay beside the new one and stop every later command: said before anything is asked.
  if (before !== undefined) checkDotEnv(path, before);
  return { before, merged: mergeEnv(before, values, HEADER) };
}

/** Merge `values` into the .env file at `path`; returns what changed. */
export function writeEnvFile(path: string, values: Record<string, string>): EnvMerge {
  const { merged } = planEnvFile(path, values);
  // The one safe writer (random exclusive temporary, no symlink followed, 0600, renamed into place), without
  // redaction: this file is where the secrets are meant to be.
  writeOutputFile(path, merged.text, { raw: true });
  return merged;
}
