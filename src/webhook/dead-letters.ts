/** The dead-letter file of --forward-to: what could not be forwarded, kept whole (headers, body in base64) so nothing is lost. */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** One undelivered forward. */
export interface DeadLetter {
  url: string;
  attempts: number;
  lastError: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Append one line (mode 0600 when created) and sync it before returning. */
export function appendDeadLetter(path: string, d: DeadLetter): void {
  const line = JSON.stringify({ at: new Date().toISOString(), url: d.url, attempts: d.attempts, lastError: d.lastError, headers: d.headers, body: d.body.toString('base64') }) + '\n';
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, line);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
