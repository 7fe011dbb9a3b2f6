/** Declares `wa-ops store migrate | import | export`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';

/** Register `wa-ops store migrate | import | export` on the program. */
export function registerStore(program: Command, ctx: RegistryContext): void {
  const store = program.command('store').description('the PostgreSQL store shared by workers, machines and CI jobs (--store postgres://...)');
  const storeFlag = '--store <url>';
  const storeHelp = 'postgres://USER@HOST:5432/DB (the password in PGPASSWORD or the URL) (default: WA_OPS_STORE or "store" in the config file)';
  store
    .command('migrate')
    .description('create or upgrade the schema (idempotent; safe to run from several machines at once)')
    .option(storeFlag, storeHelp)
    .addHelpText('after', "\nExamples:\n  wa-ops store migrate --store postgres://wa_ops@db.internal:5432/wa_ops\n  WA_OPS_STORE=postgres://wa_ops@db.internal:5432/wa_ops wa-ops store migrate --json")
    .action(lazy(ctx, async () => (await import('../store.js')).migrate));
  store
    .command('import')
    .description('move a local campaign (its ledger and webhook events) into the store, under the identity in its ledger header')
    .requiredOption('--campaign <file>', 'campaign JSON file')
    .option(storeFlag, storeHelp)
    .option('--ledger <path>', 'ledger file (default: <campaign>.ledger.jsonl next to the campaign)')
    .option('--events <file.jsonl>', 'events file whose records of this campaign come along (default: WA_OPS_EVENTS or webhook-events.jsonl)')
    .addHelpText('after', '\nExamples:\n  wa-ops store import --campaign spring-sale.json --store "$WA_OPS_STORE"\n  wa-ops store import --campaign spring-sale.json --ledger old/spring-sale.ledger.jsonl --events old/webhook-events.jsonl')
    .action(lazy(ctx, async () => (await import('../store.js')).importCommand));
  store
    .command('export')
    .description('write a stored campaign back as a JSON Lines ledger (for archiving, or to leave PostgreSQL)')
    .requiredOption('--campaign <file>', 'campaign JSON file')
    .requiredOption('--out <ledger.jsonl>', 'the ledger file to write (never overwritten; - for standard output)')
    .option(storeFlag, storeHelp)
    .option('--ledger <path>', 'a local ledger whose identity picks the campaign (default: <campaign>.ledger.jsonl if present)')
    .addHelpText('after', '\nExamples:\n  wa-ops store export --campaign spring-sale.json --out archive/spring-sale.ledger.jsonl\n  wa-ops status --campaign spring-sale.json --ledger archive/spring-sale.ledger.jsonl')
    .action(lazy(ctx, async () => (await import('../store.js')).exportCommand));
}
