/** Two or three examples under each command's help that has none of its own; each runs as written from a clone. */
import type { Command } from 'commander';

/** Example command lines by command path ("webhook serve"); commands that add their own in registry.ts are not listed (one Examples block each). */
export const EXAMPLES: Record<string, string[]> = {
  '': ['wa-ops demo', 'wa-ops doctor', 'wa-ops lint-template fixtures/templates/clean/ --format github'],
  'validate-numbers': [
    'wa-ops validate-numbers fixtures/numbers/semicolon-bom-crlf.csv --country-column Land --out annotated.csv',
    'wa-ops validate-numbers fixtures/numbers/customers-de.csv --country DE --max-invalid 5 --json',
    'wa-ops validate-numbers fixtures/numbers/customers-de.csv --country DE --sample 10 --seed 7 --sample-out pilot.csv',
  ],
  doctor: ['wa-ops doctor', 'wa-ops doctor --template spring_sale:de:MARKETING --webhook-url https://example.com/webhook', 'wa-ops doctor --campaign fixtures/campaigns/spring-sale.json --strict --json'],
  status: ['wa-ops status --campaign fixtures/campaigns/spring-sale.json', 'wa-ops status --campaign fixtures/campaigns/spring-sale.json --export report.csv', 'wa-ops status --campaign fixtures/campaigns/spring-sale.json --watch'],
  webhook: ['wa-ops webhook serve --port 8080', 'wa-ops webhook analyze webhook-events.jsonl --html report.html'],
  store: ['wa-ops store migrate --store postgres://wa@localhost:5432/wa', 'wa-ops store import --campaign fixtures/campaigns/spring-sale.json --store postgres://wa@localhost:5432/wa'],
  demo: ['wa-ops demo', 'wa-ops demo --keep'],
};

function path(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Add the examples above to the commands (and subcommands) of the program. */
export function addExamples(program: Command): void {
  const visit = (cmd: Command) => {
    const lines = EXAMPLES[path(cmd)];
    if (lines) cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    cmd.commands.forEach(visit);
  };
  visit(program);
}
