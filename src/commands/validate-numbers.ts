/** wa-ops validate-numbers <file.csv> (CONTRACT §4). */
import { resolve } from 'node:path';
import { UsageError, EXIT } from '../core/errors.js';
import { seedFrom } from '../core/numbers/sampling.js';
import type { ValidateFileOptions } from '../io/numbers/validate-file.js';
import { validateFileCapped } from '../io/numbers/validate-capped.js';
import { renderNumbersReport } from '../ui/numbers-report.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { cellWarnings, notMobileTip, validatingLine } from '../ui/numbers-notes.js';
import { createProgress, fmtInt } from '../ui/progress.js';
import { term } from '../ui/term.js';
import { csvLimitArgs, csvLimitFlags, intFlag, parseFlags, percentFlag, regionFlag, type FlagSchema } from './flags.js';
import { shellQuote } from '../core/shell-quote.js';

interface Flags {
  column?: string;
  country?: string;
  countryColumn?: string;
  out?: string;
  validOut?: string;
  sample: string;
  sampleOut?: string;
  force?: boolean;
  bom?: boolean;
  seed?: string;
  sampleOnly?: boolean;
  mobileOnly?: boolean;
  maxInvalid?: string;
  workers?: string;
  maxLineLength?: string;
  maxFieldLength?: string;
}

/** The flags' kinds, checked once when they are read (parseFlags). */
const NUMBERS_FLAGS: FlagSchema<Flags> = {
  column: 'string',
  country: 'string',
  countryColumn: 'string',
  out: 'string',
  validOut: 'string',
  sample: 'required',
  sampleOut: 'string',
  force: 'boolean',
  bom: 'boolean',
  seed: 'string',
  sampleOnly: 'boolean',
  mobileOnly: 'boolean',
  maxInvalid: 'string',
  workers: 'string',
  maxLineLength: 'string',
  maxFieldLength: 'string',
};

/** Parse flags into options (exported for tests). */
export function toOptions(file: string, f: Flags): ValidateFileOptions & { maxInvalid?: number } {
  if (f.sampleOnly && (f.out || f.validOut || f.sampleOut)) {
    throw new UsageError('--sample-only estimates from a sample and writes no files: drop --out, --valid-out and --sample-out', { code: 'bad-flag' });
  }
  const outputs = [['--out', f.out], ['--valid-out', f.validOut], ['--sample-out', f.sampleOut]].filter((x): x is [string, string] => Boolean(x[1]));
  for (const [flag, path] of outputs) {
    if (path !== '-' && file !== '-' && resolve(path) === resolve(file)) {
      throw new UsageError(`${flag} ${path} is the input file: writing it would replace the list`, { code: 'output-is-input', hint: 'write to another file name' });
    }
    const twin = outputs.find(([other, p]) => other !== flag && p === path);
    if (twin) throw new UsageError(`${flag} and ${twin[0]} both write ${path}`, { code: 'bad-flag', hint: 'give each output its own file' });
  }
  if (outputs.some(([, p]) => p === '-') && term().json) {
    throw new UsageError('"-" writes the rows to standard output, where --json prints the summary', { code: 'bad-flag', hint: 'drop --json, or write the rows to a file' });
  }
  return {
    file,
    column: f.column,
    // Checked against libphonenumber's regions inside the validation thread: this process never loads the metadata.
    country: f.country === undefined ? undefined : regionFlag('--country', f.country, () => true),
    countryColumn: f.countryColumn,
    out: f.out,
    validOut: f.validOut,
    samplePercent: percentFlag('--sample', f.sample, 0.0001),
    sampleOut: f.sampleOut,
    force: Boolean(f.force),
    bom: f.bom,
    seed: f.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : seedFrom(f.seed),
    sampleOnly: Boolean(f.sampleOnly),
    mobileOnly: Boolean(f.mobileOnly),
    workers: f.workers === undefined ? undefined : intFlag('--workers', f.workers, 0),
    maxInvalid: f.maxInvalid === undefined ? undefined : percentFlag('--max-invalid', f.maxInvalid),
    limits: csvLimitFlags(f),
  };
}

/** Run the command; returns the exit code. */
export async function run(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const options = toOptions(String(args[0]), parseFlags<Flags>(flags, NUMBERS_FLAGS));
  const progress = createProgress();
  const started = Date.now();
  options.onProgress = ({ rows, bytesRead, totalBytes }) => progress.update(() => validatingLine(rows, bytesRead, totalBytes, (Date.now() - started) / 1000));
  const summary = await validateFileCapped(options).finally(() => progress.done());
  const gate = options.maxInvalid === undefined ? undefined : { maxInvalid: options.maxInvalid, invalidRate: summary.invalidRate, exceeded: summary.invalidRate * 100 > options.maxInvalid };
  if (gate) summary.gate = gate;
  const columns = summary.columns;
  if (columns) info(`columns: phone ${columns.areaCode === undefined ? '' : `"${columns.areaCode}" + `}"${columns.phone}"${columns.country ? `, country "${columns.country}"` : ''}${options.country ? `, default region ${options.country}` : ''}`);
  for (const n of summary.notices ?? []) warn(n);
  for (const w of cellWarnings(summary, options.country)) warn(w);
  if (term().json) outJson(summary);
  else {
    const written = [
      options.out && { label: 'Annotated rows', path: options.out === '-' ? 'standard output' : options.out },
      options.validOut && { label: 'Valid unique rows', path: options.validOut === '-' ? 'standard output' : options.validOut },
    ].filter((w): w is { label: string; path: string } => Boolean(w));
    const report = renderNumbersReport(summary, written);
    // When the rows go to standard output, the report goes with the other human text to stderr.
    if ([options.out, options.validOut, options.sampleOut].includes('-')) process.stderr.write(report + '\n');
    else out(report);
    const notMobile = options.mobileOnly ? undefined : notMobileTip(summary);
    if (notMobile) info(`${paint('cyan', 'tip')} ${notMobile}`);
    if (summary.pilotRecommended && !options.sampleOut) {
      info(
        paint('cyan', 'tip') +
          ` ${fmtInt(summary.valid)} valid numbers: send to a ${options.samplePercent} % pilot first and watch its delivery and block rates; ` +
          `${options.file === '-' ? 'draw it by piping the same list into' : 'draw it with'}:\n` +
          `    ${pilotCommand(options)}`,
      );
    }
  }
  if (gate?.exceeded) {
    process.stderr.write(`${paint('red', 'gate')} invalid rate ${(summary.invalidRate * 100).toFixed(2)} % is above --max-invalid ${options.maxInvalid} %: exit 1\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** The command that draws the pilot sample: the same list read the same way (columns, regions, mobile-only). */
export function pilotCommand(o: ValidateFileOptions): string {
  const args = ['wa-ops', 'validate-numbers', o.file];
  if (o.column !== undefined) args.push('--column', o.column);
  if (o.country !== undefined) args.push('--country', o.country);
  if (o.countryColumn !== undefined) args.push('--country-column', o.countryColumn);
  if (o.mobileOnly) args.push('--mobile-only');
  if (o.bom !== undefined) args.push(o.bom ? '--bom' : '--no-bom');
  args.push(...csvLimitArgs(o.limits));
  args.push('--sample', String(o.samplePercent), '--sample-out', 'pilot.csv', '--seed', String(o.seed));
  // Standard input has no name to print: the line above the command says to pipe the list in.
  return args.map(shellQuote).join(' ');
}
