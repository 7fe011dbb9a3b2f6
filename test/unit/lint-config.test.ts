import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { lintConfig } from '../../src/core/lint/lint-config.js';

const PATH = '/p/wa-ops.config.json';

describe('the config file\'s lint section', () => {
  it('reads rules, words and per-template rules as they are documented', () => {
    const lint = lintConfig(
      {
        rules: { 'external-link': 'error', formatting: 'off' },
        words: { en: { abbreviations: { pkg: 'package' }, promotional: ['flash deal'] }, '*': { sensitive: ['member number'] }, allow: ['VIP'] },
        templates: { vip_lounge_invite: { rules: { abbreviation: 'off' } } },
      },
      PATH,
    );
    expect(lint).toEqual({
      rules: { 'external-link': 'error', formatting: 'off' },
      words: { en: { abbreviations: { pkg: 'package' }, promotional: ['flash deal'] }, '*': { sensitive: ['member number'] }, allow: ['VIP'] },
      templates: { vip_lounge_invite: { rules: { abbreviation: 'off' } } },
    });
    expect(lintConfig(undefined, undefined)).toEqual({ rules: {} });
    expect(lintConfig({}, PATH)).toEqual({ rules: {}, words: undefined, templates: undefined });
  });

  it('refuses a severity or rule id that is not one, in lint.rules as before and in lint.templates too', () => {
    expect(() => lintConfig({ rules: { 'external-link': 'eror' } }, PATH)).toThrow('rule "external-link" in lint.rules in /p/wa-ops.config.json must be off, warn or error, got "eror"');
    expect(() => lintConfig({ rules: { 'no-such-rule': 'off' } }, PATH)).toThrow(UsageError);
    expect(() => lintConfig({ templates: { x: { rules: { 'external-link': 'eror' } } } }, PATH)).toThrow('rule "external-link" in lint.templates.x.rules in /p/wa-ops.config.json must be off, warn or error');
  });

  it('refuses word lists of the wrong shape with the file and key, instead of failing inside the linter', () => {
    expect(() => lintConfig({ words: { allow: 'VIP' } }, PATH)).toThrow('/p/wa-ops.config.json: lint.words.allow must be a list of strings');
    expect(() => lintConfig({ words: { en: { abbreviations: { pkg: 1 } } } }, PATH)).toThrow('lint.words.en.abbreviations.pkg must be a string');
    expect(() => lintConfig({ words: { de: { promotinal: ['x'] } } }, PATH)).toThrow('lint.words.de has an unknown key "promotinal"');
    expect(() => lintConfig({ rules: ['external-link'] }, PATH)).toThrow('lint.rules must be an object');
  });
});
