// Ctrl-C or SIGTERM in the middle of validate-numbers: the outputs never appear half-written, and no
// temporary ".partial" file is left next to them (they are written on a validation thread), nor the
// staged rows of the pilot sample in the temp folder.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

function bigList(path: string): void {
  const rows = ['Name;Handy;Land'];
  for (let i = 0; i < 300_000; i++) rows.push(`Kunde ${i};0170 ${String(1_000_000 + i)};${i % 3 === 0 ? 'Österreich' : 'DE'}`);
  writeFileSync(path, rows.join('\r\n') + '\r\n');
}

async function interrupt(signal: 'SIGINT' | 'SIGTERM' | 'SIGKILL'): Promise<{ code: number | null; files: string[]; dir: string; pid: number }> {
  const dir = tempDir('wa-ops-numbers-int-');
  bigList(join(dir, 'list.csv'));
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'validate-numbers', 'list.csv', '--country', 'DE', '--out', 'out.csv', '--valid-out', 'valid.csv', '--sample-out', 'pilot.csv'], {
    cwd: dir,
    // The pilot sample's rows are staged in the temp folder: here, so the test sees them.
    env: cleanEnv({ TMPDIR: dir }),
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Wait until the outputs are being written, then stop the run.
  const deadline = Date.now() + 30_000;
  const writing = () => readdirSync(dir).some((f) => f.endsWith('.partial')) && readdirSync(dir).some((f) => f.startsWith('wa-ops-sample-'));
  while (!writing() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  // The main thread learns of the validation thread's files by message: give it a moment, as a person's Ctrl-C would.
  await new Promise((r) => setTimeout(r, 200));
  child.kill(signal);
  const code = await exited;
  return { code, files: readdirSync(dir).sort(), dir, pid: child.pid! };
}

describe('validate-numbers interrupted', () => {
  it('Ctrl-C exits 130 and leaves only the list: no partial output, no temporary file', async () => {
    const r = await interrupt('SIGINT');
    expect(r.code).toBe(130);
    expect(r.files).toEqual(['list.csv']);
  }, 60_000);

  it('SIGTERM exits 143 and leaves only the list', async () => {
    const r = await interrupt('SIGTERM');
    expect(r.code).toBe(143);
    expect(r.files).toEqual(['list.csv']);
  }, 60_000);
});

describe('validate-numbers killed with SIGKILL (no exit handler runs)', () => {
  it('leaves temporary files named with its pid, which the next run removes; a live process\'s files stay', async () => {
    const r = await interrupt('SIGKILL');
    const leftovers = r.files.filter((f) => f !== 'list.csv');
    // Its outputs never appeared; its temporary files carry its pid.
    expect(leftovers.some((f) => /^\.(out|valid|pilot)\.csv\.\d+-[0-9a-f]{16}\.partial$/.test(f) && f.includes(`.${r.pid}-`))).toBe(true);
    expect(leftovers.some((f) => f.startsWith(`wa-ops-sample-${r.pid}-`))).toBe(true);
    expect(leftovers.filter((f) => !f.includes(`${r.pid}-`))).toEqual([]);
    // Files of a live process (this test's) in the same names must survive the next run.
    const live = [`.out.csv.${process.pid}-0123456789abcdef.partial`, `wa-ops-sample-${process.pid}-0123456789abcdef.bin`];
    for (const f of live) writeFileSync(join(r.dir, f), 'busy');
    const again = await runCli(['validate-numbers', 'list.csv', '--country', 'DE', '--out', 'out.csv', '--valid-out', 'valid.csv', '--sample-out', 'pilot.csv', '--json'], { cwd: r.dir, env: { TMPDIR: r.dir } });
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(r.dir).sort()).toEqual([...live, 'list.csv', 'out.csv', 'pilot.csv', 'valid.csv'].sort());
    for (const f of live) expect(readFileSync(join(r.dir, f), 'utf8')).toBe('busy');
  }, 90_000);
});

describe('validate-numbers --out - whose reader stops early (| head)', () => {
  it('stops quietly with 141, as a tool stopped by SIGPIPE, not as a bug (70)', async () => {
    const dir = tempDir('wa-ops-numbers-pipe-');
    bigList(join(dir, 'list.csv'));
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'validate-numbers', 'list.csv', '--country', 'DE', '--out', '-'], {
      cwd: dir,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Read the first chunk, then close the pipe as `head -1` does.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first).toMatch(/^Name;Handy;Land;e164;status;reason;region;type;detail/);
    expect(code).toBe(141);
    expect(stderr).not.toMatch(/internal error|EPIPE/);
  }, 60_000);
});

describe('validate-numbers --out on a full disk', () => {
  it.skipIf(!existsSync('/dev/full'))('is a usage/environment error (2) naming the cause, not an internal error (70)', async () => {
    const dir = tempDir('wa-ops-numbers-full-');
    writeFileSync(join(dir, 'list.csv'), 'Name;Handy\r\nAnna;0170 1234567\r\n');
    const r = await runCli(['validate-numbers', join(dir, 'list.csv'), '--country', 'DE', '--out', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be written: no space left on the device/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

