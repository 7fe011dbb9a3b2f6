/** The program: global flags, lazy command registration, and the one place that maps errors to exit codes. */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT, WaOpsError } from './core/errors.js';
import { detectTerm, setTerm, term, type TermFlags } from './ui/term.js';
import { registerCommands } from './commands/registry.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Render an error for the user (one line and a hint; JSON on stdout under --json) and return its exit code. */
function report(err: unknown): number {
  const t = term();
  if (err instanceof WaOpsError) {
    if (t.json) {
      process.stdout.write(JSON.stringify({ error: { code: err.code, message: err.message, hint: err.hint ?? '' } }) + '\n');
    } else {
      process.stderr.write(`wa-ops: ${err.message}\n`);
      if (err.hint) process.stderr.write(`  hint: ${err.hint}\n`);
      if (t.verbose && err.cause) process.stderr.write(`  cause: ${String((err.cause as Error).stack ?? err.cause)}\n`);
    }
    return err.exitCode;
  }
  // Not one of ours: a bug. Say so plainly; the stack only with --verbose.
  const message = err instanceof Error ? err.message : String(err);
  if (t.json) {
    process.stdout.write(JSON.stringify({ error: { code: 'internal', message, hint: 'rerun with --verbose and report it' } }) + '\n');
  } else {
    process.stderr.write(`wa-ops: internal error: ${message}\n  hint: rerun with --verbose and report it\n`);
    if (t.verbose && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  }
  return 70;
}

async function main(argv: string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  setTerm(detectTerm({ json: wantsJson, color: !argv.includes('--no-color') }));
  const program = new Command('wa-ops');
  let exitCode: number = EXIT.ok;
  program
    .description('Operate a WhatsApp Business Platform (Cloud API) account from the command line')
    .version(pkg.version, '-V, --version')
    .option('--json', 'print one JSON document on stdout (no colour, no prompts)')
    .option('--config <path>', 'config file (default: ./wa-ops.config.json)')
    .option('--no-color', 'disable colour')
    .option('-v, --verbose', 'more detail on stderr')
    .option('-q, --quiet', 'only warnings and errors on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => {
        if (!term().json) process.stderr.write(s);
      },
      outputError: (s, write) => write(s),
    })
    .hook('preAction', (_this, action) => {
      const flags = action.optsWithGlobals() as TermFlags;
      setTerm(detectTerm(flags));
    });
  registerCommands(program, pkg.version, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
      if (term().json) {
        const message = err.message.replace(/^error: /, '');
        process.stdout.write(JSON.stringify({ error: { code: 'usage', message, hint: 'run with --help for usage' } }) + '\n');
      }
      return EXIT.usage;
    }
    return report(err);
  }
  return exitCode;
}

/** Exit once stdout and stderr have flushed: a pipe reader must get the whole document. */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitAfterFlush, (err) => exitAfterFlush(report(err)));
