/** GitHub Actions workflow commands: one ::error / ::warning annotation per finding. */
import { relative } from 'node:path';
import type { LintResult } from '../../core/lint/types.js';

const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One annotation line per finding. */
export function toGithub(results: LintResult[], cwd = process.cwd()): string {
  const lines: string[] = [];
  for (const r of results) {
    const file = r.file.startsWith('<') ? r.file : relative(cwd, r.file).split('\\').join('/');
    for (const f of r.findings) {
      const kind = f.severity === 'error' ? 'error' : 'warning';
      lines.push(`::${kind} file=${prop(file)},line=${f.fileLine},col=${f.fileColumn},title=${prop(`wa-ops ${f.rule}`)}::${data(`${f.message}\n${f.suggestion}`)}`);
    }
  }
  return lines.join('\n');
}
