/** doctor --template name[:language[:CATEGORY]]: the templates to check, read from their specs. */
import { UsageError } from '../errors.js';
import type { TemplateWanted } from './template-checks.js';

/** One --template spec; a malformed one is a usage error naming it. */
export function templateWanted(spec: string): TemplateWanted {
  const [name, language, category, ...rest] = spec.split(':');
  // "name:" or "name::X" would silently mean any language: the user meant one and left it out.
  if (language === '' || category === '') throw new UsageError(`--template takes name or name:language (e.g. spring_sale:de), got "${spec}"`, { code: 'bad-flag' });
  if (!name || rest.length > 0) throw new UsageError(`--template takes name[:language[:CATEGORY]], got "${spec}"`, { code: 'bad-flag', hint: 'e.g. --template spring_sale:de:MARKETING' });
  const cat = category ? category.toUpperCase() : undefined;
  if (cat !== undefined && !['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(cat)) {
    throw new UsageError(`--template ${spec}: the category must be MARKETING, UTILITY or AUTHENTICATION, got "${category}"`, { code: 'bad-flag', hint: 'e.g. --template spring_sale:de:MARKETING' });
  }
  if (language && !/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(language)) {
    throw new UsageError(`--template ${spec}: "${language}" is not a template language code`, { code: 'bad-flag', hint: 'use Meta\'s codes, e.g. de, en_US, pt_BR' });
  }
  return { name, language: language || undefined, category: cat };
}
