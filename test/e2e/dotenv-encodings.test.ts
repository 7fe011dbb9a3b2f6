// A .env saved by Windows tools (UTF-8 with BOM by Notepad, UTF-16 by PowerShell's `>`) sets its variables like any other.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dotenvText } from '../../src/core/dotenv-text.js';
import { runCli, tempDir } from '../helpers.js';

const TEXT = 'WA_OPS_TOKEN=EAAGabcdefgh1234\r\nWA_OPS_WABA_ID=210987654321098\r\n';
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('.env encodings', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)])],
  ])('%s: the token and the WABA id are read', async (_name, bytes) => {
    expect(dotenvText(bytes)).toBe(TEXT);
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), bytes, { mode: 0o600 });
    const r = await runCli(['doctor', '--offline', '--json'], { cwd });
    const checks = JSON.parse(r.stdout).checks as { id: string; status: string; detail: string }[];
    expect(checks.find((c) => c.id === 'config.token')).toMatchObject({ status: 'pass', detail: 'set from .env (****1234)' });
    expect(checks.find((c) => c.id === 'config.waba-id')).toMatchObject({ status: 'pass', detail: '210987654321098' });
  });
});
