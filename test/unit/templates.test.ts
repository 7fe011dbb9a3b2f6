import { describe, expect, it } from 'vitest';
import { filterTemplates } from '../../src/core/templates/filter.js';
import { sameTemplate, templateFileName, toTemplateFile } from '../../src/core/templates/normalise.js';
import { inReview, reviewRow, rulesForRejection } from '../../src/core/templates/review.js';
import type { Finding } from '../../src/core/lint/types.js';

const base = { category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi {{1}}', example: { body_text: [['Ana']] } }] };

describe('template comparison', () => {
  it('ignores key order, enum case, nulls and an unset parameter format; sees any text or category change', () => {
    const remote = { category: 'utility', parameter_format: 'POSITIONAL', components: [{ example: { body_text: [['Ana']] }, text: 'Hi {{1}}', type: 'body', format: null }] };
    expect(sameTemplate(base, remote as never)).toBe(true);
    expect(sameTemplate(base, { ...base, components: [{ ...base.components[0], text: 'Hi {{1}}!' }] })).toBe(false);
    expect(sameTemplate(base, { ...base, category: 'MARKETING' })).toBe(false);
    expect(sameTemplate(base, { ...base, parameter_format: 'NAMED' })).toBe(false);
  });

  it('keeps only the create-template shape in files, with safe names', () => {
    const file = toTemplateFile({ ...base, name: 'x', language: 'en_US', id: '1', status: 'APPROVED' } as never);
    expect(Object.keys(file)).toEqual(['name', 'language', 'category', 'components']);
    // A NAMED template says so before its components, where a reader of the pulled file looks first.
    const named = toTemplateFile({ ...base, name: 'x', language: 'en_US', parameter_format: 'named' } as never);
    expect(Object.keys(named)).toEqual(['name', 'language', 'category', 'parameter_format', 'components']);
    expect(templateFileName('order_shipped', 'pt_BR')).toBe('order_shipped.pt_BR.json');
    expect(templateFileName('../x', 'en')).toBe('.._x.en.json');
  });
});

describe('review', () => {
  const f = (rule: string, severity: 'error' | 'warning' = 'error') => ({ rule, severity }) as Finding;
  it('names the rules matching the rejection reason, or none', () => {
    expect(rulesForRejection('PROMOTIONAL', [f('discount-percentage'), f('length')])).toEqual(['discount-percentage']);
    expect(rulesForRejection('ABUSIVE_CONTENT', [f('length'), f('formatting', 'warning')])).toEqual(['length']);
    expect(rulesForRejection('SCAM', [f('length')])).toEqual([]);
    expect(rulesForRejection('INVALID_FORMAT', [f('abbreviation', 'warning'), f('discount-percentage')])).toEqual(['abbreviation']);
    expect(reviewRow({ name: 'a', language: 'en', category: 'UTILITY', status: 'APPROVED', rejected_reason: 'NONE' }, [f('length')])).toEqual({ name: 'a', language: 'en', category: 'UTILITY', status: 'APPROVED', reason: null, rules: [] });
    expect(inReview('PENDING') && inReview('IN_APPEAL') && !inReview('REJECTED') && !inReview('APPROVED')).toBe(true);
  });

  it('filters by status, category, language and part of the name', () => {
    const t = (name: string, status: string, language = 'en') => ({ name, language, status, category: 'UTILITY' });
    const list = [t('b_order', 'APPROVED'), t('a_order', 'PENDING', 'de'), t('welcome', 'APPROVED')];
    expect(filterTemplates(list, { name: 'order' }).map((x) => x.name)).toEqual(['a_order', 'b_order']);
    expect(filterTemplates(list, { status: ['APPROVED'], language: ['en'] }).map((x) => x.name)).toEqual(['b_order', 'welcome']);
  });
});
