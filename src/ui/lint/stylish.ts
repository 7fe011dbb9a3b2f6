/** The default lint report: grouped by file and template, coloured, with a caret under each excerpt. */
import type { LintResult } from '../../core/lint/types.js';
import { paint } from '../output.js';

/** Render results the way eslint's stylish formatter does, plus the excerpt and a suggestion. */
export function renderStylish(results: LintResult[], errorCount: number, warningCount: number): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const what = [r.template || '(body text)', [r.language, r.category].filter(Boolean).join(', ')].filter(Boolean);
    lines.push('', `${paint('bold', r.file)}  ${what[0]}${what[1] ? paint('dim', ` (${what[1]})`) : ''}`);
    for (const f of r.findings) {
      const sev = f.severity === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning');
      lines.push(`  ${paint('dim', `${f.component} ${f.line}:${f.column}`.padEnd(22))} ${sev}  ${f.message}  ${paint('gray', f.rule)}`);
      if (f.context) {
        const pad = ' '.repeat(26);
        lines.push(`${pad}${f.context}`);
        const width = Math.max(1, Math.min(f.excerpt.length, Math.max(1, f.context.length - (f.column - 1))));
        lines.push(`${pad}${' '.repeat(Math.max(0, f.column - 1))}${paint(f.severity === 'error' ? 'red' : 'yellow', '^'.repeat(width))}`);
      }
      lines.push(`${' '.repeat(26)}${paint('cyan', '→')} ${f.suggestion}`);
    }
  }
  const total = errorCount + warningCount;
  const files = new Set(results.map((r) => r.file)).size;
  if (total === 0) {
    lines.push(paint('green', `✔ ${results.length} template${results.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}: no problems`));
  } else {
    lines.push(
      '',
      paint(
        errorCount > 0 ? 'red' : 'yellow',
        `✖ ${total} problem${total === 1 ? '' : 's'} (${errorCount} error${errorCount === 1 ? '' : 's'}, ${warningCount} warning${warningCount === 1 ? '' : 's'}) in ${results.length} template${results.length === 1 ? '' : 's'}`,
      ),
    );
  }
  return lines.join('\n').replace(/^\n/, '');
}
