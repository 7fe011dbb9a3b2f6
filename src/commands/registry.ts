/** Declares every subcommand and its flags; the implementation of each is imported only when it runs. */
import type { Command } from 'commander';

type SetExit = (code: number) => void;
type Runner = (args: unknown[], opts: Record<string, unknown>) => Promise<number>;

let packageVersion = '0.0.0';

function lazy(setExit: SetExit, load: () => Promise<{ run: Runner }>) {
  return async (...params: unknown[]) => {
    const cmd = params[params.length - 1] as Command;
    const args = params.slice(0, -2);
    const { run } = await load();
    setExit(await run(args, { ...cmd.optsWithGlobals(), packageVersion }));
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

// The caps on a list's records, with the same names wherever a list is read (validate-numbers, send, status, doctor).
const MAX_LINE = ['--max-line-length <chars>', 'refuse a list record longer than this (default: 1,000,000)'] as const;
const MAX_FIELD = ['--max-field-length <chars>', 'refuse a list field longer than this (default: 100,000)'] as const;

/** Register all subcommands on the program. */
export function registerCommands(program: Command, version: string, setExit: SetExit): void {
  packageVersion = version;
  program
    .command('validate-numbers')
    .description('normalise a phone list to E.164, explain every bad row, find duplicates, draw a pilot sample')
    .argument('<file>', 'CSV file (comma, semicolon or tab; UTF-8, UTF-16 or Windows-1252), or - for standard input')
    .option('--column <name>', 'phone column (default: detected from the header)')
    .option('--country <ISO2>', 'default region for numbers written without a country code')
    .option('--country-column <name>', 'column holding each row\'s country: ISO2, ISO3, ISO numeric, calling code or name (default: detected; never a "region" column)')
    .option('--out <file>', 'annotated copy of every row (- for standard output)')
    .option('--valid-out <file>', 'valid, unique rows only')
    .option('--sample <percent>', 'pilot sample size in percent', '10')
    .option('--sample-out <file>', 'uniform random sample of the valid unique rows')
    .option('--seed <n>', 'seed that makes the sample reproducible')
    .option('--sample-only', 'validate only a random sample and estimate the whole file')
    .option('--mobile-only', 'numbers that cannot be mobile are invalid (not-mobile)')
    .option('--max-invalid <percent>', 'exit 1 when the invalid rate is above this (CI gate)')
    .option('--workers <n>', 'worker threads (default: one per core, none for small files)')
    .option(...MAX_LINE)
    .option(...MAX_FIELD)
    .action(lazy(setExit, () => import('./validate-numbers.js')));

  program
    .command('lint-template')
    .description('catch what gets templates rejected or re-categorised, before Meta does')
    .argument('[files...]', 'template JSON files (one, an array, or a message_templates response), .txt bodies, or folders')
    .option('--text <body>', 'lint a body text given here')
    .option('--language <code>', 'language of the templates (overrides; needed for .txt and --text), e.g. de, pt_BR')
    .option('--category <category>', 'MARKETING, UTILITY or AUTHENTICATION (overrides; needed for .txt and --text)')
    .option('--format <format>', 'stylish, json, sarif or github (default: stylish, json with --json)')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('--rule <id=setting>', 'set a rule to off, warn or error (repeatable)', collect)
    .addHelpText(
      'after',
      '\nRules: abbreviation, discount-percentage, external-link, url-shortener, variable-sequence, variable-position,\n' +
        'variable-adjacent, variable-density, variable-example, length, name-format, buttons, promotional-in-utility,\n' +
        'formatting, sensitive-data. Configure them with "lint": {"rules": {...}, "words": {...}} in wa-ops.config.json.\n' +
        '\nExamples:\n' +
        '  wa-ops lint-template fixtures/templates/clean/\n' +
        '  wa-ops lint-template --text "Hallo {{1}}, 30 % Rabatt für VIPs" --language de --category MARKETING\n' +
        '  wa-ops lint-template templates/ --format sarif > wa-ops.sarif',
    )
    .action(lazy(setExit, () => import('./lint-template.js')));

  program
    .command('doctor')
    .description('is this account ready to send, and if not, exactly why')
    .option('--webhook-url <url>', 'check this webhook endpoint (default: WA_OPS_WEBHOOK_URL)')
    .option('--template <name[:lang[:category]]>', 'check a template (repeatable); with a category, warn when Meta filed it under another', collect)
    .option('--campaign <file>', 'check a campaign: its template, list size against the messaging limit, pace against throughput')
    .option('--offline', 'only the checks that need no network')
    .option('--strict', 'warnings fail too (for CI)')
    .option('--store <url>', 'check this PostgreSQL store (reachable, schema current) and read --campaign from it (default: WA_OPS_STORE or "store" in the config file)')
    .option(...MAX_LINE)
    .option(...MAX_FIELD)
    .action(lazy(setExit, () => import('./doctor.js')));

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
    .action(lazy(setExit, () => import('./init.js')));

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
    .option('--limit <n>', 'send at most n messages in this run')
    .option('--sample', 'send only to the 10 % pilot sample')
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
    .action(lazy(setExit, () => import('./send.js')));

  program
    .command('status')
    .description('where a campaign stands, from its ledger')
    .requiredOption('--campaign <file>', 'campaign JSON file')
    .option('--ledger <path>', 'ledger file (default: <campaign>.ledger.jsonl next to the campaign)')
    .option('--export <file.csv>', 'one row per recipient: state, wamid, error code and times')
    .option('--events <file.jsonl>', 'webhook events file folded into the counts (default: WA_OPS_EVENTS, else webhook-events.jsonl)')
    .option('--store <url>', 'read the campaign from this PostgreSQL store (default: WA_OPS_STORE or "store" in the config file)')
    .option(...MAX_LINE)
    .option(...MAX_FIELD)
    // status --watch (src/commands/status-watch.ts)
    .option('--watch', 'refresh the table in place until Ctrl-C (one JSON line per interval with --json)')
    .option('--interval <duration>', 'with --watch: time between refreshes (default 2s)')
    .action(lazy(setExit, () => import('./status.js')));

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
    .action(lazy(setExit, () => import('./campaigns.js')));

  const templates = program
    .command('templates')
    .description('the account\'s message templates: list, pull to files, push from files, follow their review')
    .addHelpText('after', '\nExamples:\n  wa-ops templates list --status REJECTED\n  wa-ops templates pull --out templates && wa-ops templates push templates/\n  wa-ops templates status --watch');
  const tpl = (name: 'list' | 'pull' | 'push' | 'status') => lazy(setExit, async () => ({ run: (await import('./templates.js'))[name] }));
  const filters = (c: Command) =>
    c
      .option('--status <list>', 'only these statuses, comma-separated: APPROVED, PENDING, REJECTED, PAUSED, DISABLED')
      .option('--name <text>', 'only names containing this')
      .option('--language <list>', 'only these language codes, comma-separated, e.g. en_US,de')
      .option('--category <list>', 'only these categories: MARKETING, UTILITY, AUTHENTICATION');
  filters(templates.command('list').description('name, language, category, status, quality, rejection reason and last update of each template'))
    .addHelpText('after', '\nExamples:\n  wa-ops templates list\n  wa-ops templates list --status REJECTED,PAUSED\n  wa-ops templates list --language de --category MARKETING --json')
    .action(tpl('list'));
  filters(templates.command('pull').description('write each template as a JSON file (one per name and language) that lint-template and push read'))
    .option('--out <dir>', 'folder to write into (created if needed)', 'templates')
    .option('--force', 'overwrite files that wa-ops did not write, or that were edited since the last pull')
    .addHelpText('after', '\nFiles are written with mode 0644 (templates are not secret; keep them in git). A .wa-ops-templates file (JSON) in the folder\nremembers which files pull wrote.\n\nExamples:\n  wa-ops templates pull --out templates\n  wa-ops templates pull --out templates --status APPROVED --language en_US\n  wa-ops templates pull --out templates --force')
    .action(tpl('pull'));
  templates
    .command('push')
    .description('lint, then create or edit templates through the API; identical ones are never re-submitted')
    .argument('<files...>', 'template JSON files or folders (the shape templates pull writes)')
    .option('--rule <id=setting>', 'set a lint rule to off, warn or error (repeatable)', collect)
    .addHelpText('after', '\nExit codes: 0 every file created, updated or unchanged; 1 lint errors (nothing submitted); 3 Meta refused a file.\n\nExamples:\n  wa-ops templates push templates/\n  wa-ops templates push templates/order_shipped.en_US.json --json\n  wa-ops templates push templates/ --rule abbreviation=off')
    .action(tpl('push'));
  templates
    .command('status')
    .description('review state of the given or all pending templates, with the rejection reason and the lint rule that would have caught it')
    .argument('[templates...]', 'name or name:language (default: every template in review)')
    .option('--watch', 'poll until each is APPROVED or REJECTED')
    .option('--interval <duration>', 'time between polls with --watch', '30s')
    .option('--timeout <duration>', 'stop watching after this long (exit 75 while some are still in review)')
    .addHelpText('after', '\nExit codes: 0 none rejected; 1 a template was rejected; 75 --timeout reached while in review; 130 Ctrl-C.\n\nExamples:\n  wa-ops templates status\n  wa-ops templates status order_shipped:en_US --watch\n  wa-ops templates status --watch --interval 1m --timeout 48h --json')
    .action(tpl('status'));

  const suppressions = program
    .command('suppressions')
    .description('the opt-out list that send and send --to honour: list, add, remove, import from and export to a CRM')
    .addHelpText('after', '\nExamples:\n  wa-ops suppressions list\n  wa-ops suppressions add +4917012345678 --scope marketing\n  wa-ops suppressions import fixtures/suppressions/crm-abmeldungen-de.csv --country DE');
  const sup = (name: 'list' | 'add' | 'remove' | 'importCsv' | 'exportCsv') => lazy(setExit, async () => ({ run: (await import('./suppressions.js'))[name] }));
  const supFile = (c: Command) =>
    c
      .option('--suppressions <file>', 'the list file (default: the store\'s list when it is PostgreSQL, else WA_OPS_SUPPRESSIONS or ./wa-ops.suppressions.jsonl)')
      .option('--store <url>', 'keep the list in this PostgreSQL store, shared with webhook serve --store and send --store (default: WA_OPS_STORE or "store" in the config file)');
  supFile(suppressions.command('list').description('the suppressed numbers with reason, scope, source and time'))
    .option('--scope <scope>', 'only all or marketing')
    .option('--reason <id>', 'only this reason: stop-word, marketing-opt-out, 131050, manual, import')
    .option('--history', 'every add and lift, with who lifted it and when')
    .addHelpText('after', '\nExamples:\n  wa-ops suppressions list\n  wa-ops suppressions list --scope marketing --json\n  wa-ops suppressions list --history')
    .action(sup('list'));
  supFile(suppressions.command('add').description('suppress numbers (send and send --to skip them)').argument('<numbers...>', 'numbers, with + and country code or with --country'))
    .option('--reason <id>', 'stop-word, marketing-opt-out, 131050, manual or import', 'manual')
    .option('--scope <scope>', 'all (every message) or marketing (MARKETING templates only)', 'all')
    .option('--country <ISO2>', 'region of numbers written without their country code')
    .option('--note <text>', 'a note kept with the record')
    .option('--by <who>', 'who added it (default: the OS user)')
    .addHelpText('after', '\nExamples:\n  wa-ops suppressions add +4917012345678\n  wa-ops suppressions add "0170 1234567" --country DE --scope marketing --note "asked by phone"\n  wa-ops suppressions add +4917012345678 +4917098765432 --reason stop-word --json')
    .action(sup('add'));
  supFile(suppressions.command('remove').description('lift suppressions; the record says who lifted it and when').argument('<numbers...>', 'numbers to lift'))
    .option('--scope <scope>', 'lift only this scope (default: every scope)')
    .option('--country <ISO2>', 'region of numbers written without their country code')
    .option('--by <who>', 'who lifted it (default: the OS user)')
    .option('--note <text>', 'why, kept with the record')
    .addHelpText('after', '\nExamples:\n  wa-ops suppressions remove +4917012345678 --by alice --note "opted in again on 2026-12-01"\n  wa-ops suppressions remove +4917012345678 --scope marketing\n  wa-ops suppressions remove \"0170 1234567\" --country DE --json')
    .action(sup('remove'));
  supFile(suppressions.command('import').description('suppress every valid number of a CRM CSV export').argument('<file.csv>', 'CSV with a phone column (detected like validate-numbers)'))
    .option('--column <name>', 'phone column (default: detected from the header)')
    .option('--country <ISO2>', 'default region for numbers without a country code')
    .option('--country-column <name>', 'column holding each row\'s country: ISO2, ISO3, ISO numeric, calling code or name (default: detected; never a "region" column)')
    .option('--reason <id>', 'reason recorded for each number', 'import')
    .option(...MAX_LINE)
    .option(...MAX_FIELD)
    .option('--scope <scope>', 'all or marketing', 'all')
    .option('--note <text>', 'a note kept with each record')
    .option('--by <who>', 'who imported them (default: the OS user)')
    .addHelpText('after', '\nExamples:\n  wa-ops suppressions import fixtures/suppressions/crm-opt-outs.csv --country DE\n  wa-ops suppressions import fixtures/suppressions/crm-opt-outs.csv --column Mobile --scope marketing --reason marketing-opt-out\n  wa-ops suppressions import fixtures/suppressions/crm-abmeldungen-de.csv --json')
    .action(sup('importCsv'));
  supFile(suppressions.command('export').description('the active list as CSV for a CRM (formula-safe; a new file gets mode 0600)'))
    .option('--out <file.csv>', 'write here (default: stdout); an existing file is kept unless --force')
    .option('--scope <scope>', 'only all or marketing')
    .option('--force', 'replace an existing --out file')
    .addHelpText('after', '\nExamples:\n  wa-ops suppressions export --out suppressed.csv\n  wa-ops suppressions export --scope marketing > marketing-opt-outs.csv\n  wa-ops suppressions export --out suppressed.csv --force --json')
    .action(sup('exportCsv'));

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
    .action(lazy(setExit, () => import('./sandbox.js')));

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
    .action(async (...params: unknown[]) => {
      const cmd = params[params.length - 1] as Command;
      const { serve } = await import('./webhook.js');
      setExit(await serve([], cmd.optsWithGlobals()));
    });
  webhook
    .command('analyze')
    .description('delivery funnel, latencies, failures, account and template events, errors and pricing from an events file')
    .argument('[events.jsonl]', 'events file written by webhook serve (default: --events, WA_OPS_EVENTS, config "events", ./webhook-events.jsonl)')
    .option('--events <file.jsonl>', 'events file (same as the argument)')
    .option('--store <url>', 'read the events from this PostgreSQL store instead of a file (default: WA_OPS_STORE or "store" in the config file)')
    .option('--html <file>', 'also write a self-contained HTML report')
    .option('--campaigns <dir>', 'folder holding campaign ledgers (repeatable; default: .)', collect)
    .addHelpText('after', '\nExamples:\n  wa-ops webhook analyze\n  wa-ops webhook analyze webhook-events.jsonl --campaigns campaigns --html report.html\n  wa-ops webhook analyze --json | jq .management')
    .action(async (...params: unknown[]) => {
      const cmd = params[params.length - 1] as Command;
      const { analyze } = await import('./webhook.js');
      setExit(await analyze([params[0]], cmd.optsWithGlobals()));
    });

  const store = program.command('store').description('the PostgreSQL store shared by workers, machines and CI jobs (--store postgres://...)');
  const storeFlag = '--store <url>';
  const storeHelp = 'postgres://USER@HOST:5432/DB (the password in PGPASSWORD or the URL) (default: WA_OPS_STORE or "store" in the config file)';
  store
    .command('migrate')
    .description('create or upgrade the schema (idempotent; safe to run from several machines at once)')
    .option(storeFlag, storeHelp)
    .addHelpText('after', "\nExamples:\n  wa-ops store migrate --store postgres://wa_ops@db.internal:5432/wa_ops\n  WA_OPS_STORE=postgres://wa_ops@db.internal:5432/wa_ops wa-ops store migrate --json")
    .action(async (...params: unknown[]) => {
      const cmd = params[params.length - 1] as Command;
      const { migrate } = await import('./store.js');
      setExit(await migrate([], cmd.optsWithGlobals()));
    });
  store
    .command('import')
    .description('move a local campaign (its ledger and webhook events) into the store, under the identity in its ledger header')
    .requiredOption('--campaign <file>', 'campaign JSON file')
    .option(storeFlag, storeHelp)
    .option('--ledger <path>', 'ledger file (default: <campaign>.ledger.jsonl next to the campaign)')
    .option('--events <file.jsonl>', 'events file whose records of this campaign come along (default: WA_OPS_EVENTS or webhook-events.jsonl)')
    .addHelpText('after', '\nExamples:\n  wa-ops store import --campaign spring-sale.json --store "$WA_OPS_STORE"\n  wa-ops store import --campaign spring-sale.json --ledger old/spring-sale.ledger.jsonl --events old/webhook-events.jsonl')
    .action(async (...params: unknown[]) => {
      const cmd = params[params.length - 1] as Command;
      const { importCommand } = await import('./store.js');
      setExit(await importCommand([], cmd.optsWithGlobals()));
    });
  store
    .command('export')
    .description('write a stored campaign back as a JSON Lines ledger (for archiving, or to leave PostgreSQL)')
    .requiredOption('--campaign <file>', 'campaign JSON file')
    .requiredOption('--out <ledger.jsonl>', 'the ledger file to write (never overwritten)')
    .option(storeFlag, storeHelp)
    .option('--ledger <path>', 'a local ledger whose identity picks the campaign (default: <campaign>.ledger.jsonl if present)')
    .addHelpText('after', '\nExamples:\n  wa-ops store export --campaign spring-sale.json --out archive/spring-sale.ledger.jsonl\n  wa-ops status --campaign spring-sale.json --ledger archive/spring-sale.ledger.jsonl')
    .action(async (...params: unknown[]) => {
      const cmd = params[params.length - 1] as Command;
      const { exportCommand } = await import('./store.js');
      setExit(await exportCommand([], cmd.optsWithGlobals()));
    });

  program
    .command('demo')
    .description('the whole flow against a local sandbox, no account needed')
    .option('--keep', 'keep the temporary folder and print its path')
    .action(lazy(setExit, () => import('./demo.js')));

}
