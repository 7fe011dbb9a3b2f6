// Shared helpers for benchmarks: seeded data, child processes with peak RSS, figures.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const cli = join(root, 'bin', 'wa-ops.js');

/** The project's own seeded PRNG, so every run benchmarks the same data. */
export { createRng as rng } from '../dist/core/numbers/sampling.js';

/** Run the CLI in a child process; resolves with wall time, exit code, stdout and the child's peak RSS. */
export function runCli(args, opts = {}) {
  const rssFile = join(tmpdir(), `wa-ops-bench-rss-${process.pid}-${Date.now()}`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', join(root, 'bench', 'report-rss.js'), cli, ...args], {
      env: { ...process.env, WA_OPS_BENCH_RSS: rssFile, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let maxRssKb = NaN;
      try {
        maxRssKb = Number(readFileSync(rssFile, 'utf8'));
        rmSync(rssFile);
      } catch {}
      resolve({ code, ms, stdout, stderr, maxRssMb: maxRssKb / 1024 });
    });
  });
}

export const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Print one figure line. */
export function figure(name, value, unit = '', note = '') {
  console.log(`  ${name.padEnd(34)} ${String(value).padStart(14)} ${unit}${note ? `  (${note})` : ''}`);
}
