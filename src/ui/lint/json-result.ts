/** The contract's JSON shape of a lint result, shared by lint-template and templates push. */
import type { LintResult } from '../../core/lint/types.js';

/** JSON findings carry file positions (`line`, `column`, as SARIF and GitHub do); the component's own in `componentLine`/`componentColumn`. */
export function publicResult(r: LintResult) {
  return {
    ...r,
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      component: f.component,
      line: f.fileLine,
      column: f.fileColumn,
      componentLine: f.line,
      componentColumn: f.column,
      excerpt: f.excerpt,
      suggestion: f.suggestion,
    })),
  };
}
