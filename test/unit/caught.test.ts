import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errnoCode, errorMessage } from '../../src/core/caught.js';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
};

describe('what a caught value tells', () => {
  it('reads the errno code and message of a real Node error', () => {
    const err = thrown(() => readFileSync('/no/such/file/for/wa-ops'));
    expect(errnoCode(err)).toBe('ENOENT');
    expect(errorMessage(err)).toMatch(/^ENOENT: no such file or directory/);
  });

  it('has no code for other values, and words for a thrown non-error', () => {
    expect(errnoCode(new Error('x'))).toBeUndefined();
    expect(errnoCode(undefined)).toBeUndefined();
    expect(errnoCode({ code: 42 })).toBeUndefined();
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(null)).toBe('null');
  });
});
