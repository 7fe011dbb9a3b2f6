// The demo's last line names commands that work when pasted where `npm start` (or wa-ops demo) was run.
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextSteps } from '../../src/commands/demo/next-steps.js';
import { root } from '../helpers.js';

describe('demo next steps', () => {
  it('under npm start: node <path to bin> sandbox, and npm start -- --keep, runnable from the folder npm was run in', () => {
    for (const cwd of [root, join(root, 'fixtures', 'numbers')]) {
      const line = nextSteps(false, '/tmp/x', { npm_lifecycle_event: 'start', npm_package_name: 'wa-ops', INIT_CWD: cwd });
      expect(line).toMatch(/^Run npm start -- --keep to look at/);
      const cli = /Next: (node \S+) sandbox \(or wa-ops sandbox after npm link\)/.exec(line)?.[1];
      expect(cli, line).toBeDefined();
      expect(execSync(`${cli} --version`, { cwd, encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('installed (no npm start): wa-ops sandbox and wa-ops demo --keep', () => {
    expect(nextSteps(false, '/tmp/x', {})).toBe('Run wa-ops demo --keep to look at the ledger, the events and report.html. Next: wa-ops sandbox, then point WA_OPS_GRAPH_URL at it and try each command.');
    expect(nextSteps(true, '/tmp/x', {})).toMatch(/^Files kept in \/tmp\/x/);
  });
});
