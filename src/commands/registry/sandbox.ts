/** Declares `wa-ops sandbox`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';
import { collect } from './shared-options.js';

/** Register `wa-ops sandbox` on the program. */
export function registerSandbox(program: Command, ctx: RegistryContext): void {
  program
    .command('sandbox')
    .description('a local, stateful imitation of the Cloud API for rehearsals, demos and tests')
    .option('--port <n>', 'port (0 picks a free one)', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--token <t>', 'the bearer token it accepts (default: sandbox-token)')
    .option('--templates <file|dir>', 'templates in Meta\'s shape, with a status (default: a built-in set)')
    .option('--webhook-url <url>', 'send signed status, inbound and template webhooks here')
    .option('--app-secret <s>', 'app secret that signs the webhooks and makes the app token appId|secret (default: sandbox-app-secret)')
    .option('--mps <n>', 'messages per second before 130429', '80')
    .option('--fail-rate <0..1>', 'share of sends that fail (131000, 2, dropped connections)', '0')
    .option('--latency <ms|min-max>', 'added latency per request')
    .option('--seed <n>', 'seed for the random choices', '1')
    .option('--scenario <name>', 'make part of the account unhealthy (repeatable): ' + 'token-expired, token-expiring, token-missing-scope, token-no-waba-access, quality-yellow, quality-red, limit-250, health-limited, health-blocked, no-subscribed-apps, number-unverified, name-declined, number-flagged, template-paused', collect)
    .option('--undeliverable <e164>', 'a number that is not on WhatsApp (repeatable; numbers ending 0000 always are)', collect)
    .option('--status-delay <ms>', 'delay between sent, delivered and read webhooks', '100')
    .option('--review-delay <duration>', 'how long submitted or edited templates stay PENDING before review', '2s')
    .option('--phone-number-id <id>', 'another phone number of the account, to rehearse several senders (repeatable)', collect)
    .addHelpText(
      'after',
      '\nA customer writes in (opens the 24 h window, sends the signed inbound webhook):\n  curl -s -X POST http://127.0.0.1:8081/_sandbox/inbound -d \'{"from":"491701234567","text":"Hi"}\'\nA customer stops marketing messages (user_preferences; marketing sends to them then fail with 131050):\n  curl -s -X POST http://127.0.0.1:8081/_sandbox/user-preferences -d \'{"from":"491701234567","value":"stop"}\'\nA template is paused (message_template_status_update PAUSED; remove it for APPROVED):\n  curl -s -X POST http://127.0.0.1:8081/_sandbox/scenario -d \'{"add":["template-paused"]}\'\n\nExamples:\n  wa-ops sandbox --port 8081\n  wa-ops sandbox --port 8081 --webhook-url http://127.0.0.1:8080/webhook --review-delay 10s\n  wa-ops sandbox --scenario quality-red --scenario template-paused --fail-rate 0.05 --seed 7',
    )
    .action(lazy(ctx, async () => (await import('../sandbox.js')).run));
}
