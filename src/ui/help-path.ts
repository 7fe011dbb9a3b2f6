/** `wa-ops help webhook serve`: commander's help command takes one level, so a deeper path is asked as `webhook serve --help`. */
import type { Command } from 'commander';

/**
 * The argv to parse: `help <group> <sub> [flags]` becomes `<group> <sub> [flags] --help` when every name is a real
 * (sub)command; with an unknown name it is parsed without --help, so the usual one-line "unknown command" (exit 2) answers.
 */
export function helpPathArgv(program: Command, argv: string[]): string[] {
  if (argv[0] !== 'help') return argv;
  const names = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length === 0) return argv;
  let at = program;
  for (const name of names) {
    const next = at.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (!next) return argv.slice(1);
    at = next;
  }
  return [...argv.slice(1), '--help'];
}
