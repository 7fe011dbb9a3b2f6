// Test helpers: spawn the built CLI, make temporary folders.
import { spawn, type ChildProcessByStdio, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const fixtures = join(root, 'fixtures');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The test process's environment without anything of the developer's that would change wa-ops' behaviour (WA_OPS_*, proxies). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^WA_OPS_/i.test(k) || /^(https?|no|all)_proxy$/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', CI: '1', ...extra };
}

/** Run bin/wa-ops.js with arguments; never rejects on a non-zero exit. Hermetic: an empty temporary working
 * directory (no .env or wa-ops.config.json of the developer's) and no WA_OPS_* variables unless given. */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...args], {
    cwd: opts.cwd ?? mkdtempSync(join(tmpdir(), 'wa-ops-cwd-')),
    env: cleanEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(opts.input ?? '');
  return collect(child);
}

/** A child's whole stdout and stderr, and how it ended. */
function collect(child: ChildProcessWithoutNullStreams | ChildProcessByStdio<null, Readable, Readable>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A new temporary folder. */
export function tempDir(prefix = 'wa-ops-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Run a command line wa-ops printed for the user to copy, exactly as printed, in sh (its quoting applies), with `wa-ops` as the built CLI; hermetic like runCli. */
export function runPrinted(line: string, opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  const script = `wa_ops() { "${process.execPath}" "${join(root, 'bin', 'wa-ops.js')}" "$@"; }\n${line.replace(/^wa-ops /, 'wa_ops ')}`;
  return collect(spawn('sh', ['-c', script], { cwd: opts.cwd, env: cleanEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] }));
}
