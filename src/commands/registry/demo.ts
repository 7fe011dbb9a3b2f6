/** Declares `wa-ops demo`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';

/** Register `wa-ops demo` on the program. */
export function registerDemo(program: Command, ctx: RegistryContext): void {
  program
    .command('demo')
    .description('the whole flow against a local sandbox, no account needed')
    .option('--keep', 'keep the temporary folder and print its path')
    .action(lazy(ctx, async () => (await import('../demo.js')).run));
}
