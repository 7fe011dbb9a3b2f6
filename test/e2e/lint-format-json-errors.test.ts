import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

describe('lint-template --format json on bad input', () => {
  it('prints the error document on stdout (a CI step piping to jq reads why), exit 2', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"name": tru,\n"language": "en", "category": "UTILITY", "components": []}\n');
    for (const args of [['--format', 'json'], ['--format=json']]) {
      const r = await runCli(['lint-template', file, ...args]);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'invalid-json', message: `${file}:1:13: invalid JSON: Unexpected token: not valid JSON`, hint: 'fix the JSON syntax at that position' } });
    }
    const flag = await runCli(['lint-template', file, '--format', 'json', '--max-warnings', 'x']);
    expect(flag.code).toBe(2);
    expect(JSON.parse(flag.stdout).error.code).toBe('bad-flag');
  });
});
