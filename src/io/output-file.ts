/**
 * The one way wa-ops writes a report file: a temporary file with a random name carrying the pid
 * (stale-temp.ts: a killed run's leftover is removed by the next), created exclusively
 * without following symlinks, mode 0600, renamed into place only when complete. An output that
 * exists and is not a regular file (/dev/null, a FIFO) is written in place, never replaced; "-" is
 * standard output; an output that is one of the inputs is refused.
 */
import { closeSync, constants, fchmodSync, fsyncSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { InputError } from '../core/errors.js';
import { folderError, namingFailures, refuseForeign, tryOpen } from './output-guards.js';
import { buffered } from './redacting-sink.js';
import { refuseSameFile } from './same-file.js';
import { pidTempName, sweepStaleTemps } from './stale-temp.js';
import { trackUnfinished } from './unfinished-outputs.js';

export { checkReplace } from './output-guards.js';
export { inputIdentity, refuseSameFile } from './same-file.js';

/** A file being written: text in (redacted), then commit (move into place) or abort. */
export interface OutputFile {
  path: string;
  /** Append text (buffered, redacted). */
  write(text: string): void;
  /** Append UTF-8 bytes that already went through redact() (validate-numbers' workers redact each block). */
  writeRedacted(bytes: Uint8Array): void;
  /** Flush, close and move the finished file into place. */
  commit(): void;
  /** Remove the unfinished file (nothing is left behind). */
  abort(): void;
}

/** How an output file is written: inputs it must not overwrite, mode, redaction. */
export interface OutputOptions {
  /** Inputs this output must not be: refused when it is the same file. */
  inputs?: { label: string; identity?: { dev: number; ino: number } }[];
  /** Mode of a new file (default 0600; templates pulled for git are 0644). */
  mode?: number;
  /** Write the text as given, without redaction: only for the .env file that holds the secrets on purpose. */
  raw?: boolean;
  /**
   * Recognises wa-ops' own earlier output of this kind from an existing file's first bytes (core/own-output).
   * Given, an existing regular file that is neither empty nor recognised is refused (exit 2): a user's file is
   * never replaced, unless `force`. Commands with their own policy (templates pull, suppressions export, init) leave it out.
   */
  ours?: (head: string) => boolean;
  /** Replace an existing file even when it is not wa-ops' own (the command's --force). */
  force?: boolean;
  /** The flag that named the output (--out), for messages. */
  flag?: string;
}



/** Open an output: "-" for stdout, a device or FIFO in place, else a fresh temporary file. */
export function openOutput(path: string, o: OutputOptions = {}): OutputFile {
  refuseSameFile(path, 'output', o);
  if (path === '-') return direct(path, 1, false, o.raw);
  let existing;
  try {
    existing = statSync(path);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) throw folderError(path, o.flag);
  // A disk is never a report's destination (a symlink planted at the output name could point at one).
  if (existing?.isBlockDevice()) throw new InputError(`cannot write ${path}: it is a block device (a disk)`, { code: 'unwritable-output', hint: 'give a file name' });
  if (existing && !existing.isFile()) {
    const fd = tryOpen(path, constants.O_WRONLY | constants.O_APPEND);
    return namingFailures(direct(path, fd, true, o.raw));
  }
  if (existing?.isFile() && existing.size > 0 && o.ours && !o.force) refuseForeign(path, o.ours, o.flag);
  // A run killed with SIGKILL left its temporary file of this output behind: its pid says it is dead.
  const prefix = `.${basename(path)}.`;
  sweepStaleTemps(dirname(path), prefix, '.partial');
  const temp = pidTempName(dirname(path), prefix, '.partial');
  const fd = tryOpen(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, path);
  trackUnfinished(temp, true);
  fchmodSync(fd, o.mode ?? 0o600);
  let open = true;
  const sink = buffered(fd, o.raw);
  return namingFailures({
    path,
    write: sink.write,
    writeRedacted: sink.writeRedacted,
    commit() {
      sink.flush();
      fsyncSync(fd);
      closeSync(fd);
      open = false;
      renameSync(temp, path);
      trackUnfinished(temp, false);
    },
    abort() {
      if (open) closeSync(fd);
      open = false;
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
      trackUnfinished(temp, false);
    },
  });
}

/** Write a whole file the safe way (the report of webhook analyze --html, for example). */
export function writeOutputFile(path: string, content: string, o: OutputOptions = {}): void {
  const f = openOutput(path, o);
  try {
    f.write(content);
    f.commit();
  } catch (err) {
    f.abort();
    throw err;
  }
}

function direct(path: string, fd: number, close: boolean, raw = false): OutputFile {
  const sink = buffered(fd, raw);
  let open = true;
  const done = () => {
    if (open && close) closeSync(fd);
    open = false;
  };
  return {
    path,
    write: sink.write,
    writeRedacted: sink.writeRedacted,
    commit() {
      sink.flush();
      done();
    },
    abort() {
      done();
    },
  };
}


