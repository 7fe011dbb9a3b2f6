import { findVariables } from '../text.js';
import type { RawFinding, Rule, TemplateComponent } from '../types.js';
import { isAuthentication } from './authentication.js';

/** Meta requires a sample value for every variable at submission. */
export const variableExample: Rule = {
  id: 'variable-example',
  severity: 'error',
  description: 'a sample value for every variable',
  check({ template, source }) {
    if (source.kind === 'text') return []; // a bare body text cannot carry examples
    // An authentication template's text and copy-code URL are Meta's own ("*{{1}}* is your verification code."), as a
    // pulled one shows them: the create shape has no text to give examples for.
    if (isAuthentication(template)) return [];
    const named = (template.parameter_format ?? '').toUpperCase() === 'NAMED';
    const out: RawFinding[] = [];
    template.components.forEach((c, j) => {
      const type = c.type.toUpperCase();
      const media = (c.format ?? '').toUpperCase();
      // A media header is reviewed with a sample file (a handle from the Resumable Upload API), as a variable with its sample.
      if (type === 'HEADER' && MEDIA.has(media) && !(c.example?.header_handle ?? []).some((h) => typeof h === 'string' && h.trim() !== '')) {
        out.push({
          component: 'header',
          offset: 0,
          length: (c.format ?? '').length,
          anchor: { path: `.components[${j}].format`, text: c.format ?? '' },
          message: `the ${media} header has no sample in example.header_handle`,
          suggestion: 'upload a sample file with the Resumable Upload API and add its handle: "example": {"header_handle": ["4::..."]}',
          msg: ['variable-example.media', { type: media }],
        });
      }
      if ((type === 'BODY' || type === 'HEADER') && typeof c.text === 'string') {
        const component = type.toLowerCase();
        const vars = findVariables(c.text).filter((v) => v.wellFormed);
        if (vars.length === 0) return;
        const missing = named ? missingNamed(c, type, vars.map((v) => v.name)) : missingPositional(c, type, new Set(vars.map((v) => v.name)).size);
        for (const name of missing) {
          const v = vars.find((x) => x.name === name) ?? vars[0];
          out.push({
            component,
            offset: v.offset,
            length: v.raw.length,
            message: `no sample value for ${named ? `{{${name}}}` : `variable {{${name}}}`} in example.${named ? `${component}_text_named_params` : `${component}_text`}`,
            suggestion: named
              ? `add {"param_name": "${name}", "example": "..."} to example.${component}_text_named_params`
              : `add a realistic sample for each variable: "example": {"${component}_text": ${type === 'BODY' ? '[["Ana", "A1B2C3"]]' : '["Ana"]'}}`,
            msg: named
              ? ['variable-example.named', { name, field: `example.${component}_text_named_params` }]
              : ['variable-example.positional', { name, field: `example.${component}_text`, sample: `"example": {"${component}_text": ${type === 'BODY' ? '[["Ana", "A1B2C3"]]' : '["Ana"]'}}` }],
          });
        }
      }
      if (type === 'BUTTONS') {
        (c.buttons ?? []).forEach((b, i) => {
          if ((b.type ?? '').toUpperCase() !== 'URL' || typeof b.url !== 'string' || !/\{\{[^{}]+\}\}/.test(b.url)) return;
          const ex = Array.isArray(b.example) ? b.example[0] : b.example;
          if (typeof ex === 'string' && ex.trim() !== '') return;
          const at = b.url.search(/\{\{/);
          out.push({
            component: `buttons[${i}].url`,
            offset: at,
            length: b.url.length - at,
            message: 'the dynamic URL button has no example URL',
            suggestion: `add "example": ["${b.url.replace(/\{\{[^{}]+\}\}/, 'summer2026')}"] to the button`,
            msg: ['variable-example.url', { example: b.url.replace(/\{\{[^{}]+\}\}/, 'summer2026') }],
          });
        });
      }
    });
    return out;
  },
};

const MEDIA = new Set(['IMAGE', 'VIDEO', 'DOCUMENT']);

function missingPositional(c: TemplateComponent, type: string, count: number): string[] {
  const samples: unknown[] = type === 'BODY' ? (c.example?.body_text?.[0] ?? []) : (c.example?.header_text ?? []);
  const missing: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = samples[i];
    if (typeof s !== 'string' || s.trim() === '') missing.push(String(i + 1));
  }
  return missing;
}

function missingNamed(c: TemplateComponent, type: string, names: string[]): string[] {
  const params = (type === 'BODY' ? c.example?.body_text_named_params : c.example?.header_text_named_params) ?? [];
  const have = new Set(params.filter((p) => typeof p?.example === 'string' && p.example.trim() !== '').map((p) => p.param_name));
  return [...new Set(names)].filter((n) => !have.has(n));
}
