import { describe, expect, it } from 'vitest';
import { mergeEnv } from '../../src/core/dotenv-merge.js';

describe('mergeEnv', () => {
  it('creates a file with a header when there is none', () => {
    const m = mergeEnv(undefined, { WA_OPS_TOKEN: 't1' }, '# header');
    expect(m.text).toBe('# header\nWA_OPS_TOKEN=t1\n');
    expect(m.added).toEqual(['WA_OPS_TOKEN']);
  });

  it('keeps comments, order, export prefixes and other keys; replaces in place; drops duplicates of its keys', () => {
    const before = '# db\nexport DB=postgres://x\r\nWA_OPS_TOKEN=old\nAPI_KEY="a b"\nWA_OPS_TOKEN=older\nWA_OPS_VERIFY_TOKEN=same\n';
    const m = mergeEnv(before, { WA_OPS_TOKEN: 'new', WA_OPS_VERIFY_TOKEN: 'same', WA_OPS_APP_SECRET: 's e#cret' }, '# header');
    expect(m.text).toBe('# db\nexport DB=postgres://x\nWA_OPS_TOKEN=new\nAPI_KEY="a b"\nWA_OPS_VERIFY_TOKEN=same\nWA_OPS_APP_SECRET="s e#cret"\n');
    expect(m).toMatchObject({ replaced: ['WA_OPS_TOKEN'], unchanged: ['WA_OPS_VERIFY_TOKEN'], added: ['WA_OPS_APP_SECRET'], kept: ['DB', 'API_KEY'] });
  });

  it('keeps a Windows file\'s CRLF line endings and an export prefix on a replaced key', () => {
    const m = mergeEnv('A=1\r\nexport WA_OPS_TOKEN=old\r\n', { WA_OPS_TOKEN: 'new', WA_OPS_WABA_ID: '2' }, '# header');
    expect(m.text).toBe('A=1\r\nexport WA_OPS_TOKEN=new\r\nWA_OPS_WABA_ID=2\r\n');
  });
});
