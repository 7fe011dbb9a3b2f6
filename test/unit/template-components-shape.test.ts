import { describe, expect, it } from 'vitest';
import { assertTemplate } from '../../src/core/lint/template-shape.js';

describe('assertTemplate', () => {
  it('a template whose components are not a list names that field, not "not a message template"', () => {
    expect(() => assertTemplate({ name: 'x', language: 'en', category: 'UTILITY', components: 'no' }, 't.json')).toThrow(/t\.json: "components" must be a list/);
    expect(() => assertTemplate({ data: 5 }, 't.json')).toThrow(/not a message template \(found data\)/);
    // Without a name, language or category it is not a template at all, whatever its "components" holds.
    expect(() => assertTemplate({ hello: 'world', components: 'nope' }, 't.json')).toThrow(/not a message template \(found hello, components\)/);
  });
});
