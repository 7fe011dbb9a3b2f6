/** Write pulled templates as files, one per name and language, never overwriting a file wa-ops did not write. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { errnoCode } from '../../core/caught.js';
import { errnoText } from '../../core/environment-errors.js';
import { InputError } from '../../core/errors.js';
import { templateFileName, toTemplateFile } from '../../core/templates/normalise.js';
import type { TemplateRecord } from '../graph/types.js';
import { writeOutputFile } from '../output-file.js';
import { readTextFile } from '../read-text-file.js';
import { MAX_TEMPLATE_FILE_BYTES } from '../templates.js';

/** Remembers which files wa-ops wrote and their content hash, to tell them from the user's own or edited ones. */
export const MANIFEST = '.wa-ops-templates';

/** What pull did with one template file. */
export type PullOutcome = 'created' | 'updated' | 'unchanged' | 'kept';

/** One template pulled: its file and what was done with it. */
export interface PullResult {
  file: string;
  template: string;
  language: string;
  outcome: PullOutcome;
  /** Why a file was kept as it is. */
  reason?: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** mkdir -p one level at a time: Node's recursive mkdirSync never returns for a path under /proc (it retries ENOENT forever). */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d);
}

/** Write every template into `dir` (created if needed). Files are 0644: templates are not secret and belong in git. */
export function pullTemplates(dir: string, records: readonly TemplateRecord[], force: boolean): PullResult[] {
  try {
    makeFolders(dir);
  } catch (err) {
    const code = errnoCode(err);
    throw new InputError(code === 'EEXIST' || code === 'ENOTDIR' ? `--out ${dir} is a file, not a folder` : `--out ${dir}: the folder cannot be created (${errnoText(code)})`, { code: 'unwritable-output', hint: 'pass a folder with --out (default: templates)' });
  }
  if (!statSync(dir).isDirectory()) throw new InputError(`--out ${dir} is a file, not a folder`, { code: 'not-a-folder' });
  const manifest = readManifest(dir);
  const results: PullResult[] = [];
  for (const r of records) {
    // A name or language the API could never have made is not turned into a file name (nor a path).
    if (!isTemplateName(r.name) || !isLanguage(r.language)) {
      results.push({ file: '', template: String(r.name).slice(0, 80), language: String(r.language).slice(0, 20), outcome: 'kept', reason: 'not a valid template name or language: not written' });
      continue;
    }
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

/** Meta's template names: lowercase letters, digits and underscores, at most 512 characters. */
function isTemplateName(name: unknown): name is string {
  return typeof name === 'string' && /^[a-z0-9_]{1,512}$/.test(name);
}

function isLanguage(language: unknown): language is string {
  return typeof language === 'string' && /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(language);
}

function readIfExists(path: string): string | undefined {
  return readTextFile(path, { what: 'template file', maxBytes: MAX_TEMPLATE_FILE_BYTES, code: 'unreadable-file', hint: 'move it out of the --out folder', missingOk: true });
}

/** Through the one safe writer: a random temporary name, created exclusively without following symlinks, renamed into place. */
function writeAtomic(path: string, text: string, mode: number): void {
  writeOutputFile(path, text, { mode });
}
