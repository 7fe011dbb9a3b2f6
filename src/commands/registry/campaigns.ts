/** Declares `wa-ops campaigns`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';

/** Register `wa-ops campaigns` on the program. */
export function registerCampaigns(program: Command, ctx: RegistryContext): void {
  program
    .command('campaigns')
    .description('the campaigns in a folder, one line each: state, progress, last activity')
    .option('--dir <folder>', 'folder holding campaign files and their ledgers (default: ., or the store when one is set)')
    .option('--events <file.jsonl>', 'webhook events file folded into the counts (default: WA_OPS_EVENTS, else webhook-events.jsonl)')
    .option('--store <url>', 'list the campaigns of this PostgreSQL store instead (default: WA_OPS_STORE or "store" in the config file)')
    .addHelpText(
      'after',
      '\nStates: not started, running (a live send holds the ledger lock, or a live worker sends it from the store), paused\n' +
        '(cooldown or daily limit), done, stopped (limited run, or killed: send resumes it), interrupted, aborted, invalid (the file cannot be read).\n\n' +
        'Examples:\n  wa-ops campaigns\n  wa-ops campaigns --dir fixtures/campaigns --json\n  wa-ops campaigns --store "$WA_OPS_STORE"',
    )
    .action(lazy(ctx, async () => (await import('../campaigns.js')).run));
}
