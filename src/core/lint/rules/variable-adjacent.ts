import { findVariables } from '../text.js';
import type { RawFinding, Rule } from '../types.js';

/** Variables side by side ({{1}}{{2}}) are rejected as an invalid format; with only a space between, reviewers often object too. */
export const variableAdjacent: Rule = {
  id: 'variable-adjacent',
  severity: 'error',
  description: 'two variables with nothing (or only spaces) between them',
  check({ parts }) {
    const out: RawFinding[] = [];
    for (const p of parts) {
      const vars = findVariables(p.text).filter((v) => v.wellFormed);
      for (let i = 1; i < vars.length; i++) {
        const prev = vars[i - 1];
        const between = p.text.slice(prev.offset + prev.raw.length, vars[i].offset);
        if (between.trim() !== '') continue;
        out.push({
          component: p.component,
          offset: prev.offset,
          length: vars[i].offset + vars[i].raw.length - prev.offset,
          message: between === '' ? `${prev.raw}${vars[i].raw}: adjacent variables` : `${prev.raw} and ${vars[i].raw} are separated only by whitespace`,
          suggestion: 'put words between the variables, or merge them into one variable',
          severity: between === '' ? 'error' : 'warning',
          msg: [between === '' ? 'variable.adjacent' : 'variable.whitespace', { a: prev.raw, b: vars[i].raw }],
        });
      }
    }
    return out;
  },
};
