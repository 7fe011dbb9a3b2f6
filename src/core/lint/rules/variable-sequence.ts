import { findVariables, type VariableToken } from '../text.js';
import type { RawFinding, Rule } from '../types.js';

const NAMED_RE = /^[a-z_][a-z0-9_]*$/;

/** {{1}}..{{n}} with no gaps or repeats and well-formed braces (or valid names when parameter_format is NAMED). */
export const variableSequence: Rule = {
  id: 'variable-sequence',
  severity: 'error',
  description: 'variables numbered {{1}}..{{n}} without gaps or repeats, with well-formed braces',
  check({ parts, template }) {
    const namedTemplate = (template.parameter_format ?? '').toUpperCase() === 'NAMED';
    const out: RawFinding[] = [];
    for (const p of parts) {
      // A URL button's suffix stays {{1}} in a NAMED template: only header and body variables take names.
      const named = namedTemplate && !p.component.endsWith('.url');
      const vars = findVariables(p.text);
      if (vars.length === 0) continue;
      const at = (offset: number, length: number, message: string, suggestion: string, msg: RawFinding['msg']) =>
        out.push({ component: p.component, offset, length, message, suggestion, msg });
      if (p.component === 'footer') {
        at(vars[0].offset, vars[0].raw.length, 'footers cannot contain variables', 'move the variable into the body', ['variable.footer']);
        continue;
      }
      const wellFormed = vars.filter((v) => v.wellFormed);
      for (const v of vars) {
        if (!v.wellFormed) at(v.offset, v.raw.length, `malformed variable "${v.raw}"`, named ? 'write it as {{name}}: two braces, no spaces, no # $ %' : 'write it as {{1}}: two braces, a number, no spaces', [named ? 'variable.malformed-named' : 'variable.malformed', { raw: v.raw }]);
      }
      if (p.component.endsWith('.url')) urlVariables(p.text, wellFormed, at);
      if (p.component === 'header' && wellFormed.length > 1) {
        at(wellFormed[1].offset, wellFormed[1].raw.length, `a text header takes at most one variable, found ${wellFormed.length}`, 'keep one variable in the header and move the rest into the body', ['variable.header-count', { count: wellFormed.length }]);
      }
      const seen = new Set<string>();
      for (const v of wellFormed) {
        if (named && !NAMED_RE.test(v.name)) {
          at(v.offset, v.raw.length, `"${v.raw}" is not a valid named variable`, 'use lower-case letters, digits and underscores, starting with a letter, e.g. {{first_name}}', ['variable.named-invalid', { raw: v.raw }]);
        } else if (!named && !/^\d+$/.test(v.name)) {
          at(v.offset, v.raw.length, `"${v.raw}" is a named variable but the template is POSITIONAL`, 'number the variables {{1}}, {{2}} ... or set "parameter_format": "NAMED"', ['variable.named-in-positional', { raw: v.raw }]);
        } else if (seen.has(v.name)) {
          at(v.offset, v.raw.length, `variable ${v.raw} is used more than once`, 'give every placeholder its own number and pass the value twice', ['variable.repeated', { raw: v.raw }]);
        }
        seen.add(v.name);
      }
      if (!named) {
        const numbers = [...seen].filter((n) => /^\d+$/.test(n)).map(Number);
        const max = Math.max(0, ...numbers);
        // List at most 10 gaps: {{99999999999999999999}} must not enumerate (or allocate) every number below it.
        const missingCount = max - new Set(numbers.filter((n) => n >= 1 && n <= max)).size;
        const missing = Array.from({ length: Math.min(max, seen.size + 10) }, (_, i) => i + 1).filter((n) => !seen.has(String(n))).slice(0, 10);
        if (missingCount > 0 && missing.length > 0) {
          const first = wellFormed.find((v) => Number(v.name) > missing[0]) ?? wellFormed[0];
          const more = missingCount > missing.length ? ` and ${missingCount - missing.length} more` : '';
          const list = missing.map((n) => `{{${n}}}`).join(', ') + more;
          at(first.offset, first.raw.length, `variables must run {{1}}..{{${max}}} without gaps; missing ${list}`, 'renumber the variables in order from {{1}}', ['variable.gaps', { max, missing: list }]);
        }
      }
    }
    return out;
  },
};

type At = (offset: number, length: number, message: string, suggestion: string, msg: RawFinding['msg']) => void;

/** Meta appends one suffix to a URL button's URL: one variable, at the very end ("?utm_source=..." goes before it). */
function urlVariables(url: string, vars: VariableToken[], at: At): void {
  if (vars.length > 1) {
    at(vars[1].offset, vars[1].raw.length, `a URL button takes one variable, found ${vars.length}`, 'keep one variable {{1}} at the end of the URL', ['variable.url-count', { count: vars.length }]);
    return;
  }
  const v = vars[0];
  if (v && v.offset + v.raw.length < url.trimEnd().length) {
    at(v.offset, v.raw.length, `the variable ${v.raw} is not at the end of the URL`, 'put the fixed part (?utm_... too) before the variable: Meta only appends a suffix to the URL', ['variable.url-end', { raw: v.raw }]);
  }
}
