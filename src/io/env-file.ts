/** Write wa-ops's secrets into ./.env: merged into what is there (other keys kept), mode 0600, replaced atomically. */
import { mergeEnv, type EnvMerge } from '../core/dotenv-merge.js';
import { writeOutputFile } from './output-file.js';
import { readTextFile } from './read-text-file.js';

const HEADER = '# wa-ops secrets: keep this file out of version control';

/** Merge `values` into the .env file at `path`; returns what changed. */
export function writeEnvFile(path: string, values: Record<string, string>): EnvMerge {
  const current = readTextFile(path, { what: '.env file', maxBytes: 1024 * 1024, code: 'unreadable-file', hint: 'fix its permissions, or move it away', missingOk: true });
  const merged = mergeEnv(current, values, HEADER);
  // The one safe writer (random exclusive temporary, no symlink followed, 0600, renamed into place), without
  // redaction: this file is where the secrets are meant to be.
  writeOutputFile(path, merged.text, { raw: true });
  return merged;
}
