import type { Rule } from '../types.js';

/** Template names: lower-case letters, digits and underscores, at most 512 characters. */
export const nameFormat: Rule = {
  id: 'name-format',
  severity: 'error',
  description: 'template name matches ^[a-z0-9_]{1,512}$',
  check({ template, source }) {
    if (source.kind === 'text' && template.name === undefined) return [];
    const name = template.name ?? '';
    if (/^[a-z0-9_]{1,512}$/.test(name)) return [];
    const fixed = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 512) || 'my_template';
    return [
      {
        component: 'name',
        offset: 0,
        length: name.length,
        message: name === '' ? 'the template has no name' : `template name "${name}" may only hold lower-case letters, digits and underscores (at most 512)`,
        suggestion: `rename it "${fixed}"`,
        msg: [name === '' ? 'name.empty' : 'name.invalid', { name, fixed }],
      },
    ];
  },
};
