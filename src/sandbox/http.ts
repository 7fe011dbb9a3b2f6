/** Small HTTP helpers of the sandbox: JSON answers in the Graph API's style, bounded bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxError } from './graph-errors.js';

/** An answer: a status and a JSON body (or an error in Meta's shape). */
export type Answer = SandboxError | { status: number; body: unknown; headers?: Record<string, string> };

/** Write a JSON answer. */
export function send(res: ServerResponse, r: Answer): void {
  const text = JSON.stringify(r.body);
  // Meta's x-fb-trace-id is the error's fbtrace_id: a client that logs either finds the other.
  const trace = (r.body as { error?: { fbtrace_id?: unknown } } | null)?.error?.fbtrace_id;
  res.writeHead(r.status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), 'x-fb-trace-id': typeof trace === 'string' ? trace : 'sandbox', ...(r.headers ?? {}) });
  res.end(text);
}

/** A 200 answer. */
export const ok = (body: unknown): Answer => ({ status: 200, body });

/** The request body, or undefined when it is larger than `max` bytes (read to the end, kept no further). */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Wait. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
