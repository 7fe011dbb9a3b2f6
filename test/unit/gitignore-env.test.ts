import { describe, expect, it } from 'vitest';
import { ignoresEnv } from '../../src/io/gitignore.js';

// init adds .env to .gitignore only when no line already ignores it (a duplicate line is noise in the user's file).
describe('ignoresEnv', () => {
  it.each(['.env', '/.env', '.env*', '*.env', 'node_modules\r\n.env\r\n', '  .env  '])('%j ignores .env', (text) => {
    expect(ignoresEnv(text)).toBe(true);
  });
  it.each(['', 'node_modules', '.env.local', '.envrc', '# .env', '!.env', 'config/.env'])('%j does not', (text) => {
    expect(ignoresEnv(text)).toBe(false);
  });
});
