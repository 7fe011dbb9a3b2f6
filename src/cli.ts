/** The program: global flags, lazy command registration, and the one place that maps errors to exit codes. */
// First: a signal during start-up is an interruption (130/143), not a death by signal.
import { hungUp } from './io/early-signals.js';
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { EXIT, WaOpsError } from './core/errors.js';
import { errnoCode } from './core/caught.js';
import { environmentError, errnoText } from './core/environment-errors.js';
import { detectTerm, setTerm, term } from './ui/term.js';
import { installRedaction } from './ui/output.js';
import { bootstrapSecrets } from './io/config.js';
import { createProgram } from './commands/program.js';
import { helpPathArgv } from './ui/help-path.js';
import { usageError } from './ui/usage-error.js';

/** Where a bug is reported (the README's "Reporting a bug" says what to include). */
const BUG_HINT = 'this is a bug in wa-ops: please report it with the command you ran and the output of the same command with --verbose (see "Reporting a bug" in the README)';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The reader of standard output went away (`wa-ops validate-numbers list.csv --out - | head -3`): stop at once and
 * quietly with what a tool stopped by SIGPIPE returns (128 + 13), not as a bug. Files being written are removed on exit.
 */
const SIGPIPE_EXIT = 141;

/** The command being run ("send", "webhook serve"), for hints that point at its --help. */
let running: () => string = () => '';

/** Render an error for the user (one line and a hint; JSON on stdout under --json) and return its exit code. */
function report(raw: unknown): number {
  // The reader of our output went away (`| head`, a closed pipe): not a bug in wa-ops; stop quietly, as SIGPIPE would.
  if (brokenPipe(raw)) process.exit(SIGPIPE_EXIT);
  const t = term();
  const err = raw instanceof WaOpsError ? raw : (environmentError(raw) ?? raw);
  if (err instanceof WaOpsError) {
    // A bad flag value always says where the accepted values are.
    const hint = err.hint || (err.code === 'bad-flag' && running() ? `run wa-ops ${running()} --help for its flags and their values` : '');
    if (t.json) {
      process.stdout.write(JSON.stringify({ error: { code: err.code, message: err.message, hint } }) + '\n');
    } else {
      process.stderr.write(`wa-ops: ${err.message}\n`);
      if (hint) process.stderr.write(`  hint: ${hint}\n`);
      if (t.verbose && err.cause) process.stderr.write(`  cause: ${String((err.cause instanceof Error ? err.cause.stack : undefined) ?? err.cause)}\n`);
    }
    return err.exitCode;
  }
  // Not one of ours: a bug (exit 70 means exactly that). Say so plainly; the stack only with --verbose.
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  if (t.json) {
    process.stdout.write(JSON.stringify({ error: { code: 'internal', message, hint: BUG_HINT } }) + '\n');
  } else {
    process.stderr.write(`wa-ops: internal error: ${message}\n  hint: ${BUG_HINT}\n`);
    if (t.verbose && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  }
  return 70;
}

/** A write that failed because the other end of a pipe (our stdout's reader) closed it; sockets report their own codes. */
function brokenPipe(err: unknown): boolean {
  return errnoCode(err) === 'EPIPE';
}

async function main(argv: string[]): Promise<number> {
  installRedaction();
  bootstrapSecrets(argv);
  // lint-template --format json prints one JSON document like --json: an input error is then the error document on stdout.
  const formatJson = argv.includes('lint-template') && argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
  const wantsJson = argv.includes('--json') || formatJson;
  setTerm(detectTerm({ json: wantsJson, color: !argv.includes('--no-color') }));
  let exitCode: number = EXIT.ok;
  const { program, runningCommand } = createProgram(pkg.version, (code) => {
    exitCode = code;
  });
  running = runningCommand;
  try {
    await program.parseAsync(helpPathArgv(program, argv), { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.version' && term().json) process.stdout.write(JSON.stringify({ version: pkg.version }) + '\n');
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
      const { message, hint } = usageError(err, program, argv);
      if (term().json) process.stdout.write(JSON.stringify({ error: { code: 'usage', message, hint } }) + '\n');
      // A group without its subcommand has had its help printed on stderr: that is the answer there.
      else if (err.code !== 'commander.help') process.stderr.write(`wa-ops: ${message}\n  hint: ${hint}\n`);
      return EXIT.usage;
    }
    return report(err);
  }
  return exitCode;
}

/** The first failed write to stdout other than a closed pipe (a full disk, `> /dev/full`). */
let outputError: Error | undefined;
let exiting = false;

/**
 * The exit code once the output is out: a failed write to stdout (`--json > /dev/full`, a full disk) is a failure of the
 * command even when its work succeeded. Said on stderr, since stdout (where a --json error would go) is what failed.
 */
function withOutputFailure(code: number): number {
  if (!outputError) return code;
  const failure = environmentError(outputError);
  const why = errnoText(errnoCode(outputError), '').replace(/^cannot be written: /, '') || outputError.message;
  process.stderr.write(`wa-ops: standard output cannot be written: ${why}\n  hint: ${failure?.hint ?? 'check where standard output goes (a full disk, a device), then run the same command again'}\n`);
  return code === EXIT.ok ? (failure?.exitCode ?? EXIT.usage) : code;
}

/** Exit once stdout and stderr have flushed: a pipe reader must get the whole document. */
function exitAfterFlush(code: number): void {
  if (exiting) return;
  exiting = true;
  let pending = 2;
  // setImmediate: a failed write to a file's stdout reports its 'error' on a later tick; it must be seen before the exit.
  const done = () => {
    if (--pending === 0) setImmediate(() => process.exit(withOutputFailure(code)));
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

// An error thrown from an event handler (a server's 'error', a stream's) ends here rather than as a bare stack trace.
let dying = false;
const fatal = (err: unknown) => {
  if (dying) return;
  dying = true;
  exitAfterFlush(report(err));
};
// A write error on stdout: EPIPE (the reader went away, `| head`) exits 141 at once; anything else (a full disk) ends the
// command with the failure said on stderr (withOutputFailure), since the JSON error document would go to stdout too.
process.stdout.on('error', (err) => {
  // After a hangup the terminal is gone: the command is saving its state and exits 129 on its own (early-signals.ts).
  if (hungUp()) return;
  if (brokenPipe(err)) process.exit(SIGPIPE_EXIT);
  outputError ??= err;
  if (dying) return;
  dying = true;
  exitAfterFlush(EXIT.ok);
});
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

main(process.argv.slice(2)).then(exitAfterFlush, fatal);
