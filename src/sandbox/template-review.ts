/** Template review: the lint rules decide APPROVED or REJECTED with the reason Meta would give. Pure. */
import { errorMessage } from '../core/caught.js';
import { lintTemplate } from '../core/lint/engine.js';
import type { Template } from '../core/lint/types.js';

/** Lint rule -> Meta's rejection reason (anything else that is an error: INVALID_FORMAT). */
const REJECTION: Record<string, string> = {
  'promotional-in-utility': 'TAG_CONTENT_MISMATCH',
  'discount-percentage': 'PROMOTIONAL',
  'url-shortener': 'SCAM',
  'sensitive-data': 'SCAM',
};

/** A submitted template's review outcome: status, Meta's reason and the lint rule behind it. */
export interface Review {
  status: 'APPROVED' | 'REJECTED';
  /** Meta's rejection reason; "NONE" when approved. */
  reason: string;
  /** For INVALID_FORMAT: what the first finding said, as Meta's rejection_info does. */
  recommendation?: string;
  /** The lint rule behind the decision, when one was. */
  rule?: string;
}

/** Review a template the way the sandbox's "Meta" does: lint errors reject it. */
export function reviewTemplate(t: Template): Review {
  let errors;
  try {
    errors = lintTemplate(t, { file: '<api>', kind: 'json' }).findings.filter((f) => f.severity === 'error');
  } catch (err) {
    // A shape the lint rules cannot read (say, an authentication body without text) must not stop the sandbox.
    return { status: 'REJECTED', reason: 'INVALID_FORMAT', recommendation: `The template could not be read: ${errorMessage(err)}` };
  }
  if (errors.length === 0) return { status: 'APPROVED', reason: 'NONE' };
  const decisive = errors.find((f) => REJECTION[f.rule]) ?? errors[0];
  const reason = REJECTION[decisive.rule] ?? 'INVALID_FORMAT';
  return { status: 'REJECTED', reason, rule: decisive.rule, recommendation: decisive.suggestion || decisive.message };
}

/** Same content (components and category)? An edit that changes nothing is not re-reviewed. */
export function sameContent(a: Template, b: Template): boolean {
  return JSON.stringify(a.components) === JSON.stringify(b.components) && String(a.category ?? '').toUpperCase() === String(b.category ?? '').toUpperCase();
}
