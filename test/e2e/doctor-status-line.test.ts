// doctor waits on the Graph API: on a terminal a status line says so; on a pipe or under --json nothing extra shows.
import { execFile, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

// A Graph host that answers every request after `delay` ms (with an error: the answer does not matter here).
let delay = 1500;
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res) => {
    setTimeout(() => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"slow","type":"OAuthException","code":190}}'), delay).unref();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const env = () => ({ WA_OPS_GRAPH_URL: url, WA_OPS_ALLOW_INSECURE_GRAPH_URL: '1', WA_OPS_TOKEN: 'EAAslow-token-1234', WA_OPS_PHONE_NUMBER_ID: '1', WA_OPS_WABA_ID: '2' });
const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

describe('doctor status line while the Graph API is slow', () => {
  it.skipIf(!hasPython)('shows on a terminal, naming the host it waits on', async () => {
    const spec = { argv: [process.execPath, join(root, 'bin', 'wa-ops.js'), 'doctor'], env: { TERM: 'xterm', ...env() }, cwd: tempDir(), cols: 100, steps: [] };
    const { stdout } = await promisify(execFile)('python3', [join(root, 'test', 'pty-drive.py'), JSON.stringify(spec)], { encoding: 'utf8', timeout: 60_000 });
    const r = JSON.parse(stdout) as { code: number; output: string };
    expect(r.code).toBe(1);
    expect(r.output).toContain(`doctor: checking ${new URL(url).host} ...`);
    expect(r.output).toContain('config.token');
  });

  // ora's stdin discarding put the terminal in raw mode and never read the Ctrl-C byte: doctor ran to the end.
  it.skipIf(!hasPython)('Ctrl-C while it waits stops doctor (130), the status line cleared before the message', async () => {
    delay = 20_000;
    try {
      const steps = [{ expect: 'doctor: checking', send: '\u0003' }];
      const spec = { argv: [process.execPath, join(root, 'bin', 'wa-ops.js'), 'doctor'], env: { TERM: 'xterm', ...env() }, cwd: tempDir(), cols: 100, steps };
      const { stdout } = await promisify(execFile)('python3', [join(root, 'test', 'pty-drive.py'), JSON.stringify(spec)], { encoding: 'utf8', timeout: 60_000 });
      const r = JSON.parse(stdout) as { code: number; output: string };
      expect(r.code).toBe(130);
      expect(r.output).toContain('wa-ops: doctor interrupted by SIGINT');
      expect(r.output.slice(r.output.indexOf('interrupted by SIGINT'))).not.toContain('doctor: checking');
      expect(r.output).not.toContain('config.token');
    } finally {
      delay = 1500;
    }
  });

  it('adds nothing on a pipe or under --json', async () => {
    for (const args of [['doctor'], ['doctor', '--json']]) {
      const r = await runCli(args, { env: { ...env(), CI: undefined } });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain('doctor: checking');
      expect(r.stdout).not.toContain('doctor: checking');
    }
  });
});
