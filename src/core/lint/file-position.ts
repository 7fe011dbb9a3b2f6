/** Where a decoded JSON string's character sits in the file: line and column, escapes accounted for. */

interface Literal {
  /** Offset of the opening quote in the raw text. */
  start: number;
  end: number;
}

interface RawIndex {
  raw: string;
  lineStarts: number[];
  /** Decoded string value -> its literals, in file order. */
  literals: Map<string, Literal[]>;
  /** JSON path (".data[2].components[1].text") -> its string literal; undefined when the text could not be walked. */
  paths?: Map<string, Literal>;
}

let cached: RawIndex | undefined;

/** Index a JSON text once: line starts and every string literal by its decoded value. */
function indexOf(raw: string): RawIndex {
  if (cached?.raw === raw) return cached;
  const lineStarts = [0];
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const literals = new Map<string, Literal[]>();
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '"') continue;
    let j = i + 1;
    while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
    try {
      const value = JSON.parse(raw.slice(i, j + 1)) as string;
      const list = literals.get(value) ?? [];
      list.push({ start: i, end: j });
      literals.set(value, list);
    } catch {
      // not a string literal after all (cannot happen in valid JSON)
    }
    i = j;
  }
  cached = { raw, lineStarts, literals, paths: stringPaths(raw) };
  return cached;
}

/**
 * Every string value of a JSON text by its path, so that a text repeated in the file (a "Shop now" button in
 * each template of an export, a body shared by two languages) is placed where this template has it.
 * Walks with its own stack: a deeply nested file cannot overflow the call stack.
 */
function stringPaths(raw: string): Map<string, Literal> | undefined {
  const out = new Map<string, Literal>();
  // Per open container: its path, whether it is an array, the next index (arrays) or pending key (objects).
  const stack: { path: string; array: boolean; index: number; key?: string }[] = [];
  const skipString = (i: number): number => {
    let j = i + 1;
    while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
    return j;
  };
  const here = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.array ? `${top.path}[${top.index}]` : `${top.path}.${top.key ?? ''}`;
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = skipString(i);
      if (top && !top.array && top.key === undefined) {
        try {
          top.key = JSON.parse(raw.slice(i, end + 1)) as string;
        } catch {
          return undefined;
        }
      } else out.set(here(), { start: i, end });
      i = end;
    } else if (c === '{' || c === '[') {
      stack.push({ path: here(), array: c === '[', index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && top) {
      if (top.array) top.index++;
      else top.key = undefined;
    }
  }
  return out;
}

/** 1-based line and column of a raw offset, by binary search over line starts. */
function lineColumnAt(idx: RawIndex, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = idx.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (idx.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  // A byte-order mark is no column: editors and code scanning count from the first character after it.
  const bom = lo === 0 && idx.raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line: lo + 1, column: offset - idx.lineStarts[lo] + 1 - bom };
}

/**
 * The file position of character `offset` of the string `text` in the JSON file `raw`: the literal at
 * `path` when it holds that text, else the first literal that does; undefined when absent.
 */
export function jsonFilePosition(raw: string, text: string, offset: number, path?: string): { line: number; column: number } | undefined {
  const idx = indexOf(raw);
  const atPath = path === undefined ? undefined : idx.paths?.get(path);
  const list = idx.literals.get(text);
  const lit = list?.find((l) => l.start === atPath?.start) ?? list?.[0];
  if (!lit) return undefined;
  // Walk the literal: an escape is several raw characters for one decoded UTF-16 unit (or two for \uD83D\uDE00).
  let pos = lit.start + 1;
  for (let decoded = 0; decoded < offset && pos < lit.end; decoded++) {
    if (raw[pos] === '\\') pos += raw[pos + 1] === 'u' ? 6 : 2;
    else pos += 1;
  }
  return lineColumnAt(idx, pos);
}
