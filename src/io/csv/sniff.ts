/** Guess a CSV file's encoding and delimiter from its first bytes; refuse what is not text. */

/** The text encodings a list may be in. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** How a CSV file is written: encoding, byte-order mark and delimiter. */
export interface Dialect {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  delimiter: string;
  /** Characters of Excel's "sep=;" first line (it names the delimiter and is no record); 0 when there is none. */
  sepLineLength?: number;
}

/** The dialect of a file, or why it is not a CSV file. */
export type SniffResult = { ok: true; dialect: Dialect } | { ok: false; problem: string };

const DELIMITERS = [',', ';', '\t', '|'];
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const SEP_LINE = /^sep=([,;\t|])(?=\r|\n|$)/i;

/** Inspect the head of a file (up to 64 KiB is plenty). */
export function sniff(head: Buffer): SniffResult {
  // The workbook itself instead of its CSV export: say so, not only "binary data".
  if (head.subarray(0, 4).equals(ZIP)) return { ok: false, problem: 'an Excel workbook (.xlsx) or another zip file, not CSV text (in Excel: File > Save As > "CSV UTF-8")' };
  if (head.subarray(0, 4).equals(OLE2)) return { ok: false, problem: 'an old Excel workbook (.xls), not CSV text (in Excel: File > Save As > "CSV UTF-8")' };
  let encoding: Encoding = 'utf-8';
  let bomLength = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) bomLength = 3;
  else if (head[0] === 0xff && head[1] === 0xfe) [encoding, bomLength] = ['utf-16le', 2];
  else if (head[0] === 0xfe && head[1] === 0xff) [encoding, bomLength] = ['utf-16be', 2];
  else {
    const nul = nulPattern(head);
    if (nul === 'even') encoding = 'utf-16be';
    else if (nul === 'odd') encoding = 'utf-16le';
    else if (nul === 'scattered') return { ok: false, problem: 'binary data (NUL bytes): not a CSV text file' };
    else if (!isUtf8(head)) encoding = 'windows-1252';
  }
  const text = new TextDecoder(encoding).decode(head.subarray(bomLength));
  if (controlRatio(text) > 0.02) return { ok: false, problem: 'binary data (control characters): not a CSV text file' };
  // Excel writes and honours a first line "sep=;" that names the delimiter whatever the locale's list separator.
  const sep = SEP_LINE.exec(text);
  if (sep) return { ok: true, dialect: { encoding, bomLength, delimiter: sep[1], sepLineLength: sep[0].length } };
  return { ok: true, dialect: { encoding, bomLength, delimiter: guessDelimiter(text) } };
}

function nulPattern(head: Buffer): 'none' | 'even' | 'odd' | 'scattered' {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (even + odd === 0) return 'none';
  const half = head.length / 2;
  if (even > half * 0.9 && odd === 0) return 'even';
  if (odd > half * 0.9 && even === 0) return 'odd';
  // UTF-16 text with non-Latin characters still has NULs only on one side.
  if (even === 0 && odd > half * 0.3) return 'odd';
  if (odd === 0 && even > half * 0.3) return 'even';
  return 'scattered';
}

function isUtf8(head: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function controlRatio(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad / text.length;
}

/** The delimiter that splits the first lines most consistently (quoted text ignored). */
export function guessDelimiter(text: string): string {
  const lines = text
    .replace(/"(?:[^"]|"")*"/g, '""')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  if (lines.length > 1 && !text.endsWith('\n')) lines.pop(); // the last line may be cut mid-way
  // A title above the header ("Kontakte Export 01.12.2026") has no delimiter: the lines from the first that has one
  // decide, when they agree (a one-column list with one "0170 …; 030 …" cell stays one column).
  const from = lines.findIndex((l) => DELIMITERS.some((d) => l.includes(d)));
  if (from > 0) {
    const below = bestDelimiter(lines.slice(from));
    if (lines.length - from >= 2 && below.consistent >= 0.8) return below.delimiter;
  }
  return bestDelimiter(lines).delimiter;
}

/** The delimiter that splits lines most consistently with the first line's count, and the share of lines that agree. */
function bestDelimiter(lines: string[]): { delimiter: string; consistent: number } {
  let best = { delimiter: ',', consistent: 0 };
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    const score = consistent * 100 + first;
    if (score > bestScore) [best, bestScore] = [{ delimiter: d, consistent }, score];
  }
  return best;
}
