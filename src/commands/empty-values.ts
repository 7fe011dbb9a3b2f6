/** Empty values on the command line (`--host=`, `--events ""`, `analyze ""`): refused for every command before it runs (cli.ts). */
import { UsageError } from '../core/errors.js';

/**
 * Refuse a flag given an empty value (`--host ""`, `--host=`, `--events ''`): no wa-ops flag means anything
 * empty, and an empty value that fell through to a default, or to "every interface", would do what was
 * not asked. Checked for the command and its parents (global flags), only for values typed on the command line.
 */
export function refuseEmptyFlags(command: FlagSource): void {
  for (let c: FlagSource | null = command; c; c = c.parent) {
    for (const o of c.options) {
      const key = o.attributeName();
      if (c.getOptionValueSource(key) !== 'cli') continue;
      const v: unknown = c.getOptionValue(key);
      const empty = (x: unknown) => typeof x === 'string' && x.trim() === '';
      if (empty(v) || (Array.isArray(v) && v.some(empty))) {
        const flag = o.long ?? o.short ?? `--${key}`;
        const known = EMPTY_EXPLAINED[flag];
        if (known) throw new UsageError(`${flag} is empty (${known.why})`, { code: known.code, hint: known.hint });
        throw new UsageError(`${flag} is empty: it needs a value`, { code: 'bad-flag', hint: `give ${flag} a value, or leave the flag out for its default` });
      }
    }
  }
}

/** Refuse an empty positional argument (`wa-ops webhook analyze ""`): it would be read as a path or a number named "". */
export function refuseEmptyArguments(command: ArgumentSource): void {
  const names = command.registeredArguments.map((a) => a.name());
  command.args.forEach((arg, i) => {
    if (typeof arg !== 'string' || arg.trim() !== '') return;
    const name = names[Math.min(i, names.length - 1)] ?? 'argument';
    throw new UsageError(`the ${name} argument is empty`, { code: 'bad-argument', hint: `give ${name} a value (an unset shell variable?)` });
  });
}

/** What refuseEmptyArguments reads of a commander Command. */
export interface ArgumentSource {
  readonly args: readonly unknown[];
  readonly registeredArguments: readonly { name(): string }[];
}

/** Flags whose empty value usually means an unset variable in a command wa-ops printed: say which. */
const EMPTY_EXPLAINED: Record<string, { why: string; code: string; hint: string }> = {
  '--store': {
    why: 'is WA_OPS_STORE set? a printed resume command reads the store URL from it',
    code: 'bad-store',
    hint: 'export WA_OPS_STORE=postgres://USER@HOST:5432/DB (the password in it or in PGPASSWORD), then run the same command; leave --store out to use local files',
  },
};

/** What refuseEmptyFlags reads of a commander Command (structural, so this module does not load commander). */
export interface FlagSource {
  readonly parent: FlagSource | null;
  readonly options: readonly { long?: string; short?: string; attributeName(): string }[];
  getOptionValueSource(key: string): string | undefined;
  getOptionValue(key: string): unknown;
}
