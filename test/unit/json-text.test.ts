import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/core/json-text.js';

const problem = (text: string) => {
  const r = parseJsonText(text);
  if (r.ok) throw new Error('parsed');
  return r.problem;
};

describe('parseJsonText', () => {
  it('places an unexpected token where it stands, not at the end of the file', () => {
    const text = '{"name": tru,\n"language": "en",\n"category": "UTILITY",\n"components": []\n}\n';
    expect(problem(text)).toMatchObject({ line: 1, column: 13 });
    expect(problem('{"name": "x",\n "language": }')).toMatchObject({ line: 2, column: 14 });
  });

  it('never echoes the text around the error, even when the snippet holds quotes', () => {
    const text = '{"token": "EAAG-secret-value", "x": }';
    const p = problem(text);
    expect(p.reason).toBe('Unexpected token: not valid JSON');
    const long = `{"name": tru,\n"language": "en", "secret": "EAAGsecret"}`;
    expect(problem(long).reason).toBe('Unexpected token: not valid JSON');
  });

  it('keeps positions V8 gives and places an early end at the end', () => {
    expect(problem('{"a": 1 "b": 2}')).toMatchObject({ line: 1, column: 9 });
    expect(problem('{"a": [1, ')).toMatchObject({ reason: 'unexpected end of input' });
  });
});
