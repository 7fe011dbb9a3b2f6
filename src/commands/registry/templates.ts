/** Declares `wa-ops templates list | pull | push | status`: flags and help only; the implementation loads when it runs. */
import type { Command } from 'commander';
import { lazy, type RegistryContext } from './lazy-action.js';
import { collect } from './shared-options.js';

/** Register `wa-ops templates list | pull | push | status` on the program. */
export function registerTemplates(program: Command, ctx: RegistryContext): void {
  const templates = program
    .command('templates')
    .description('the account\'s message templates: list, pull to files, push from files, follow their review')
    .addHelpText('after', '\nExamples:\n  wa-ops templates list --status REJECTED\n  wa-ops templates pull --out templates && wa-ops templates push templates/\n  wa-ops templates status --watch');
  const tpl = (name: 'list' | 'pull' | 'push' | 'status') => lazy(ctx, async () => (await import('../templates.js'))[name]);
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
}
