import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, maskSecret } from '../../src/io/config.js';
import { tempDir } from '../helpers.js';

describe('loadConfig', () => {
  it('takes flag > environment > .env > config file > default', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'wa-ops.config.json'), JSON.stringify({ phoneNumberId: 'file-pn', wabaId: 'file-waba', appId: 'file-app', graphUrl: 'http://file/' }));
    writeFileSync(join(cwd, '.env'), 'WA_OPS_WABA_ID=dotenv-waba\nWA_OPS_APP_ID=dotenv-app\n');
    const { settings, sources } = loadConfig({
      cwd,
      env: { WA_OPS_APP_ID: 'env-app', WA_OPS_PHONE_NUMBER_ID: 'env-pn' },
      flags: { phoneNumberId: 'flag-pn' },
    });
    expect(settings).toMatchObject({ phoneNumberId: 'flag-pn', appId: 'env-app', wabaId: 'dotenv-waba', graphUrl: 'http://file', apiVersion: 'v23.0' });
    expect(sources).toMatchObject({ phoneNumberId: 'flag', appId: 'env', wabaId: '.env', graphUrl: 'config', apiVersion: 'default' });
  });

  it('names the line and column of a broken config file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad.json'), '{\n  "wabaId": "1",\n  "token" "x"\n}');
    expect(() => loadConfig({ cwd, env: {}, configPath: 'bad.json' })).toThrow(/bad\.json:3:\d+: invalid JSON/);
    expect(() => loadConfig({ cwd, env: {}, configPath: 'missing.json' })).toThrow(/cannot read config file/);
  });

  it('masks secrets to their last 4 characters', () => {
    expect(maskSecret('EAAGabcdefghijklmnop1234')).toBe('****1234');
    expect(maskSecret('short')).toBe('****');
    expect(maskSecret(undefined)).toBe('(not set)');
  });
});
