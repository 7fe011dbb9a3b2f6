/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
import { relative } from 'node:path';
import { RULES } from '../../core/lint/rules/index.js';
import type { Finding, LintResult } from '../../core/lint/types.js';

/** Build a SARIF log of the findings. */
export function toSarif(results: LintResult[], version: string, cwd = process.cwd()): object {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wa-ops',
            informationUri: 'https://github.com/wa-ops/wa-ops',
            version,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              defaultConfiguration: { level: r.severity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        // Columns count UTF-16 code units, as SARIF's default says: an emoji before a finding counts 2.
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.rule,
            ruleIndex: ruleIndex.get(f.rule),
            level: f.severity === 'error' ? 'error' : 'warning',
            message: { text: `${f.message} (${f.component}${r.template ? ` of ${r.template}` : ''}). Suggestion: ${f.suggestion}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(r.file, cwd) },
                  region: { startLine: f.fileLine, startColumn: f.fileColumn, ...end(f), snippet: { text: f.excerpt } },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

/** The region's end, when the finding covers text (a missing button label covers none). */
function end(f: Finding): { endLine?: number; endColumn?: number } {
  if (f.fileEndLine < f.fileLine || (f.fileEndLine === f.fileLine && f.fileEndColumn <= f.fileColumn)) return {};
  return { endLine: f.fileEndLine, endColumn: f.fileEndColumn };
}

/** A relative URI reference (SARIF requires one): each path segment percent-encoded ("my templates" -> "my%20templates"). */
function toUri(file: string, cwd: string): string {
  if (file.startsWith('<')) return 'stdin';
  return relative(cwd, file).split(/[\\/]/).map(encodeURIComponent).join('/');
}
