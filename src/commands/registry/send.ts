/** Declares `wa-ops send`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';
import { MAX_FIELD, MAX_LINE, collect } from './shared-options.js';

/** Register `wa-ops send` on the program. */
export function registerSend(program: Command, ctx: RegistryContext): void {
  program
    .command('send')
    .description('paced template sends with a local ledger: resumable, never twice; or one message now with --to')
    .option('--campaign <file>', 'campaign JSON file (or --to for one message)')
    // send --to: one message now (src/commands/send-to.ts)
    .option('--to <number>', 'send one message to this number now (instead of --campaign)')
    .option('--template <name:lang>', 'with --to: the approved template to send, e.g. order_shipped:en_US')
    .option('--param <key=value>', 'with --to: a template variable, e.g. 1=Ana, body.first_name=Ana, header.1=..., button.0=48213 (repeatable)', collect)
    .option('--text <body>', 'with --to: a free-form text instead of a template (only inside the customer\'s 24 h window)')
    .option('--country <ISO2>', 'with --to: region of a number written without its country code')
    .option('--wait', 'with --to: follow the status webhooks (written by webhook serve) until delivered, read or failed')
    .option('--wait-timeout <duration>', 'with --to --wait: give up after this long (default 2m)')
    .option('--dry-run', 'plan and render every payload, send nothing')
    .option('--yes', 'do not ask for confirmation (required without a terminal)')
    .option('--interval <duration>', 'time between messages per sender (default 6s)')
    .option('--rate <n/unit>', 'messages per s, min or h per sender, e.g. 10/min')
    .option('--limit <n>', 'send to at most n recipients in this run (a retry of the same recipient does not count again)')
    .option('--sample', 'send only to the 10 % pilot sample')
    .option('--no-sample', 'an interrupted --sample run resumes as a run to the whole list (default: it stays a pilot run)')
    .option('--no-wait', 'exit 75 at a cooldown instead of waiting it out')
    .option('--cooldown <duration>', 'base cooldown after a rate-limit error (default: 5m)')
    .option('--retry-unknown', 'resend messages whose outcome is unknown (may duplicate)')
    .option('--ledger <path>', 'ledger file (default: <campaign>.ledger.jsonl next to the campaign)')
    .option('--window <spec>', 'send window in local time, e.g. "09:00-20:00,mon-sat", or "off" (overrides the campaign)')
    .option('--graph-url <url>', 'Graph API base URL, repeat for failover (default: WA_OPS_GRAPH_URL or config)', collect)
    .option('--allow-full-budget', 'use the whole 24 h messaging limit and throughput (default: pause at 90 %)')
    .option('--events <file.jsonl>', 'webhook events file folded into the final counts, and read by --to --wait (default: WA_OPS_EVENTS, else webhook-events.jsonl)')
    .option('--max-duration <duration>', 'stop cleanly after this long (exit 75, state saved), e.g. 50m for a CI job')
    .option('--store <url>', 'keep the campaign in this PostgreSQL store; any number of workers cooperate; with --to: the suppression list kept there (default: WA_OPS_STORE or "store" in the config file)')
    .option('--suppressions <file>', 'the suppression list file to honour, instead of WA_OPS_SUPPRESSIONS or ./wa-ops.suppressions.jsonl (a PostgreSQL store\'s list is honoured as well); it must exist')
    .option(...MAX_LINE)
    .option(...MAX_FIELD)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  wa-ops send --campaign fixtures/campaigns/spring-sale.json --dry-run\n' +
        '  wa-ops send --to +4917012345678 --template order_shipped:en_US --param 1=Ana --param 2=48213 --param 3="12 March" --param button.0=48213 --yes\n' +
        '  wa-ops send --to 017012345678 --country DE --text "Your parcel is on its way" --wait --wait-timeout 1m --yes',
    )
    .action(lazy(ctx, async () => (await import('../send.js')).run));
}
