// The progress reporter of a send says a cooldown wait once, on stderr; under --no-wait there is no such wait (the run
// only lets its requests in flight finish, then stops with exit 75 and says until when), so it says nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressReporter } from '../../src/commands/send-view.js';
import { createEngine } from '../../src/core/campaign/engine.js';
import { emptyState } from '../../src/core/campaign/ledger-state.js';
import { setTerm } from '../../src/ui/term.js';
import { config, T0 } from './engine-sim.js';

afterEach(() => vi.restoreAllMocks());

async function announced(noWait: boolean): Promise<string> {
  setTerm({ color: false, interactive: false, stderrTty: false, json: true, quiet: false, verbose: false });
  let err = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  const engine = createEngine(config(3, { noWait }), emptyState(), T0);
  // As the engine sleeps while a cooldown holds, with requests still in flight (under --no-wait: one second at a time).
  engine.waiting = { until: T0 + 1000, why: 'cooldown' };
  const reporter = await progressReporter();
  reporter.update(engine, T0);
  reporter.stop();
  return err;
}

describe('send progress: a cooldown', () => {
  it('is announced as a wait when the run waits it out', async () => {
    expect(await announced(false)).toMatch(/cooldown: .*waiting \(Ctrl-C stops/);
  });

  it('is not announced as a wait under --no-wait', async () => {
    expect(await announced(true)).not.toMatch(/waiting/);
  });
});
