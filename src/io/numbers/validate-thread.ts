/** Thread entry: runs the validate-numbers pipeline inside a worker whose heap is capped. */
import { parentPort, workerData } from 'node:worker_threads';
import { errnoCode, errorMessage } from '../../core/caught.js';
import { WaOpsError } from '../../core/errors.js';
import { watchUnfinished } from '../unfinished-outputs.js';
import { validateFile, type ValidateFileOptions } from './validate-file.js';

const options = workerData as ValidateFileOptions;
options.onProgress = (p) => parentPort?.postMessage({ kind: 'progress', progress: p });
// The main thread removes these if the process ends (Ctrl-C) before this thread commits them.
watchUnfinished((temp, open) => parentPort?.postMessage({ kind: 'temp', temp, open }));
validateFile(options).then(
  (summary) => parentPort?.postMessage({ kind: 'done', summary }),
  (err: unknown) => {
    const ours = err instanceof WaOpsError ? err : undefined;
    parentPort?.postMessage({
      kind: 'error',
      error: { ours: ours !== undefined, message: errorMessage(err), code: ours ? ours.code : errnoCode(err), hint: ours?.hint, exitCode: ours?.exitCode, stack: err instanceof Error ? err.stack : undefined, ...systemFields(err) },
    });
  },
);

/** A system error's syscall and path, so the main thread words it as the same error would be there (a full disk is no bug). */
function systemFields(err: unknown): { syscall?: string; path?: string } {
  if (typeof err !== 'object' || err === null) return {};
  const e = err as { syscall?: unknown; path?: unknown };
  return { ...(typeof e.syscall === 'string' ? { syscall: e.syscall } : {}), ...(typeof e.path === 'string' ? { path: e.path } : {}) };
}
