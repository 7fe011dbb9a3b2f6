/** Ordinary situations that reach wa-ops as Node errors (a port in use, a folder where a file is expected): usage errors, not bugs. */
import { EXIT, UsageError, WaOpsError } from './errors.js';

interface NodeErrorLike {
  name?: string;
  code?: string;
  path?: string;
  dest?: string;
  syscall?: string;
  address?: string;
  port?: number;
  message?: string;
}

const FILE_CODES: Record<string, [string, string]> = {
  EISDIR: ['is a folder, not a file', 'give the path of a file'],
  ENOTDIR: ['is not a folder (a part of the path is a file)', 'check the path'],
  ENOENT: ['does not exist', 'check the path'],
  EACCES: ['cannot be accessed: permission denied', 'check the permissions of the file and its folder'],
  EPERM: ['cannot be accessed: operation not permitted', 'check the permissions of the file and its folder'],
  EROFS: ['is on a read-only file system', 'write somewhere else'],
  ENOSPC: ['cannot be written: no space left on the device', 'free some space and run the same command again'],
  EDQUOT: ['cannot be written: disk quota exceeded', 'free some space and run the same command again'],
  ELOOP: ['has too many symbolic links', 'check the path'],
  ENAMETOOLONG: ['is too long a path', 'use a shorter path'],
  EIO: ['cannot be read or written: input/output error (a failing disk or device, or a file the system cannot read)', 'check the disk or device, or give another file'],
  EMFILE: ['cannot be opened: too many open files', 'raise the limit (ulimit -n) and run again'],
};

/** What to do about an errno code met on a path (permissions for EACCES), or undefined when there is no advice. */
export function errnoHint(code: string | undefined): string | undefined {
  return code ? FILE_CODES[code]?.[1] : undefined;
}

/** An errno code in words ("ENOENT" -> "does not exist"), for messages that name the path themselves; the code itself when unknown. */
export function errnoText(code: string | undefined, fallback = 'failed'): string {
  return (code && FILE_CODES[code]?.[0]) ?? code ?? fallback;
}

/** Why a server could not listen on host:port, worded the same for sandbox and webhook serve; undefined when it is not the user's to fix. */
export function listenError(code: string | undefined, host: string, port: number | string | undefined): UsageError | undefined {
  const where = `${host}${port !== undefined ? `:${port}` : ''}`;
  if (code === 'EADDRINUSE') return new UsageError(`port ${port ?? ''} on ${host} is already in use`, { code: 'port-in-use', hint: 'stop the program using it, or pick another --port (0 picks a free one)' });
  if (code === 'EACCES' || code === 'EPERM') return new UsageError(`not allowed to listen on ${where} (ports below 1024 need privileges)`, { code: 'port-denied', hint: 'pick a --port above 1024 (0 picks a free one)' });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new UsageError(`cannot listen on ${host}: not an address of this machine`, { code: 'bad-host', hint: 'use --host 127.0.0.1, or 0.0.0.0 for every interface' });
  return undefined;
}

/** A typed error for a Node error a user can cause or fix, or undefined for anything else (a bug). */
export function environmentError(err: unknown): WaOpsError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as NodeErrorLike;
  if (e.name === 'ExitPromptError' || e.name === 'AbortPromptError') {
    return new WaOpsError('cancelled at the prompt: nothing was sent', EXIT.sigint, { code: 'interrupted', hint: 'run the same command again when you are ready' });
  }
  if (e.syscall === 'listen' || e.syscall === 'bind' || e.code === 'ERR_SOCKET_BAD_PORT') {
    const listening = listenError(e.code, e.address ?? 'this machine', e.port);
    if (listening) return listening;
    if (e.code === 'ERR_SOCKET_BAD_PORT') return new UsageError('the port must be between 0 and 65535', { code: 'bad-flag', hint: 'pass --port 0 to pick a free one' });
  }
  const file = e.code ? FILE_CODES[e.code] : undefined;
  if (file && (e.path || e.syscall)) {
    const what = e.path ? e.path : e.syscall === 'write' ? 'an output' : 'a path given';
    return new UsageError(`${what} ${file[0]}`, { code: 'file-error', hint: file[1] });
  }
  return undefined;
}

/** Check a --port value: an integer from 0 (a free port) to 65535. */
export function portProblem(value: unknown): string | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 65535 && String(value).trim() !== '' ? undefined : `--port must be an integer from 0 to 65535 (0 picks a free port), got "${value}"`;
}
