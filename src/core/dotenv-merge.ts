/** Merge settings into the text of a .env file: other keys, comments and order stay; only the given keys change. */

/** The merged .env text, and which keys were replaced, added or kept. */
export interface EnvMerge {
  text: string;
  /** Keys whose line was replaced (a different value). */
  replaced: string[];
  /** Keys appended because the file did not have them. */
  added: string[];
  /** Keys already holding the same value. */
  unchanged: string[];
  /** Other keys of the file, kept as they were. */
  kept: string[];
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;

/** Quote a value when a .env reader would otherwise cut it (spaces, #, quotes). */
function encode(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./|-]*$/.test(value) ? value : JSON.stringify(value);
}

/** Values as a .env parser reads them, for comparison: unquoted, trimmed. */
function decode(raw: string): string {
  const v = raw.trim();
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1);
  return v.replace(/\s+#.*$/, '');
}

/** Set `values` in the .env text `current` (undefined: no file yet), keeping everything else. */
export function mergeEnv(current: string | undefined, values: Record<string, string>, header: string): EnvMerge {
  // The file's own line endings stay (a Windows editor's CRLF file is not rewritten with LF).
  const eol = current?.includes('\r\n') && !/(^|[^\r])\n/.test(current) ? '\r\n' : '\n';
  const lines = current === undefined ? [header] : current.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const result: EnvMerge = { text: '', replaced: [], added: [], unchanged: [], kept: [] };
  const done = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const key = m[1];
    if (!(key in values)) {
      if (!result.kept.includes(key)) result.kept.push(key);
      out.push(line);
      continue;
    }
    if (done.has(key)) continue; // a duplicate of a key we set: the last one would win in a reader, so drop it
    done.add(key);
    const same = decode(line.slice(m[0].length)) === values[key];
    (same ? result.unchanged : result.replaced).push(key);
    out.push(same ? line : `${/^\s*export\s/.test(line) ? 'export ' : ''}${key}=${encode(values[key])}`);
  }
  for (const [key, value] of Object.entries(values)) {
    if (done.has(key)) continue;
    result.added.push(key);
    out.push(`${key}=${encode(value)}`);
  }
  result.text = `${out.join(eol)}${eol}`;
  return result;
}
