/** Declares `wa-ops lint-template`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';
import { collect } from './shared-options.js';

/** Register `wa-ops lint-template` on the program. */
export function registerLintTemplate(program: Command, ctx: RegistryContext): void {
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
        'one-time-code, formatting, sensitive-data. Configure them with "lint": {"rules": {...}, "words": {...}} in wa-ops.config.json.\n' +
        '\nExamples:\n' +
        '  wa-ops lint-template fixtures/templates/clean/\n' +
        '  wa-ops lint-template --text "Hallo {{1}}, 30 % Rabatt für VIPs" --language de --category MARKETING\n' +
        '  wa-ops lint-template templates/ --format sarif > wa-ops.sarif',
    )
    .action(lazy(ctx, async () => (await import('../lint-template.js')).run));
}
