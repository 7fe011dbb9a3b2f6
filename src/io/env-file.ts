/** Write wa-ops's secrets into ./.env: merged into what is there (other keys kept), mode 0600, replaced atomically. */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { mergeEnv, type EnvMerge } from '../core/dotenv-merge.js';

const HEADER = '# wa-ops secrets: keep this file out of version control';

/** Merge `values` into the .env file at `path`; returns what changed. */
export function writeEnvFile(path: string, values: Record<string, string>): EnvMerge {
  let current: string | undefined;
  if (existsSync(path)) {
    try {
      current = readFileSync(path, 'utf8');
    } catch (err) {
      throw new InputError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code})`, { code: 'unreadable-file', hint: 'fix its permissions, or move it away' });
    }
  }
  const merged = mergeEnv(current, values, HEADER);
  const tmp = `${path}.wa-ops-${process.pid}.tmp`;
  writeFileSync(tmp, merged.text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return merged;
}
