// init's two files are written together or not at all: real files in a temporary folder.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSetupFiles } from '../../src/io/setup-files.js';
import { tempDir } from '../helpers.js';

describe('writeSetupFiles', () => {
  it('writes the config (0644) and merges the secrets into .env (0600)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'OTHER=1\n');
    const merged = writeSetupFiles({ configPath: join(dir, 'c.json'), configText: '{}\n', envPath: join(dir, '.env'), secrets: { WA_OPS_TOKEN: 't' } });
    expect(merged.added).toEqual(['WA_OPS_TOKEN']);
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe('{}\n');
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('OTHER=1\nWA_OPS_TOKEN=t\n');
  });

  it('when .env cannot be written after the config was opened, neither file is written and no temporary is left', () => {
    const dir = tempDir();
    // The .env's folder does not exist: its open fails after the config's temporary file was created.
    expect(() => writeSetupFiles({ configPath: join(dir, 'c.json'), configText: '{}\n', envPath: join(dir, 'missing', '.env'), secrets: { WA_OPS_TOKEN: 't' } })).toThrow(/cannot write .*missing/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when the config cannot be written, the user\'s .env is untouched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'OTHER=1\n');
    mkdirSync(join(dir, 'c.json'));
    expect(() => writeSetupFiles({ configPath: join(dir, 'c.json'), configText: '{}\n', envPath: join(dir, '.env'), secrets: { WA_OPS_TOKEN: 't' } })).toThrow(/is a folder/);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('OTHER=1\n');
    expect(readdirSync(dir).sort()).toEqual(['.env', 'c.json']);
    expect(existsSync(join(dir, 'c.json', '.partial'))).toBe(false);
  });
});
