/** Thread entry: runs the validate-numbers pipeline inside a worker whose heap is capped. */
import { parentPort, workerData } from 'node:worker_threads';
import { WaOpsError } from '../../core/errors.js';
import { validateFile, type ValidateFileOptions } from './validate-file.js';

const options = workerData as ValidateFileOptions;
options.onProgress = (p) => parentPort?.postMessage({ kind: 'progress', progress: p });
validateFile(options).then(
  (summary) => parentPort?.postMessage({ kind: 'done', summary }),
  (err: unknown) => {
    const e = err as WaOpsError;
    parentPort?.postMessage({
      kind: 'error',
      error: { ours: err instanceof WaOpsError, message: e?.message ?? String(err), code: e?.code, hint: e?.hint, exitCode: e?.exitCode, stack: e?.stack },
    });
  },
);
