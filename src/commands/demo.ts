/** wa-ops demo: the whole flow against an in-process sandbox and webhook server, in a temporary folder (CONTRACT §10). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errnoCode } from '../core/caught.js';
import { errnoText } from '../core/environment-errors.js';
import { InputError } from '../core/errors.js';
import { outJson, paint } from '../ui/output.js';
import { term } from '../ui/term.js';
import { doctorStep, lintStep, validateStep } from './demo/local-steps.js';
import { sendSteps, statusStep, webhookStep } from './demo/send-steps.js';
import { startStage, type DemoStage } from './demo/stage.js';
import { stopChildren } from './demo/child.js';
import { SignalWatch } from '../io/signals.js';
import { nextSteps } from './demo/next-steps.js';

/** The demo's temporary folder; a TMPDIR that is missing or not writable is said as such (exit 2). */
function demoFolder(): string {
  try {
    return mkdtempSync(join(tmpdir(), 'wa-ops-demo-'));
  } catch (err) {
    throw new InputError(`cannot make the demo's folder in ${tmpdir()}: it ${errnoText(errnoCode(err), 'failed')}`, { code: 'file-error', hint: 'set TMPDIR to an existing folder you can write to, and run the demo again' });
  }
}

/** Run the demo; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const started = Date.now();
  const dir = demoFolder();
  const json = term().json;
  // Ctrl-C or SIGTERM: the running step is abandoned, its child stopped, the servers closed and the folder removed
  // (unless --keep) before wa-ops exits 130 or 143, so an interrupted demo leaves nothing behind.
  const watch = new SignalWatch();
  const stage = await startStage(dir, json);
  try {
    return await watch.race(steps(stage, started, flags.keep === true), flags.keep ? `the demo's folder is kept: ${dir}` : "the demo's folder was removed");
  } finally {
    watch.dispose();
    await stopChildren();
    await stage.sandbox.close();
    await stage.webhook.close();
    if (!flags.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** The demo's steps in order, narrated; returns the exit code. */
async function steps(stage: DemoStage, started: number, keep: boolean): Promise<number> {
  const { dir } = stage;
  const json = term().json;
  // Keys in the order of the steps: the --json document reads like the narrated run.
  const result: Record<string, unknown> = { folder: dir };
  if (!json) process.stderr.write(paint('bold', 'wa-ops demo: a whole campaign against a local imitation of the Cloud API. No account, no network.\n'));
  result.validate = await validateStep(stage);
  result.lint = await lintStep(stage);
  result.doctor = await doctorStep(stage);
  const sends = await sendSteps(stage);
  result.send = sends.report;
  await webhookStep(stage);
  const final = await statusStep(stage, sends.campaign);
  result.status = final;
  result.elapsedMs = Date.now() - started;
  if (json) outJson(result);
  else {
    process.stderr.write(`\n${paint('green', `✔ demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s`)}\n`);
    process.stderr.write(`${nextSteps(keep, dir, process.env)}\n`);
  }
  const ok = sends.second.code === 0 && sends.first.code === 75 && final.pending === 0;
  return ok ? 0 : 1;
}
