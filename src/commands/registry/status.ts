/** Declares `wa-ops status`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';
import { MAX_FIELD, MAX_LINE } from './shared-options.js';

/** Register `wa-ops status` on the program. */
export function registerStatus(program: Command, ctx: RegistryContext): void {
  program
    .command('status')
    .description('where a campaign stands, from its ledger')
    .requiredOption('--campaign <file>', 'campaign JSON file')
    .option('--ledger <path>', 'ledger file (default: <campaign>.ledger.jsonl next to the campaign)')
    .option('--export <file.csv>', 'one row per recipient: state, wamid, error code and times')
    .option('--force', 'with --export: replace an existing file even if it is not an earlier export')
    .option('--events <file.jsonl>', 'webhook events file folded into the counts (default: WA_OPS_EVENTS, else webhook-events.jsonl)')
    .option('--store <url>', 'read the campaign from this PostgreSQL store (default: WA_OPS_STORE or "store" in the config file)')
    .option(...MAX_LINE)
    .option(...MAX_FIELD)
    // status --watch (src/commands/status-watch.ts)
    .option('--watch', 'refresh the table in place until Ctrl-C (one JSON line per interval with --json)')
    .option('--interval <duration>', 'with --watch: time between refreshes (default 2s)')
    .action(lazy(ctx, async () => (await import('../status.js')).run));
}
