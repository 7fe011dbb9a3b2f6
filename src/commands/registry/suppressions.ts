/** Declares `wa-ops suppressions list | add | remove | import | export`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';
import { MAX_FIELD, MAX_LINE } from './shared-options.js';

/** Register `wa-ops suppressions list | add | remove | import | export` on the program. */
export function registerSuppressions(program: Command, ctx: RegistryContext): void {
  const suppressions = program
    .command('suppressions')
    .description('the opt-out list that send and send --to honour: list, add, remove, import from and export to a CRM')
    .addHelpText('after', '\nExamples:\n  wa-ops suppressions list\n  wa-ops suppressions add +4917012345678 --scope marketing\n  wa-ops suppressions import fixtures/suppressions/crm-abmeldungen-de.csv --country DE');
  const sup = (name: 'list' | 'add' | 'remove' | 'importCsv' | 'exportCsv') => lazy(ctx, async () => (await import('../suppressions.js'))[name]);
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
}
