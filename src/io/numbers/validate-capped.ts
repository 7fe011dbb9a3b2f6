/** Run validateFile in a worker thread with a capped heap, so peak memory stays flat whatever the file size. */
import { Worker } from 'node:worker_threads';
import { WaOpsError } from '../../core/errors.js';
import type { NumbersSummary } from '../../core/numbers/tally.js';
import { trackUnfinished } from '../unfinished-outputs.js';
import type { ValidateFileOptions } from './validate-file.js';
import { DEFAULT_CSV_LIMITS, type CsvLimits } from '../csv/record-splitter.js';

// V8 grows a heap lazily when the machine has memory to spare; on a list of millions of rows that
// slack, not live data, is what fills RSS. Capped heaps keep it flat at a few per cent of run time.
/** Heap caps of a validation thread, so a hostile list cannot exhaust the machine. */
export const THREAD_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

/**
 * The heap caps for a run: THREAD_LIMITS, plus room for one record at a raised --max-line-length
 * (it is held a few times over while it is cut, joined and parsed). Without it a 50 MB record the
 * user allowed ran the thread out of heap, and V8 aborted the whole process.
 */
export function threadLimits(limits: CsvLimits | undefined): typeof THREAD_LIMITS {
  const maxLine = limits?.maxLine ?? DEFAULT_CSV_LIMITS.maxLine;
  if (maxLine <= DEFAULT_CSV_LIMITS.maxLine) return THREAD_LIMITS;
  return { ...THREAD_LIMITS, maxOldGenerationSizeMb: THREAD_LIMITS.maxOldGenerationSizeMb + Math.ceil((maxLine * 4) / 1_048_576) };
}

type Message =
  | { kind: 'progress'; progress: Parameters<NonNullable<ValidateFileOptions['onProgress']>>[0] }
  | { kind: 'temp'; temp: string; open: boolean }
  | { kind: 'done'; summary: NumbersSummary }
  | { kind: 'error'; error: { ours: boolean; message: string; code: string; hint?: string; exitCode: number; stack?: string; syscall?: string; path?: string } };

/** Validate a file on a heap-capped thread; progress is reported back through options.onProgress. */
export function validateFileCapped(options: ValidateFileOptions): Promise<NumbersSummary> {
  const { onProgress, ...data } = options;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./validate-thread.js', import.meta.url), { workerData: data, resourceLimits: threadLimits(options.limits) });
    let settled = false;
    worker.on('message', (m: Message) => {
      if (m.kind === 'progress') onProgress?.(m.progress);
      else if (m.kind === 'temp') trackUnfinished(m.temp, m.open);
      else if (m.kind === 'done') {
        settled = true;
        resolve(m.summary);
      } else {
        settled = true;
        const e = m.error;
        if (e.ours) reject(new WaOpsError(e.message, e.exitCode, { code: e.code, hint: e.hint }));
        else reject(Object.assign(new Error(e.message), { stack: e.stack, ...(e.code ? { code: e.code } : {}), ...(e.syscall ? { syscall: e.syscall } : {}), ...(e.path ? { path: e.path } : {}) })); // the errno code tells a closed pipe (| head) from a bug
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`validation thread stopped unexpectedly (exit ${code})`));
    });
  });
}
