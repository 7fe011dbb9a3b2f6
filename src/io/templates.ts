/** Read templates to lint: JSON files (one, an array, or a message_templates response), .txt bodies, folders. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { errnoCode } from '../core/caught.js';
import { dotenvText } from '../core/dotenv-text.js';
import { errnoHint, errnoText } from '../core/environment-errors.js';
import { InputError } from '../core/errors.js';
import { parseJsonText } from '../core/json-text.js';
import { isObject } from '../core/is-object.js';
import { assertTemplate, SHAPE_HINT } from '../core/lint/template-shape.js';
import { readStdinText } from './template-stdin.js';
import type { Template, TemplateSource } from '../core/lint/types.js';

/** Language and category given on the command line, over a template file's own. */
export interface TemplateOverrides {
  language?: string;
  category?: string;
}

/** A template read from a file or --text, with where it came from. */
export interface LoadedTemplate {
  template: Template;
  source: TemplateSource;
}

/** Expand folders into the .json and .txt files they hold (sorted), keep files as given. */
export function expandInputs(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(p);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`${p}: no such file or folder`, { code: 'file-not-found', hint: 'check the path' });
    }
    if (st.isDirectory()) {
      const inner = readdirSync(p, { recursive: true, encoding: 'utf8' })
        .filter((f) => ['.json', '.txt'].includes(extname(f).toLowerCase()))
        .sort()
        .map((f) => join(p, f));
      const files = inner.filter((f) => statSync(f).isFile());
      // A CI step pointed at the wrong folder (or one of .yaml files) must not pass as "0 templates: no problems".
      if (files.length === 0) throw new InputError(`${p} holds no templates (no .json or .txt files in this folder)`, { code: 'no-templates', hint: 'pass the folder that holds the templates (wa-ops templates pull writes them)' });
      out.push(...files);
    } else out.push(p);
  }
  return out;
}

/**
 * Largest template file read: Meta caps a body at 1,024 characters, so even a message_templates export of
 * thousands of templates stays far below this; a bigger file is a mistake (a CSV, a log) and would only cost memory.
 */
export const MAX_TEMPLATE_FILE_BYTES = 5 * 1024 * 1024;

/** Load every template in a file. */
export function loadTemplateFile(file: string, overrides: TemplateOverrides): LoadedTemplate[] {
  // "-" is standard input, read as JSON (a template, a list, or a message_templates response).
  if (file === '-') return fromJson(readStdinText(MAX_TEMPLATE_FILE_BYTES), '<stdin>', overrides);
  let raw: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) {
      const what = st.isFIFO() ? 'a pipe (FIFO)' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
      throw new InputError(`${file}: is ${what}, not a template file`, { code: 'not-a-file', hint: 'pass a .json or .txt file, a folder of them, or --text "<body>"' });
    }
    // Only template files: a list or a .env passed by mistake must not be linted (and echoed) as a body text.
    if (!['.json', '.txt'].includes(extname(file).toLowerCase())) {
      throw new InputError(`${file}: not a template file (a .json template or a .txt body text)`, { code: 'not-a-template', hint: 'pass a .json or .txt file, a folder of them, or --text "<body>"' });
    }
    const size = st.size;
    if (size > MAX_TEMPLATE_FILE_BYTES) {
      throw new InputError(`${file}: ${(size / 1024 / 1024).toFixed(1)} MB is too big for a template file (at most ${MAX_TEMPLATE_FILE_BYTES / 1024 / 1024} MB)`, {
        code: 'file-too-big',
        hint: 'lint the template files themselves; Meta allows 1,024 characters in a body',
      });
    }
    // UTF-16 too: PowerShell's `ConvertTo-Json > templates.json` writes a message_templates export that way.
    raw = dotenvText(readFileSync(file));
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file} ${errnoText(errnoCode(err), 'cannot be read')}`, { code: 'unreadable-file', hint: errnoHint(errnoCode(err)) });
  }
  if (extname(file).toLowerCase() !== '.json') {
    return [fromText(raw.replace(/^\ufeff/, '').replace(/\r\n/g, '\n').replace(/\n$/, ''), file, overrides)];
  }
  return fromJson(raw, file, overrides);
}

/** The templates in a JSON text: one, a list of them, or a message_templates response. */
function fromJson(raw: string, file: string, overrides: TemplateOverrides): LoadedTemplate[] {
  const parsed = parseJsonText(raw);
  if (!parsed.ok) {
    const { line, column, reason } = parsed.problem;
    throw new InputError(`${file}:${line}:${column}: invalid JSON: ${reason}`, { code: 'invalid-json', hint: 'fix the JSON syntax at that position' });
  }
  const value = parsed.value;
  const isData = !Array.isArray(value) && isObject(value) && Array.isArray(value.data);
  const list = Array.isArray(value) ? value : isData ? (value.data as unknown[]) : [value];
  if (list.length === 0) throw new InputError(`${file}: holds no templates`, { code: 'not-a-template', hint: SHAPE_HINT });
  return list.map((item, i) => {
    const where = list.length > 1 || Array.isArray(value) ? `${file} [${i}]` : file;
    // Where this template sits in the file, so findings point at its own text even when another template repeats it.
    const path = Array.isArray(value) ? `[${i}]` : isData ? `.data[${i}]` : '';
    return { template: { ...asTemplate(item, where), ...definedOnly(overrides) }, source: { file, raw, kind: 'json', path } };
  });
}

/** A body text given on the command line. */
export function fromText(text: string, file: string, overrides: TemplateOverrides): LoadedTemplate {
  return {
    template: { language: overrides.language, category: overrides.category, components: [{ type: 'BODY', text }] },
    source: { file, kind: 'text' },
  };
}

function asTemplate(item: unknown, where: string): Template {
  assertTemplate(item, where);
  return item;
}

/** The overrides that are set: an unset one must not erase the file's own value. */
function definedOnly(o: TemplateOverrides): TemplateOverrides {
  const out: TemplateOverrides = {};
  if (o.language !== undefined) out.language = o.language;
  if (o.category !== undefined) out.category = o.category;
  return out;
}
