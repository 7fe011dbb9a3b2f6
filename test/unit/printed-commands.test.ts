// Commands wa-ops prints for the user to copy survive a POSIX shell whatever the path or URL holds.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { configChecks } from '../../src/core/doctor/config-checks.js';
import { migrateCommand } from '../../src/io/store/pg/open.js';

/** The words sh makes of a command line. */
const words = (line: string): string[] => JSON.parse(execFileSync('sh', ['-c', `node -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- ${line}`], { encoding: 'utf8' })) as string[];

describe('printed commands', () => {
  it("doctor's chmod hint for a config file in a folder with spaces and quotes", () => {
    const path = "/tmp/my wa-ops/it's.config.json";
    const check = configChecks({ token: 't', tokenSource: 'config', apiVersion: 'v23.0', today: '2026-12-02', configFile: { path, mode: 0o644, hasSecrets: true } }).find((c) => c.id === 'config.file-permissions')!;
    const command = /^(chmod 600 .*), or move/.exec(check.hint)![1];
    expect(words(command.replace(/^chmod 600 /, ''))).toEqual([path]);
  });

  it('the store migrate command for a URL holding a quote', () => {
    const url = "postgres://u@db/wa'ops";
    expect(words(migrateCommand(url, 'flag').replace(/^wa-ops store migrate --store /, ''))).toEqual([url]);
  });
});
