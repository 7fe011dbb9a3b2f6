// Ctrl-C on a terminal while send's status line spins stops the run (130) and no further message is sent. Before,
// ora's stdin discarding put the terminal in raw mode and never read the Ctrl-C byte: the campaign sent to the end.
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ latency: [2500, 2500] });
});
afterAll(() => sb.close());

const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasPython)('send on a terminal', () => {
  it('Ctrl-C during the run stops it: exit 130, the rest not sent', async () => {
    const dir = tempDir();
    const phones = Array.from({ length: 6 }, (_, i) => `+491511234567${i}`);
    writeFileSync(join(dir, 'list.csv'), `phone\n${phones.join('\n')}\n`);
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'ctrl-c-run', recipients: 'list.csv', template: { name: 'hello_world', language: 'en_US' } }));
    const env = { TERM: 'xterm', WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const spec = { argv: [process.execPath, join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', 'c.json', '--yes'], env, cwd: dir, cols: 100, steps: [{ expect: 'sent \\d+, failed \\d+, remaining', send: '\u0003' }] };
    const { stdout } = await promisify(execFile)('python3', [join(root, 'test', 'pty-drive.py'), JSON.stringify(spec)], { encoding: 'utf8', timeout: 90_000 });
    const r = JSON.parse(stdout) as { code: number; output: string };
    expect(r.code).toBe(130);
    expect(r.output).toMatch(/ctrl-c-run\s+interrupted/);
    expect(r.output).toMatch(/resume with: wa-ops send --campaign c\.json --yes/);
    const accepted = (await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: unknown[] };
    expect(accepted.data.length).toBeLessThan(phones.length);
  });
});
