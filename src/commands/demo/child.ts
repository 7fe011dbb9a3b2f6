/** The demo runs send and status as a user would: the built binary in a child process, its --json summary read back. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CampaignSummary } from '../../core/campaign/ledger-state.js';

const cli = fileURLToPath(new URL('../../../bin/wa-ops.js', import.meta.url));

/** What a child run left behind. */
export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A send's --json summary: the campaign's counts, the run's outcome and what this run sent. */
export type SendSummary = CampaignSummary & { outcome: string; thisRun: { sent: number; failed: number } };

/** Where a child runs and what it is told: the demo's folder and settings. */
export interface ChildStage {
  dir: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The user's environment without any wa-ops setting, plus the demo's: the demo is self-contained, so a
 * WA_OPS_STORE, a real token or another events file of the user's must never reach its children.
 */
export function childEnv(own: NodeJS.ProcessEnv, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!/^WA_OPS_/i.test(k)) env[k] = v;
  return { ...env, ...own, NO_COLOR: '1' };
}

/** The children running now, and whether the demo was stopped (then no new one starts). */
const running = new Set<Promise<unknown>>();
const stopping = new Set<() => void>();
let stopped = false;

/** Stop the demo's children (Ctrl-C, SIGTERM): each gets SIGTERM, saves what it has and exits; resolves once all have. */
export async function stopChildren(): Promise<void> {
  stopped = true;
  for (const stop of stopping) stop();
  await Promise.allSettled([...running]);
}

/** Run wa-ops with these arguments in the demo's folder (not the user's: no .env or config of theirs is read), collecting its output. */
export function runChild(args: string[], stage: ChildStage): Promise<ChildResult> {
  if (stopped) return Promise.reject(new Error('the demo was stopped'));
  const p = spawnChild(args, stage);
  running.add(p);
  void p.finally(() => running.delete(p)).catch(() => undefined);
  return p;
}

function spawnChild(args: string[], stage: ChildStage): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: stage.dir, env: childEnv(stage.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = () => child.kill('SIGTERM');
    stopping.add(stop);
    child.on('close', () => stopping.delete(stop));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const COUNTS = ['total', 'sent', 'failed', 'pending', 'unknown', 'skipped', 'delivered', 'read'];

function isSummary(v: unknown): v is CampaignSummary {
  if (typeof v !== 'object' || v === null) return false;
  const fields = new Map<string, unknown>(Object.entries(v));
  const failures = fields.get('failures');
  return typeof fields.get('campaign') === 'string' && COUNTS.every((k) => typeof fields.get(k) === 'number') && typeof failures === 'object' && failures !== null;
}

/** The campaign summary a child printed with --json (status). */
export function campaignSummary(r: ChildResult): CampaignSummary {
  const v: unknown = JSON.parse(r.stdout);
  if (!isSummary(v)) throw new Error(`the demo's child printed no campaign summary: ${r.stderr.split('\n')[0]}`);
  return v;
}

/** The summary a send printed with --json, with its outcome and this run's counts. */
export function sendSummary(r: ChildResult): SendSummary {
  const v: unknown = JSON.parse(r.stdout);
  if (isSummary(v)) {
    const fields = new Map<string, unknown>(Object.entries(v));
    const outcome = fields.get('outcome');
    const thisRun = new Map<string, unknown>(Object.entries(fields.get('thisRun') ?? {}));
    const sent = thisRun.get('sent');
    const failed = thisRun.get('failed');
    if (typeof outcome === 'string' && typeof sent === 'number' && typeof failed === 'number') return { ...v, outcome, thisRun: { sent, failed } };
  }
  throw new Error(`the demo's send printed no summary: ${r.stderr.split('\n')[0]}`);
}
