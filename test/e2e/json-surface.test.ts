// `--json` keeps its promise at the edges of the command line too: one JSON document on stdout, words a user can act on.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

/** The one JSON document on stdout (fails the test when stdout is anything else). */
function doc(stdout: string): Record<string, unknown> {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('--json at the edges of the command line', () => {
  it('a command group without its subcommand names the subcommands (never commander\'s "(outputHelp)")', async () => {
    for (const [args, message] of [
      [['templates', '--json'], 'wa-ops templates needs a command: list, pull, push, status'],
      [['--json', 'store'], 'wa-ops store needs a command: migrate, import, export'],
      [['--config', 'x.json', '--json', 'webhook'], 'wa-ops webhook needs a command: serve, analyze'],
      [['--json', 'help', 'nosuch'], "unknown command 'nosuch': wa-ops takes validate-numbers,"],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      const error = doc(r.stdout).error as { code: string; message: string };
      expect(error.code).toBe('usage');
      expect(error.message).toContain(message);
      expect(r.stdout).not.toContain('outputHelp');
      expect(r.stderr).toBe('');
    }
    const bare = await runCli(['--json']);
    expect(bare.code).toBe(2);
    expect((doc(bare.stdout).error as { message: string }).message).toMatch(/^wa-ops needs a command: validate-numbers, .*demo$/);
  });

  it('--version --json is a document; plain --version stays the bare version', async () => {
    const json = await runCli(['--version', '--json']);
    expect(json.code).toBe(0);
    expect(doc(json.stdout)).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const plain = await runCli(['-V']);
    expect(plain.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  it('usage errors read as every other error: "wa-ops: ..." on one line, did-you-mean kept, the hint naming the command\'s --help', async () => {
    for (const [args, line, hint] of [
      [['validate-numbers', 'x.csv', '--countri', 'DE'], "wa-ops: unknown option '--countri' (did you mean --country?)", 'run wa-ops validate-numbers --help for usage'],
      [['sedn'], "wa-ops: unknown command 'sedn' (did you mean send?)", 'run wa-ops --help for usage'],
      [['--config', 'c.json', 'templates', 'lst'], "wa-ops: unknown command 'lst' (did you mean list?)", 'run wa-ops templates --help for usage'],
      [['status'], "wa-ops: required option '--campaign <file>' not specified", 'run wa-ops status --help for usage'],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${line}\n  hint: ${hint}\n`);
    }
    const json = await runCli(['validate-numbers', 'x.csv', '--countri', 'DE', '--json']);
    expect(doc(json.stdout)).toEqual({ error: { code: 'usage', message: "unknown option '--countri' (did you mean --country?)", hint: 'run wa-ops validate-numbers --help for usage' } });
  });
});
