import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

/** Subcommand names listed under "Commands:" in a help text. */
function subcommands(help: string): string[] {
  const section = help.split(/\nCommands:\n/)[1]?.split(/\n\n/)[0] ?? '';
  return section
    .split('\n')
    .map((l) => /^ {2}([a-z][a-z-]*)/.exec(l)?.[1])
    .filter((n): n is string => Boolean(n) && n !== 'help');
}

/** Every command path with its help run (one spawn each). */
async function allCommands(): Promise<{ path: string[]; r: Awaited<ReturnType<typeof runCli>> }[]> {
  const out: { path: string[]; r: Awaited<ReturnType<typeof runCli>> }[] = [];
  const walk = async (path: string[], help: string) => {
    const children = await Promise.all(subcommands(help).map(async (name) => ({ path: [...path, name], r: await runCli([...path, name, '--help']) })));
    for (const c of children) {
      out.push(c);
      await walk(c.path, c.r.stdout);
    }
  };
  await walk([], (await runCli(['--help'])).stdout);
  return out;
}

describe('help', () => {
  it('every command shows two or three examples, the global flags, and defaults written one way', async () => {
    const commands = await allCommands();
    expect(commands.length).toBeGreaterThan(15);
    for (const { path, r } of commands) {
      const name = path.join(' ');
      expect(r.code, name).toBe(0);
      expect(r.stdout.split(/\nExamples:\n/).length, `${name}: one Examples block`).toBe(2);
      const examples = (r.stdout.split(/\nExamples:\n/)[1] ?? '').split('\n').filter((l) => /^ {2}(\S+=\S+ )*wa-ops /.test(l));
      expect(examples.length, `${name}: examples`).toBeGreaterThanOrEqual(2);
      expect(examples.length, `${name}: examples`).toBeLessThanOrEqual(3);
      expect(r.stdout, `${name}: examples written one way (no "$ " prompt)`).not.toMatch(/^ {2}\$ /m);
      expect(r.stdout, `${name}: an example the redaction layer had to cut`).not.toMatch(/\[redacted\]/);
      expect(r.stdout, `${name}: a large default without thousands separators`).not.toMatch(/default: (?!8080\b)\d{4,}\b/); // a port is a name, not a count
      expect(r.stdout, `${name}: global flags`).toMatch(/Global Options:[\s\S]*--json[\s\S]*--no-color/);
      expect(r.stdout, `${name}: "(default X)" without a colon`).not.toMatch(/\(default [^:]/);
      expect(r.stdout, `${name}: quoted default`).not.toMatch(/default: "/);
    }
  }, 120_000);

  it('the examples of validate-numbers and lint-template run as written from a clone', async () => {
    const dir = tempDir();
    symlinkSync(join(root, 'fixtures'), join(dir, 'fixtures'));
    for (const cmd of ['validate-numbers', 'lint-template']) {
      const help = (await runCli([cmd, '--help'])).stdout;
      const lines = help.split(/\nExamples:\n/)[1].split('\n').map((l) => l.trim()).filter((l) => l.startsWith('wa-ops ') && !/[>|]/.test(l) && !/ templates\//.test(l));
      for (const line of lines) {
        const args = line.slice('wa-ops '.length).match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
        const r = await runCli(args, { cwd: dir });
        expect([0, 1], `${line}\n${r.stderr}`).toContain(r.code);
      }
    }
  }, 60_000);
});
