/** doctor --template name[:language[:CATEGORY]]: the templates to check, read from their specs. */
import { UsageError } from '../errors.js';
import type { TemplateWanted } from './template-checks.js';

const FORM = 'name[:language[:CATEGORY]]';
const EXAMPLE = 'e.g. --template spring_sale, spring_sale:de or spring_sale:de:MARKETING';

/** Every malformed spec is told the same way: the documented form, what is wrong, and an example. */
function bad(spec: string, why: string): UsageError {
  return new UsageError(`--template takes ${FORM}, got "${spec}": ${why}`, { code: 'bad-flag', hint: EXAMPLE });
}

/** One --template spec; a malformed one is a usage error naming it. */
export function templateWanted(spec: string): TemplateWanted {
  const [name, language, category, ...rest] = spec.split(':');
  if (!name) throw bad(spec, 'the name is empty');
  if (rest.length > 0) throw bad(spec, 'too many parts');
  // "name:" or "name::X" would silently mean any language: the user meant one and left it out.
  if (language === '') throw bad(spec, 'the language is empty (leave out the colon to check every language)');
  if (category === '') throw bad(spec, 'the category is empty (leave out the colon to accept any category)');
  const cat = category ? category.toUpperCase() : undefined;
  if (cat !== undefined && !['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(cat)) throw bad(spec, `the category must be MARKETING, UTILITY or AUTHENTICATION, not "${category}"`);
  if (language && !/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(language)) throw bad(spec, `"${language}" is not one of Meta's template language codes (de, en_US, pt_BR, ...)`);
  return { name, language: language || undefined, category: cat };
}
