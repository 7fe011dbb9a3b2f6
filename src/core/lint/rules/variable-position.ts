import { findVariables } from '../text.js';
import type { RawFinding, Rule } from '../types.js';
import { isAuthentication } from './authentication.js';

/** A body may not start or end with a variable (Meta error 2388299). */
export const variablePosition: Rule = {
  id: 'variable-position',
  severity: 'error',
  description: 'body starts or ends with a variable',
  check({ template, parts }) {
    // Meta writes an authentication template's body itself, and in some languages it starts with the code ("{{1}} es tu código").
    if (isAuthentication(template)) return [];
    const out: RawFinding[] = [];
    for (const p of parts.filter((x) => x.component === 'body')) {
      const vars = findVariables(p.text).filter((v) => v.wellFormed);
      if (vars.length === 0) continue;
      const lead = p.text.length - p.text.trimStart().length;
      const first = vars[0];
      if (first.offset === lead) {
        out.push({ component: 'body', offset: first.offset, length: first.raw.length, message: `the body starts with the variable ${first.raw}`, suggestion: 'start with a word, e.g. "Hello {{1}}, ..."', msg: ['variable.starts', { raw: first.raw }] });
      }
      const last = vars[vars.length - 1];
      if (last.offset + last.raw.length === p.text.trimEnd().length) {
        out.push({ component: 'body', offset: last.offset, length: last.raw.length, message: `the body ends with the variable ${last.raw}`, suggestion: 'end with a word or sentence after the variable, e.g. "... {{2}}. Thank you!"', msg: ['variable.ends', { raw: last.raw }] });
      }
    }
    return out;
  },
};
