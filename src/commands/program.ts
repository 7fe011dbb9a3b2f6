/** The wa-ops program: its global flags, help and output settings, and the checks every command shares before it runs. */
import { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { portProblem } from '../core/environment-errors.js';
import { noteCommandStarted } from '../io/early-signals.js';
import { detectTerm, setTerm, term, type TermFlags } from '../ui/term.js';
import { helpConfiguration } from '../ui/help.js';
import { commandPath } from '../ui/usage-error.js';
import { registerCommands } from './registry.js';
import { addExamples } from './help-examples.js';
import { refuseEmptyArguments, refuseEmptyFlags } from './empty-values.js';

/** The program and the command being run ("send", "webhook serve") once its action starts, for hints that point at its --help. */
export interface Program {
  program: Command;
  runningCommand: () => string;
}

/** Checks every command shares, before it runs: ports, and flags that contradict --json. */
function checkCommonFlags(command: string, flags: Record<string, unknown>): void {
  if (flags.port !== undefined) {
    const problem = portProblem(flags.port);
    if (problem) throw new UsageError(problem, { code: 'bad-flag' });
  }
  if (command === 'lint-template' && flags.json && flags.format !== undefined && flags.format !== 'json') {
    throw new UsageError(`--json prints JSON; it cannot be combined with --format ${String(flags.format)}`, { code: 'bad-flag', hint: 'drop --json, or use --format json' });
  }
  // The security overrides reach every module (the Graph client, the media check) through the environment.
  if (flags.allowInsecureGraphUrl) process.env.WA_OPS_ALLOW_INSECURE_GRAPH_URL = '1';
  if (flags.allowInternalMedia) process.env.WA_OPS_ALLOW_INTERNAL_MEDIA = '1';
}

/** Build the program with every command registered; a command's exit code goes to setExit. Usage errors throw (exitOverride). */
export function createProgram(version: string, setExit: (code: number) => void): Program {
  const program = new Command('wa-ops');
  let running = '';
  program
    .description('Operate a WhatsApp Business Platform (Cloud API) account from the command line')
    .version(version, '-V, --version')
    .option('--json', 'print one JSON document on stdout (no colour, no prompts)')
    .option('--config <path>', 'config file (default: ./wa-ops.config.json)')
    .option('--no-color', 'disable colour')
    .option('-v, --verbose', 'more detail on stderr')
    .option('-q, --quiet', 'only warnings and errors on stderr')
    .option('--allow-insecure-graph-url', 'allow a plain http:// Graph API URL to a host other than this machine (the token travels unencrypted)')
    .option('--allow-internal-media', 'allow header media URLs that are not https:// or point at private, loopback or link-local addresses')
    .configureHelp(helpConfiguration)
    .exitOverride()
    .configureOutput({
      // Under --json the version goes out as a document (cli.ts), never as bare text.
      writeOut: (s) => {
        if (!(term().json && s === `${version}\n`)) process.stdout.write(s);
      },
      writeErr: (s) => {
        if (!term().json) process.stderr.write(s);
      },
      // Usage errors are printed once, in wa-ops' words, where cli.ts maps them to exit 2.
      outputError: () => {},
    })
    .hook('preAction', (_this, action) => {
      const flags: TermFlags & Record<string, unknown> = action.optsWithGlobals();
      // lint-template --format json prints one JSON document like --json: an input error is then the error document on stdout.
      const formatJson = action.name() === 'lint-template' && flags.format === 'json';
      setTerm(detectTerm({ ...flags, json: Boolean(flags.json) || formatJson }));
      running = commandPath(action);
      refuseEmptyFlags(action);
      refuseEmptyArguments(action);
      checkCommonFlags(action.name(), flags);
      noteCommandStarted(running);
    });
  registerCommands(program, version, setExit);
  addExamples(program);
  return { program, runningCommand: () => running };
}
