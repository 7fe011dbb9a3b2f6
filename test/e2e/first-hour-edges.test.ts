// Edges found by trying the product as a new user: nothing echoed from a file that is not a list,
// only template files linted, a printed resume command that runs, a bad --window refused at once.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeCommand } from '../../src/core/campaign/resume.js';
import { fixtures, runCli } from '../helpers.js';

const notAList = join(fixtures, 'numbers', 'not-a-list.env');

describe('first-hour edges', () => {
  it('suppressions import of a .env says no phone column without echoing its first line', async () => {
    const r = await runCli(['suppressions', 'import', notAList]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no phone column/);
    expect(r.stderr).not.toMatch(/WA_OPS_TOKEN|EAAG/);
  });

  it('lint-template refuses a file that is neither a .json template nor a .txt body', async () => {
    for (const file of [notAList, join(fixtures, 'numbers', 'customers-de.csv')]) {
      const r = await runCli(['lint-template', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/not a template file/);
      expect(r.stderr).not.toMatch(/WA_OPS_TOKEN/);
    }
  });

  it('a bad --window is a usage error before anything else is consulted', async () => {
    const r = await runCli(['send', '--campaign', join(fixtures, 'campaigns', 'spring-sale.json'), '--window', '25:00-99:00', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/window/);
  });

  it('the resume command drops a used-up --limit and asks again when the run was not confirmed with --yes', () => {
    expect(resumeCommand({ campaign: 'c.json', limit: 0, yes: true })).toBe('wa-ops send --campaign c.json --yes');
    expect(resumeCommand({ campaign: 'c.json', limit: 2, yes: true })).toBe('wa-ops send --campaign c.json --limit 2 --yes');
    expect(resumeCommand({ campaign: 'c.json', yes: false })).toBe('wa-ops send --campaign c.json');
  });
});
