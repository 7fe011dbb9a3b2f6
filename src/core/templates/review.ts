/** Where a template's review stands, and which lint rule would have caught a rejection. */
import type { Finding } from '../lint/types.js';

// Meta's rejection reasons (message_template_status_update) and the lint rules that look for the same fault.
const RULES_BY_REASON: Record<string, string[]> = {
  PROMOTIONAL: ['discount-percentage', 'promotional-in-utility', 'abbreviation'],
  TAG_CONTENT_MISMATCH: ['promotional-in-utility'],
  INCORRECT_CATEGORY: ['promotional-in-utility'],
  SCAM: ['url-shortener', 'sensitive-data', 'external-link'],
  // Text Meta cannot take as written (an unexplained abbreviation, a link in the body) comes back as INVALID_FORMAT too.
  INVALID_FORMAT: ['abbreviation', 'external-link', 'variable-sequence', 'variable-position', 'variable-adjacent', 'variable-density', 'variable-example', 'length', 'name-format', 'buttons', 'formatting'],
};

/** Still in review: the watch goes on. */
export function inReview(status: string): boolean {
  return ['PENDING', 'IN_APPEAL', 'PENDING_DELETION'].includes(status.toUpperCase());
}

/** The rules (among the findings of linting the template as submitted) that match the rejection reason. */
export function rulesForRejection(reason: string | undefined, findings: readonly Finding[]): string[] {
  const wanted = reason ? RULES_BY_REASON[reason.toUpperCase()] : undefined;
  const hits = findings.filter((f) => (wanted ? wanted.includes(f.rule) : f.severity === 'error')).map((f) => f.rule);
  return [...new Set(hits)];
}

/** One template's review state, with the lint rules that would have caught its rejection. */
export interface ReviewRow {
  name: string;
  language: string;
  category: string;
  status: string;
  /** Meta's rejection reason; null when there is none (always present in --json, as documented). */
  reason: string | null;
  /** Lint rules that would have caught the rejection (empty: none would have). */
  rules: string[];
}

/** The status line of one template. */
export function reviewRow(t: { name: string; language: string; category: string; status: string; rejected_reason?: string }, findings: readonly Finding[]): ReviewRow {
  const rejected = t.status.toUpperCase() === 'REJECTED';
  const reason = t.rejected_reason && t.rejected_reason !== 'NONE' ? t.rejected_reason : null;
  return { name: t.name, language: t.language, category: t.category, status: t.status, reason, rules: rejected ? rulesForRejection(reason ?? undefined, findings) : [] };
}
