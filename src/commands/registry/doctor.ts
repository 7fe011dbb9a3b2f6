/** Declares `wa-ops doctor`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';
import { MAX_FIELD, MAX_LINE, collect } from './shared-options.js';

/** Register `wa-ops doctor` on the program. */
export function registerDoctor(program: Command, ctx: RegistryContext): void {
  program
    .command('doctor')
    .description('is this account ready to send, and if not, exactly why')
    .option('--webhook-url <url>', 'check this webhook endpoint (default: WA_OPS_WEBHOOK_URL)')
    .option('--template <name[:language[:CATEGORY]]>', 'check a template (repeatable); with a category, warn when Meta filed it under another', collect)
    .option('--campaign <file>', 'check a campaign: its template, list size against the messaging limit, pace against throughput')
    .option('--offline', 'only the checks that need no network')
    .option('--strict', 'warnings fail too (for CI)')
    .option('--store <url>', 'check this PostgreSQL store (reachable, schema current) and read --campaign from it (default: WA_OPS_STORE or "store" in the config file)')
    .option(...MAX_LINE)
    .option(...MAX_FIELD)
    .action(lazy(ctx, async () => (await import('../doctor.js')).run));
}
