import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, maskSecret } from '../../src/io/config.js';
import { tempDir } from '../helpers.js';

describe('loadConfig', () => {
  it('takes flag > environment > .env > config file > default', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'wa-ops.config.json'), JSON.stringify({ phoneNumberId: 'file-pn', wabaId: 'file-waba', appId: 'file-app', graphUrl: 'https://file/' }));
    writeFileSync(join(cwd, '.env'), 'WA_OPS_WABA_ID=dotenv-waba\nWA_OPS_APP_ID=dotenv-app\n');
    const { settings, sources } = loadConfig({
      cwd,
      env: { WA_OPS_APP_ID: 'env-app', WA_OPS_PHONE_NUMBER_ID: 'env-pn' },
      flags: { phoneNumberId: 'flag-pn' },
    });
    expect(settings).toMatchObject({ phoneNumberId: 'flag-pn', appId: 'env-app', wabaId: 'dotenv-waba', graphUrl: 'https://file', apiVersion: 'v23.0' });
    expect(sources).toMatchObject({ phoneNumberId: 'flag', appId: 'env', wabaId: '.env', graphUrl: 'config', apiVersion: 'default' });
  });

  it('names the line and column of a broken config file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad.json'), '{\n  "wabaId": "1",\n  "token" "x"\n}');
    expect(() => loadConfig({ cwd, env: {}, configPath: 'bad.json' })).toThrow(/bad\.json:3:\d+: invalid JSON/);
    expect(() => loadConfig({ cwd, env: {}, configPath: 'missing.json' })).toThrow(/config file .*missing\.json(:| does not exist)( no such file)?/);
  });

  it('refuses wrong types and unknown keys, naming the file and the key', () => {
    const cwd = tempDir();
    const write = (data: unknown) => writeFileSync(join(cwd, 'wa-ops.config.json'), JSON.stringify(data));
    write({ phoneNumberId: { id: '1' } });
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/wa-ops\.config\.json: "phoneNumberId" must be .*got an object/);
    write({ phoneNumberID: '1' });
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/unknown key "phoneNumberID" \(did you mean "phoneNumberId"\?\)/);
    write({ webhookUrl: 'ftp://x' });
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/"webhookUrl" must be an http\(s\) URL/);
    write({ lint: { rules: {} }, pricing: {}, events: 'e.jsonl', store: 'postgres://u:p@h/db', phoneNumberId: 109876543210987 });
    expect(loadConfig({ cwd, env: {} }).settings.phoneNumberId).toBe('109876543210987');
  });

  it('refuses Graph URLs that would leak the token, from any source, with exit code 2', () => {
    const cwd = tempDir();
    for (const url of ['http://evil.example.com', 'file:///etc/passwd', 'https://user:pw@graph.example.com', 'not a url']) {
      let err: unknown;
      try {
        loadConfig({ cwd, env: { WA_OPS_GRAPH_URL: url } });
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ exitCode: 2, code: 'bad-graph-url', message: expect.stringMatching(/^WA_OPS_GRAPH_URL: /) });
    }
    expect(loadConfig({ cwd, env: { WA_OPS_GRAPH_URL: 'http://127.0.0.1:8080' } }).settings.graphUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ cwd, env: { WA_OPS_GRAPH_URL: 'http://localhost:8080/' } }).settings.graphUrl).toBe('http://localhost:8080');
    expect(loadConfig({ cwd, env: { WA_OPS_GRAPH_URL: 'http://proxy.corp:8080' }, allowInsecureGraphUrl: true }).settings.graphUrl).toBe('http://proxy.corp:8080');
  });

  it('refuses a token holding a line break', () => {
    expect(() => loadConfig({ cwd: tempDir(), env: { WA_OPS_TOKEN: 'EAAGabc\nWA_OPS_GRAPH_URL=http://x' } })).toThrow(/the access token \(from WA_OPS_TOKEN\) holds a line break/);
  });

  it('masks secrets to their last 4 characters', () => {
    expect(maskSecret('EAAGabcdefghijklmnop1234')).toBe('****1234');
    expect(maskSecret('short')).toBe('****');
    expect(maskSecret(undefined)).toBe('(not set)');
  });
});

describe('config and .env files that are not files', () => {
  it('a FIFO, a device, /proc or a folder named as the config is one line and exit 2, never a hang', async () => {
    const { execFileSync } = await import('node:child_process');
    const cwd = tempDir();
    execFileSync('mkfifo', [join(cwd, 'fifo.json')]);
    for (const [path, why] of [
      [join(cwd, 'fifo.json'), /named pipe/],
      ['/dev/zero', /character device/],
      ['/proc/self/environ', /kernel generates/],
      [cwd, /folder/],
    ] as const) {
      expect(() => loadConfig({ cwd, env: {}, configPath: path }), path).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(why) }));
    }
  });

  it('a .env that is a FIFO is refused; a folder named .env (a Python virtualenv) is not ours and is ignored', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdirSync } = await import('node:fs');
    const withFifo = tempDir();
    execFileSync('mkfifo', [join(withFifo, '.env')]);
    expect(() => loadConfig({ cwd: withFifo, env: {} })).toThrow(/\.env .*named pipe/);
    const withVenv = tempDir();
    mkdirSync(join(withVenv, '.env'));
    expect(loadConfig({ cwd: withVenv, env: {} }).settings.token).toBeUndefined();
  });

  it('a typo one level down (lint, pricing) is refused with a suggestion', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'wa-ops.config.json'), JSON.stringify({ lint: { rulez: {} } }));
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/"lint" has an unknown key "rulez" \(did you mean "rules"\?\)/);
    writeFileSync(join(cwd, 'wa-ops.config.json'), JSON.stringify({ pricing: { rate: {} } }));
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/did you mean "rates"/);
  });
});
