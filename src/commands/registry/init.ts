/** Declares `wa-ops init`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';

/** Register `wa-ops init` on the program. */
export function registerInit(program: Command, ctx: RegistryContext): void {
  program
    .command('init')
    .description('set up wa-ops.config.json (ids) and .env (secrets, mode 0600), then run doctor')
    .option('--phone-number-id <id>', 'sending phone number id')
    .option('--waba-id <id>', 'WhatsApp Business Account id')
    .option('--app-id <id>', 'app id')
    .option('--graph-url <url>', 'Graph API base URL (e.g. a sandbox)')
    .option('--api-version <v>', 'Graph API version')
    .option('--webhook-url <url>', 'your webhook endpoint')
    .option('--force', 'overwrite an existing config file')
    .option('--no-doctor', 'do not run doctor afterwards')
    .addHelpText(
      'after',
      '\nSecrets (WA_OPS_TOKEN, WA_OPS_APP_SECRET, WA_OPS_VERIFY_TOKEN) are asked for, or read from the environment; never from flags.\n' +
        'An existing .env keeps its other keys: init replaces or adds only its own, and says which.\n' +
        '\nExamples:\n' +
        '  wa-ops init\n' +
        '  wa-ops init --graph-url http://127.0.0.1:8081   # against a running wa-ops sandbox\n' +
        '  WA_OPS_TOKEN=... wa-ops init --phone-number-id 109876543210987 --waba-id 210987654321098 --no-doctor',
    )
    .action(lazy(ctx, async () => (await import('../init.js')).run));
}
