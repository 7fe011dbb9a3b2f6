// The CLI's own answers: help for a nested path, hints on missing settings, the reason --yes is needed.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

/** Run the CLI on a pseudo-terminal (util-linux `script`), so stdin and stdout are TTYs; output is the terminal's. */
function onPty(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const line = [process.execPath, join(root, 'bin', 'wa-ops.js'), ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', line, '/dev/null'], { cwd: tempDir(), env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('wa-ops help <group> <subcommand>', () => {
  it("help webhook serve prints serve's help, not the group's", async () => {
    const r = await runCli(['help', 'webhook', 'serve']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: wa-ops webhook serve \[options\]/);
    expect(r.stdout).toContain('--app-secret');
  });

  it('help webhook nope: one line naming the unknown command, exit 2', async () => {
    const r = await runCli(['help', 'webhook', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wa-ops: unknown command 'nope'\n {2}hint: run wa-ops webhook --help/);
  });
});

describe('a missing setting says where to set it', () => {
  it.each([
    [['templates', 'list', '--json'], {}, 'WA_OPS_TOKEN'],
    [['templates', 'list', '--json'], { WA_OPS_TOKEN: 'x' }, 'WA_OPS_WABA_ID'],
    [['send', '--to', '+14155550100', '--text', 'hi', '--yes', '--json'], { WA_OPS_TOKEN: 'x' }, 'WA_OPS_PHONE_NUMBER_ID'],
    [['webhook', 'serve', '--port', '0', '--json'], {}, 'WA_OPS_APP_SECRET'],
  ])('%j with %j: missing-config, a hint naming %s', async (args, env, variable) => {
    const r = await runCli(args, { env });
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error.code).toBe('missing-config');
    expect(error.hint).toContain(`put ${variable}=... in .env`);
    expect(error.hint).toContain('wa-ops doctor --offline');
  });
});

describe('send without --yes on a terminal with CI set', () => {
  it('says CI is why there is no prompt', async () => {
    const r = await onPty(['send', '--to', '+14155550100', '--text', 'hi'], { WA_OPS_TOKEN: 'x', WA_OPS_PHONE_NUMBER_ID: '1', WA_OPS_GRAPH_URL: 'http://127.0.0.1:1', CI: '1' });
    expect(r.code).toBe(2);
    expect(r.out).toContain('pass --yes to confirm with CI set');
    expect(r.out).toContain('hint: run the same command with --yes');
  }, 30_000);
});

describe('init without its flags on a terminal with CI set', () => {
  it('says CI is why it cannot ask, and which flags to pass', async () => {
    const r = await onPty(['init'], { CI: '1' });
    expect(r.code).toBe(2);
    expect(r.out).toContain('init cannot ask with CI set: pass --phone-number-id');
  }, 30_000);

  it('piped: says it is not running in a terminal', async () => {
    const r = await runCli(['init'], { env: { CI: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('init cannot ask when not running in a terminal: pass --phone-number-id');
  });
});

describe('an events file that stats as a file but cannot be read (EIO)', () => {
  // /proc/self/mem is a regular file whose first read fails with EIO: an environment problem, never "a bug" (70).
  it.runIf(process.platform === 'linux')('status: exit 2, one line naming the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'l.csv'), 'phone\n+14155550100\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'c', recipients: 'l.csv', template: { name: 't', language: 'en_US' } }));
    const r = await runCli(['status', '--campaign', 'c.json', '--json'], { cwd: dir, env: { WA_OPS_EVENTS: '/proc/self/mem' } });
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error.code).toBe('unreadable-file');
    expect(error.message).toBe('/proc/self/mem cannot be read or written: input/output error (a failing disk or device, or a file the system cannot read)');
  });
});

describe('send: a bad flag value is said before the campaign file is read', () => {
  it.each([
    ['--rate', '0/s'],
    ['--limit', '1.5'],
    ['--window', '25:00-26:00'],
  ])('send --campaign missing.json %s %s: bad-flag, not file-not-found', async (flag, value) => {
    const r = await runCli(['send', '--campaign', 'missing.json', flag, value, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('bad-flag');
  });
});

describe('webhook analyze: a line of a known kind without its fields', () => {
  it.each([
    ['{"kind":"status","key":"k1"}', 'a status record without "id"'],
    ['{"kind":"management","key":"k2"}', 'a management record without "field"'],
    ['{"kind":"error","key":"k3","code":1,"ts":"1e20"}', 'an error record with a malformed "ts"'],
    ['{"kind":"status","key":"k4","id":"w","status":"read","cb":{"x":1}}', 'a status record with a malformed "cb"'],
  ])('%s: skipped with one warning naming the line, exit 0 (was 70)', async (line, problem) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ev.jsonl'), `{"kind":"other","key":"k0","field":"x","ts":"1"}\n${line}\n`);
    const r = await runCli(['webhook', 'analyze', 'ev.jsonl', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('management');
    expect(r.stderr).toContain(`ev.jsonl:2: ${problem}, skipped`);
  });
});

describe('an output in a folder that takes no new files', () => {
  it.runIf(process.platform === 'linux')('validate-numbers --out /proc/x: says /proc takes no new files, not that it does not exist', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'l.csv'), 'phone\n+14155550100\n');
    const r = await runCli(['validate-numbers', 'l.csv', '--out', '/proc/wa-ops-x.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wa-ops: cannot write \/proc\/wa-ops-x\.csv: no file can be created in \/proc$/m);
  });
});

describe('an output that fails as it is written (/dev/full)', () => {
  it.runIf(process.platform === 'linux')('status --export /dev/full: one line naming the output, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'l.csv'), 'phone\n+14155550100\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'c', recipients: 'l.csv', template: { name: 't', language: 'en_US' } }));
    const r = await runCli(['status', '--campaign', 'c.json', '--export', '/dev/full'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wa-ops: \/dev\/full cannot be written: no space left on the device$/m);
  });
});

describe('lint-template on a file holding null', () => {
  it('says it found null (it said "found object")', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.json'), 'null\n');
    const r = await runCli(['lint-template', 't.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wa-ops: t\.json: not a message template \(found null\)$/m);
  });
});
