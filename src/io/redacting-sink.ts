/** The buffered writer behind every output file: text is redacted as it is flushed, bytes already redacted pass through. */
import { writeSync } from 'node:fs';
import { redact } from '../core/redact.js';

const FLUSH_AT = 1 << 20;

/** Buffered writes to a file descriptor: text (redacted unless raw) or pre-redacted bytes, in the order given. */
export interface RedactingSink {
  write(text: string): void;
  writeRedacted(bytes: Uint8Array): void;
  flush(): void;
}

/** A sink on an open file descriptor; `raw` writes text as given (only the .env file, which holds the secrets on purpose). */
export function buffered(fd: number, raw = false): RedactingSink {
  let buffer = '';
  let chunks: Uint8Array[] = [];
  let chunkBytes = 0;
  const flushText = () => {
    // Flushes fall between writes (whole rows or documents), so a secret is always redacted whole.
    if (buffer.length > 0) writeAll(fd, Buffer.from(raw ? buffer : redact(buffer)));
    buffer = '';
  };
  const flushBytes = () => {
    if (chunks.length > 0) writeAll(fd, chunks.length === 1 ? Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength) : Buffer.concat(chunks));
    chunks = [];
    chunkBytes = 0;
  };
  return {
    write(text) {
      flushBytes();
      buffer += text;
      if (buffer.length > FLUSH_AT) flushText();
    },
    writeRedacted(bytes) {
      flushText();
      if (bytes.byteLength === 0) return;
      chunks.push(bytes);
      chunkBytes += bytes.byteLength;
      if (chunkBytes > FLUSH_AT) flushBytes();
    },
    flush() {
      flushText();
      flushBytes();
    },
  };
}

/** writeSync until every byte is out; a non-blocking pipe (EAGAIN) is waited for, not dropped. */
function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(fd, data, off);
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'EAGAIN')) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
