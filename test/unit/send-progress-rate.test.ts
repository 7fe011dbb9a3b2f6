// The progress line's rate counts from the run's first step: time spent on the plan and at the prompt is not sending time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../src/core/campaign/engine.js';
import { emptyState } from '../../src/core/campaign/ledger-state.js';
import { config } from './engine-sim.js';

const lines: string[] = [];
vi.mock('../../src/ui/spinner.js', () => ({
  startStatusLine: async () => ({ update: (text: string) => lines.push(text), log: () => undefined, stop: () => undefined }),
}));

afterEach(() => {
  lines.length = 0;
});

describe('send progress rate', () => {
  it('is sent / time since the first step, however long the pre-flight and the prompt took', async () => {
    const { progressReporter } = await import('../../src/commands/send-view.js');
    const progress = await progressReporter();
    const t0 = Date.now() + 60_000; // the operator answered the prompt a minute after the reporter was made
    const engine = createEngine(config(20, { intervalMs: 100 }), emptyState(), t0);
    progress.update(engine, t0);
    engine.thisRun.sent = 10;
    progress.update(engine, t0 + 1000);
    expect(lines.at(-1)).toMatch(/^sent 10, failed 0, remaining \d+, 10\.00\/s/);
  });
});
