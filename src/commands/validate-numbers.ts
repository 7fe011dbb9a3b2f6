/** wa-ops validate-numbers <file.csv> (CONTRACT §4). */
import { UsageError, EXIT } from '../core/errors.js';
import { seedFrom } from '../core/numbers/sampling.js';
import type { ValidateFileOptions } from '../io/numbers/validate-file.js';
import { validateFileCapped } from '../io/numbers/validate-capped.js';
import { renderNumbersReport } from '../ui/numbers-report.js';
import { info, out, outJson, paint } from '../ui/output.js';
import { createProgress, fmtDuration, fmtInt } from '../ui/progress.js';
import { term } from '../ui/term.js';
import { intFlag, percentFlag, regionFlag } from './flags.js';

interface Flags {
  column?: string;
  country?: string;
  countryColumn?: string;
  out?: string;
  validOut?: string;
  sample: string;
  sampleOut?: string;
  seed?: string;
  sampleOnly?: boolean;
  mobileOnly?: boolean;
  maxInvalid?: string;
  workers?: string;
}

/** Parse flags into options (exported for tests). */
export function toOptions(file: string, f: Flags): ValidateFileOptions & { maxInvalid?: number } {
  if (f.sampleOnly && (f.out || f.validOut || f.sampleOut)) {
    throw new UsageError('--sample-only estimates from a sample and writes no files: drop --out, --valid-out and --sample-out', { code: 'bad-flag' });
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
    seed: f.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : seedFrom(f.seed),
    sampleOnly: Boolean(f.sampleOnly),
    mobileOnly: Boolean(f.mobileOnly),
    workers: f.workers === undefined ? undefined : intFlag('--workers', f.workers, 0),
    maxInvalid: f.maxInvalid === undefined ? undefined : percentFlag('--max-invalid', f.maxInvalid),
  };
}

/** Run the command; returns the exit code. */
export async function run(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const options = toOptions(String(args[0]), flags as unknown as Flags);
  const progress = createProgress();
  const started = Date.now();
  options.onProgress = ({ rows, bytesRead, totalBytes }) =>
    progress.update(() => {
      const secs = (Date.now() - started) / 1000;
      const rate = rows / Math.max(secs, 0.001);
      const share = totalBytes > 0 ? bytesRead / totalBytes : 0;
      const eta = share > 0.01 ? fmtDuration((secs / share) * (1 - share)) : '?';
      return `validating: ${fmtInt(rows)} rows, ${fmtInt(rate)} rows/s, ${Math.round(share * 100)} %, ETA ${eta}`;
    });
  const summary = await validateFileCapped(options).finally(() => progress.done());
  const overGate = options.maxInvalid !== undefined && summary.invalidRate * 100 > options.maxInvalid;
  if (term().json) outJson(summary);
  else {
    const written = [
      options.out && { label: 'Annotated rows', path: options.out },
      options.validOut && { label: 'Valid unique rows', path: options.validOut },
    ].filter(Boolean) as { label: string; path: string }[];
    out(renderNumbersReport(summary, written));
    if (summary.pilotRecommended && !options.sampleOut) {
      info(
        paint('cyan', 'tip') +
          ` ${fmtInt(summary.valid)} valid numbers: send to a ${options.samplePercent} % pilot first and watch its delivery and block rates:\n` +
          `    wa-ops validate-numbers ${options.file} --sample-out pilot.csv --seed ${options.seed}`,
      );
    }
  }
  if (overGate) {
    info(paint('red', `invalid rate ${(summary.invalidRate * 100).toFixed(2)} % is above --max-invalid ${options.maxInvalid} %`));
    return EXIT.findings;
  }
  return EXIT.ok;
}
