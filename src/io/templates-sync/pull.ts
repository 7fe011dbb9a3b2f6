/** Write pulled templates as files, one per name and language, never overwriting a file wa-ops did not write. */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { errnoText } from '../../core/environment-errors.js';
import { InputError } from '../../core/errors.js';
import { templateFileName, toTemplateFile } from '../../core/templates/normalise.js';
import type { TemplateRecord } from '../graph/types.js';

/** Remembers which files wa-ops wrote and their content hash, to tell them from the user's own or edited ones. */
export const MANIFEST = '.wa-ops-templates';

export type PullOutcome = 'created' | 'updated' | 'unchanged' | 'kept';

export interface PullResult {
  file: string;
  template: string;
  language: string;
  outcome: PullOutcome;
  /** Why a file was kept as it is. */
  reason?: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Write every template into `dir` (created if needed). Files are 0644: templates are not secret and belong in git. */
export function pullTemplates(dir: string, records: readonly TemplateRecord[], force: boolean): PullResult[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'EEXIST' || code === 'ENOTDIR' ? `--out ${dir} is a file, not a folder` : `--out ${dir}: the folder cannot be created (${errnoText(code)})`, { code: 'unwritable-output', hint: 'pass a folder with --out (default: templates)' });
  }
  if (!statSync(dir).isDirectory()) throw new InputError(`--out ${dir} is a file, not a folder`, { code: 'not-a-folder' });
  const manifest = readManifest(dir);
  const results: PullResult[] = [];
  for (const r of records) {
    const name = templateFileName(r.name, r.language);
    const path = join(dir, name);
    const text = JSON.stringify(toTemplateFile(r), null, 2) + '\n';
    const current = readIfExists(path);
    const base = { file: path, template: r.name, language: r.language };
    if (current === text) {
      manifest[name] = sha(text);
      results.push({ ...base, outcome: 'unchanged' });
      continue;
    }
    if (current !== undefined && !force) {
      const ours = manifest[name];
      if (ours === undefined) {
        results.push({ ...base, outcome: 'kept', reason: 'not written by wa-ops (pass --force to overwrite it)' });
        continue;
      }
      if (ours !== sha(current)) {
        results.push({ ...base, outcome: 'kept', reason: 'edited since the last pull (push it, or pass --force to overwrite it)' });
        continue;
      }
    }
    writeAtomic(path, text, 0o644);
    manifest[name] = sha(text);
    results.push({ ...base, outcome: current === undefined ? 'created' : 'updated' });
  }
  writeAtomic(join(dir, MANIFEST), JSON.stringify({ note: 'files written by wa-ops templates pull, with their SHA-256; keep it to let pull update them', files: manifest }, null, 2) + '\n', 0o644);
  return results;
}

function readManifest(dir: string): Record<string, string> {
  const text = readIfExists(join(dir, MANIFEST));
  if (text === undefined) return {};
  try {
    const files = (JSON.parse(text) as { files?: Record<string, string> }).files;
    return files && typeof files === 'object' ? { ...files } : {};
  } catch {
    return {}; // a damaged manifest only makes pull more careful: nothing counts as ours
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code})`, { code: 'unreadable-file' });
  }
}

/** Write to a temporary name, fsync, rename: a reader never sees half a file. */
function writeAtomic(path: string, text: string, mode: number): void {
  const temp = `${path}.partial-${process.pid}`;
  let fd: number;
  try {
    fd = openSync(temp, 'w', mode);
  } catch (err) {
    throw new InputError(`cannot write ${path}: ${errnoText((err as NodeJS.ErrnoException).code)}`, { code: 'unwritable-output', hint: 'check that the --out folder is writable' });
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
