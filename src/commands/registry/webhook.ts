/** Declares `wa-ops webhook serve | analyze`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';
import { collect } from './shared-options.js';

/** Register `wa-ops webhook serve | analyze` on the program. */
export function registerWebhook(program: Command, ctx: RegistryContext): void {
  const webhook = program.command('webhook').description('receive, verify and analyse status callbacks');
  webhook
    .command('serve')
    .description('the endpoint Meta calls: verify handshake, signed POSTs stored durably in the events file, opt-outs to the suppression list')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on (0.0.0.0 to accept outside connections)', '127.0.0.1')
    .option('--path <path>', 'URL path', '/webhook')
    .option('--app-secret <s>', 'app secret (default: WA_OPS_APP_SECRET; prefer the environment)')
    .option('--verify-token <t>', 'verify token (default: WA_OPS_VERIFY_TOKEN; prefer the environment)')
    .option('--events <file.jsonl>', 'events file (default: WA_OPS_EVENTS, config "events", else ./webhook-events.jsonl)')
    .option('--store <url>', 'store events and opt-outs in this PostgreSQL store instead (several receivers may share it; default: WA_OPS_STORE or "store" in the config file)')
    .option('--tls-cert <file>', 'TLS certificate (PEM), to serve HTTPS directly')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option('--campaigns <dir>', 'folder with campaign ledgers, read to find the number of an opt-out that lacks callback data (repeatable; default: .)', collect)
    .option('--suppressions <file>', 'suppression list (default: WA_OPS_SUPPRESSIONS or ./wa-ops.suppressions.jsonl)')
    .option('--forward-to <url>', 'after storing, forward each POST (exact body and signature) to this endpoint')
    .option('--forward-attempts <n>', 'with --forward-to: tries per forwarded POST before it becomes a dead letter (default: 5)')
    .addHelpText(
      'after',
      '\nExamples:\n  wa-ops webhook serve --port 8080\n  wa-ops webhook serve --events /var/lib/wa-ops/events.jsonl --forward-to https://app.example.com/whatsapp\n' +
        '\nStops on Ctrl-C (exit 130) or SIGTERM (exit 143) after everything received is on disk.',
    )
    .action(lazy(ctx, async () => (await import('../webhook.js')).serve));
  webhook
    .command('analyze')
    .description('delivery funnel, latencies, failures, account and template events, errors and pricing from an events file')
    .argument('[events.jsonl]', 'events file written by webhook serve (default: --events, WA_OPS_EVENTS, config "events", ./webhook-events.jsonl)')
    .option('--events <file.jsonl>', 'events file (same as the argument)')
    .option('--store <url>', 'read the events from this PostgreSQL store instead of a file (default: WA_OPS_STORE or "store" in the config file)')
    .option('--html <file>', 'also write a self-contained HTML report')
    .option('--force', 'with --html: replace an existing file even if it is not an earlier report')
    .option('--campaigns <dir>', 'folder holding campaign ledgers (repeatable; default: .)', collect)
    .addHelpText('after', '\nExamples:\n  wa-ops webhook analyze\n  wa-ops webhook analyze webhook-events.jsonl --campaigns campaigns --html report.html\n  wa-ops webhook analyze --json | jq .management')
    .action(lazy(ctx, async () => (await import('../webhook.js')).analyze));
}
