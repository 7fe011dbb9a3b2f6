/** Commander's usage errors in wa-ops' words: one line saying what is wrong, and a hint naming the command's --help. */
import type { Command, CommanderError } from 'commander';

/** "webhook analyze", "send": the command as typed, for messages. */
export function commandPath(c: Command): string {
  const names: string[] = [];
  for (let x: Command | null = c; x?.parent; x = x.parent) names.unshift(x.name());
  return names.join(' ');
}

/** The deepest command the words of a command line reach, and a word that named no subcommand of a group. */
function commandOf(program: Command, argv: readonly string[]): { cmd: Command; unknown?: string } {
  let cmd = program;
  let skipValue = false;
  for (const token of argv) {
    if (skipValue || token.startsWith('-') || token === 'help') {
      // `--config x.json`: the value of an option is not a command.
      const option = token.startsWith('-') && !token.includes('=') ? [cmd, program].flatMap((c) => c.options).find((o) => o.long === token || o.short === token) : undefined;
      skipValue = !skipValue && Boolean(option?.required || option?.optional);
      continue;
    }
    if (cmd.commands.length === 0) break; // a leaf's arguments
    const next = cmd.commands.find((c) => c.name() === token);
    if (!next) return { cmd, unknown: token }; // `wa-ops help nosuch`
    cmd = next;
  }
  return { cmd };
}

/** The message and hint of a usage error commander raised while reading the command line. */
export function usageError(err: CommanderError, program: Command, argv: readonly string[]): { message: string; hint: string } {
  const { cmd, unknown } = commandOf(program, argv);
  const path = ['wa-ops', commandPath(cmd)].filter(Boolean).join(' ');
  const hint = `run ${path} --help for usage`;
  if (err.code === 'commander.help') {
    // A command group run without its subcommand: commander's own message is only its internal "(outputHelp)".
    const names = cmd.commands.map((c) => c.name()).filter((n) => n !== 'help');
    return { message: unknown === undefined ? `${path} needs a command: ${names.join(', ')}` : `unknown command '${unknown}': ${path} takes ${names.join(', ')}`, hint };
  }
  const [first, ...rest] = err.message.replace(/^error: /, '').split('\n');
  const typed = /^unknown option '(--[^'=]+)/.exec(first)?.[1];
  const suggestion = rest.map((l) => /^\(Did you mean (.+)\?\)$/.exec(l.trim())?.[1]).find(Boolean) ?? (typed && nearOption(typed, [...cmd.options, ...program.options].map((o) => o.long ?? '')));
  return { message: suggestion ? `${first} (did you mean ${suggestion}?)` : first, hint };
}

/**
 * The option a typo meant where commander's edit distance finds none: the same name in other case (--JSON), the one
 * option it begins (--webhook for --webhook-url), or the one holding all its words (--phone-id for --phone-number-id).
 */
export function nearOption(typed: string, longs: readonly string[]): string | undefined {
  const known = longs.filter((l) => l.startsWith('--'));
  const one = (found: string[]) => (found.length === 1 ? found[0] : undefined);
  const lower = typed.toLowerCase();
  const words = lower.slice(2).split('-').filter(Boolean);
  return (
    one(known.filter((k) => k.toLowerCase() === lower)) ??
    one(known.filter((k) => k.startsWith(`${lower}-`))) ??
    (words.length > 1 ? one(known.filter((k) => words.every((w) => k.slice(2).split('-').includes(w)))) : undefined)
  );
}
