/** The default lint report: grouped by file and template, coloured, with a caret under each excerpt. */
import type { Finding, LintResult } from '../../core/lint/types.js';
import { paint } from '../output.js';
import { plural } from '../plural.js';
import { termWidth } from '../term.js';

const INDENT = 4;

/** Render results the way eslint's stylish formatter does (file line:column), plus the excerpt and a suggestion. */
export function renderStylish(results: LintResult[], errorCount: number, warningCount: number, width = termWidth()): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const what = [r.template || '(body text)', [r.language, r.category].filter(Boolean).join(', ')].filter(Boolean);
    lines.push('', `${paint('bold', r.file)}  ${what[0]}${what[1] ? paint('dim', ` (${what[1]})`) : ''}`);
    for (const f of r.findings) {
      const sev = f.severity === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning');
      lines.push(`  ${paint('dim', `${f.fileLine}:${f.fileColumn}`.padEnd(9))} ${sev}  ${f.message}  ${paint('gray', f.rule)}`);
      const pad = ' '.repeat(INDENT);
      lines.push(`${pad}${paint('dim', `${f.component} ${f.line}:${f.column}`)}`);
      if (f.context) {
        const { text, caretAt, caretWidth } = fitToWidth(f, width - INDENT);
        lines.push(`${pad}${text}`);
        // Wide characters (CJK, full-width forms) take two columns: pad and underline by display width.
        const before = columns(text.slice(0, caretAt));
        const under = Math.max(1, columns(text.slice(caretAt, caretAt + caretWidth)));
        lines.push(`${pad}${' '.repeat(before)}${paint(f.severity === 'error' ? 'red' : 'yellow', '^'.repeat(under))}`);
      }
      lines.push(`${pad}${paint('cyan', '→')} ${f.suggestion}`);
    }
  }
  const total = errorCount + warningCount;
  const files = new Set(results.map((r) => r.file)).size;
  if (total === 0) {
    lines.push(paint('green', `✔ ${plural(results.length, 'template')} in ${plural(files, 'file')}: no problems`));
  } else {
    lines.push(
      '',
      paint(
        errorCount > 0 ? 'red' : 'yellow',
        `✖ ${plural(total, 'problem')} (${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')}) in ${plural(results.length, 'template')}`,
      ),
    );
  }
  return lines.join('\n').replace(/^\n/, '');
}

/**
 * Cut the context line to `max` terminal columns around the finding, with "…" where text was cut
 * (here or, for very long lines, already by the engine), so the caret lands under the excerpt however
 * long the line is. Tabs become spaces so columns hold; wide (CJK) characters count two columns.
 */
export function fitToWidth(f: Pick<Finding, 'context' | 'contextColumn' | 'excerpt' | 'contextCut'>, max: number): { text: string; caretAt: number; caretWidth: number } {
  const line = f.context.replace(/\t/g, ' ');
  const at = Math.max(0, f.contextColumn - 1);
  const len = Math.max(1, Math.min(f.excerpt.length || 1, line.length - at || 1));
  const cutBefore = f.contextCut?.before ?? false;
  const cutAfter = f.contextCut?.after ?? false;
  const marks = (cutBefore ? 1 : 0) + (cutAfter ? 1 : 0);
  if (columns(line) + marks <= max) return { text: `${cutBefore ? '…' : ''}${line}${cutAfter ? '…' : ''}`, caretAt: at + (cutBefore ? 1 : 0), caretWidth: len };
  const room = Math.max(10, max - 2);
  // Show some text before the finding, then as much of it as fits.
  let from = Math.max(0, Math.min(at - Math.floor(room / 3), line.length - room));
  if (from > 0 && at - from < 4) from = Math.max(0, at - 4);
  let to = Math.min(line.length, from + room);
  // Wide characters take two columns: give back characters at the end until the window fits.
  while (to > at + 1 && columns(line.slice(from, to)) > room) to--;
  const head = from > 0 || cutBefore ? '…' : '';
  const tail = to < line.length || cutAfter ? '…' : '';
  const caretAt = head.length + at - from;
  const caretWidth = Math.max(1, Math.min(len, to - at));
  return { text: `${head}${line.slice(from, to)}${tail}`, caretAt, caretWidth };
}

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

const WIDE_PLANE = /[\u{20000}-\u{3fffd}]/u;
// An emoji shown as a picture (🎉, 👨‍👩‍👧, a flag, ❤️ with its variation selector) takes two columns.
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\ufe0f/u;
// What takes no column on its own: marks, joiners, variation selectors, format characters.
const ZERO = /^[\p{M}\p{Cf}\ufe00-\ufe0f]+$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Terminal columns a string takes, per character as seen (a grapheme: "é" written as e and a combining accent, an
 * emoji family joined by ZWJ): two for East Asian wide characters and emoji, none for lone marks, one otherwise.
 */
export function columns(text: string): number {
  let n = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (ZERO.test(segment)) continue;
    n += WIDE.test(segment[0]) || WIDE_PLANE.test(segment) || EMOJI.test(segment) ? 2 : 1;
  }
  return n;
}
