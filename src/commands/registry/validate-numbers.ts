/** Declares `wa-ops validate-numbers`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';
import { MAX_FIELD, MAX_LINE } from './shared-options.js';

/** Register `wa-ops validate-numbers` on the program. */
export function registerValidateNumbers(program: Command, ctx: RegistryContext): void {
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
    .option('--force', 'replace existing output files even if validate-numbers did not write them')
    .option('--bom', 'start the output files with a UTF-8 byte-order mark, so Excel shows accents right (default: when the list came from Excel: a BOM or Windows-1252)')
    .option('--no-bom', 'never write a byte-order mark')
    .option('--seed <n>', 'seed that makes the sample reproducible')
    .option('--sample-only', 'validate only a random sample and estimate the whole file')
    .option('--mobile-only', 'numbers that cannot be mobile are invalid (not-mobile)')
    .option('--max-invalid <percent>', 'exit 1 when the invalid rate is above this (CI gate)')
    .option('--workers <n>', 'worker threads; 0 for none (default: one per extra core, none for files under 1 MB)')
    .option(...MAX_LINE)
    .option(...MAX_FIELD)
    .action(lazy(ctx, async () => (await import('../validate-numbers.js')).run));
}
