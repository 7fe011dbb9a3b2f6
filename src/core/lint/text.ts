/** Unicode-aware matching that keeps offsets: folding, word-boundary term matching, variables, positions. */

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;

/** Fold one UTF-16 unit without changing its length: full-width forms to ASCII, accents off, odd spaces to spaces. */
function foldUnit(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0xa0 || code === 0x202f || (code >= 0x2000 && code <= 0x200a)) return ' ';
  if (code < 0xc0) return c;
  const base = c.normalize('NFD');
  return base.length > 1 && /^\p{M}+$/u.test(base.slice(1)) ? base[0] : c;
}

/** Folded text (same length as the input) and its lower-case form. */
export function fold(text: string): { folded: string; lower: string } {
  let folded = '';
  let lower = '';
  for (let i = 0; i < text.length; i++) {
    const f = foldUnit(text[i]);
    folded += f;
    const l = f.toLowerCase();
    lower += l.length === 1 ? l : f;
  }
  return { folded, lower };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A word-list term found in a text, with where it stands. */
export interface TermMatch {
  term: string;
  offset: number;
  length: number;
}

const cache = new Map<string, { exact?: RegExp; folded?: RegExp; cjk?: RegExp; byKey: Map<string, string> }>();

/**
 * Find terms in a text with Unicode word boundaries. Terms of one or two letters match their exact
 * case (so "u" is not "U.S."); longer ones ignore case and accents; CJK terms match anywhere.
 */
export function findTerms(text: string, terms: readonly string[], opts: { plural?: boolean } = {}): TermMatch[] {
  if (terms.length === 0) return [];
  const key = `${opts.plural ? 'p' : ''}\u0001${terms.join('\u0000')}`;
  let compiled = cache.get(key);
  if (!compiled) {
    const byKey = new Map<string, string>();
    const exact: string[] = [];
    const loose: string[] = [];
    const cjk: string[] = [];
    for (const term of terms) {
      const f = fold(term);
      if (CJK.test(term)) {
        cjk.push(escape(f.folded));
        byKey.set(f.folded, term);
      } else if (term.replace(/[^\p{L}\p{N}]/gu, '').length <= 2) {
        exact.push(escape(f.folded));
        byKey.set(f.folded, term);
      } else {
        loose.push(escape(f.lower));
        byKey.set(f.lower, term);
      }
    }
    const suffix = opts.plural ? "(?:'?s)?" : '';
    const bounded = (alts: string[], tail: string) =>
      alts.length === 0 ? undefined : new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alts.sort((a, b) => b.length - a.length).join('|')})${tail}(?![\\p{L}\\p{N}_])`, 'gu');
    // Plurals only for terms of three letters or more: "u" + "s" is the word "us".
    compiled = { exact: bounded(exact, ''), folded: bounded(loose, suffix), cjk: cjk.length ? new RegExp(cjk.join('|'), 'gu') : undefined, byKey };
    cache.set(key, compiled);
  }
  const { folded, lower } = fold(text);
  const out: TermMatch[] = [];
  const run = (re: RegExp | undefined, subject: string) => {
    if (!re) return;
    re.lastIndex = 0;
    for (const m of subject.matchAll(re)) {
      const bare = opts.plural ? m[0].replace(/'?s$/i, '') : m[0];
      out.push({ term: compiled!.byKey.get(m[0]) ?? compiled!.byKey.get(bare) ?? m[0], offset: m.index!, length: m[0].length });
    }
  };
  run(compiled.exact, folded);
  run(compiled.folded, lower);
  run(compiled.cjk, folded);
  return out.sort((a, b) => a.offset - b.offset);
}

/** A {{variable}} found in a text, with where it stands. */
export interface VariableToken {
  raw: string;
  /** The name inside the braces, trimmed ("1", "first_name"). */
  name: string;
  offset: number;
  /** Well-formed: exactly {{name}} with no spaces or stray braces. */
  wellFormed: boolean;
}

/** Find {{...}} variables, and brace runs that look like broken variables ({1}}, {{1}, {{{1}}}, {{ 1 }}). */
export function findVariables(text: string): VariableToken[] {
  const out: VariableToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '{' && c !== '}') {
      i++;
      continue;
    }
    const start = i;
    let opens = 0;
    while (text[i] === '{') (opens++, i++);
    let inner = '';
    while (i < text.length && text[i] !== '{' && text[i] !== '}' && text[i] !== '\n' && inner.length <= 40) inner += text[i++];
    let closes = 0;
    while (text[i] === '}') (closes++, i++);
    if (opens < 2 && closes < 2) {
      if (i === start) i++;
      continue;
    }
    if (opens === 0) inner = '';
    const raw = text.slice(start, opens === 0 ? start + closes : i);
    const name = inner.trim();
    const wellFormed = opens === 2 && closes === 2 && /^[^\s{}#$%]+$/.test(inner);
    out.push({ raw, name, offset: start, wellFormed });
  }
  return out;
}

/** 1-based line and column of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The sentence around an offset (for context checks such as "never share your password"). */
export function sentenceAround(text: string, offset: number, length: number): { start: number; text: string } {
  // Sentence ends in Latin, CJK, Devanagari (।) and Arabic (؟ ۔) scripts.
  const stops = /[.!?。！？।॥؟۔\n]/;
  let start = offset;
  while (start > 0 && !stops.test(text[start - 1])) start--;
  let end = offset + length;
  while (end < text.length && !stops.test(text[end])) end++;
  return { start, text: text.slice(start, end) };
}
