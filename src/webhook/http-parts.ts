/** HTTP details of the webhook server: reading a capped body, listening with clear errors, plain answers. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listenError } from '../core/environment-errors.js';
import type { WebhookRecord } from '../core/webhook/records.js';

/** The stored line: the record plus the receive time (spliced in: cheaper than copying the object). */
export function withReceivedAt(r: WebhookRecord, receivedAt: string): string {
  const json = JSON.stringify(r);
  return `${json.slice(0, -1)},"receivedAt":"${receivedAt}"}`;
}

/** The headers a forwarded POST carries: Meta's signature and content type. */
export function forwardHeaders(req: IncomingMessage): Record<string, string> {
  const h: Record<string, string> = { 'content-type': String(req.headers['content-type'] ?? 'application/json'), 'user-agent': 'wa-ops webhook serve (forwarding)' };
  if (req.headers['x-hub-signature-256']) h['x-hub-signature-256'] = String(req.headers['x-hub-signature-256']);
  if (req.headers['x-hub-signature']) h['x-hub-signature'] = String(req.headers['x-hub-signature']);
  return h;
}

/** The whole body, or null when it grew past the cap (read to the end so the 413 reaches the client). */
export function readBody(req: IncomingMessage, max: number, done: (raw: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size <= max) chunks.push(c);
  });
  req.on('end', () => done(size > max ? null : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
}

/** Listen, turning a port in use, a privileged port or a foreign address into a usage error. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err.code, host, port) ?? err));
    server.listen(port, host, resolve);
  });
}

/** A plain-text answer with its length. */
export function end(res: ServerResponse, status: number, text: string): void {
  // Headers as a flat list: Node skips building and validating a header object (this runs once per request).
  res.writeHead(status, ['content-type', 'text/plain; charset=utf-8', 'content-length', String(Buffer.byteLength(text))]);
  res.end(text);
}
