/** Check a header medium before the first send: the local file or the URL exists, has the right type and size. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, resolve } from 'node:path';
import { judgeMedia, sniffMime } from '../../core/campaign/media.js';
import type { MediaKind } from '../../core/campaign/schema.js';

export interface MediaCheck {
  kind: MediaKind;
  source: string;
  local: boolean;
  path?: string;
  mime?: string;
  size?: number;
  sha256?: string;
  problems: string[];
  warnings: string[];
}

function head(url: URL): Promise<{ status: number; type?: string; length?: number }> {
  const fn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolvePromise, reject) => {
    const req = fn(url, { method: 'HEAD', timeout: 5000 }, (res) => {
      res.resume();
      const length = res.headers['content-length'] ? Number(res.headers['content-length']) : undefined;
      resolvePromise({ status: res.statusCode ?? 0, type: res.headers['content-type']?.split(';')[0].trim(), length });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}

/** Check a medium named in a campaign (paths relative to the campaign's folder). */
export async function checkMedia(kind: MediaKind, source: string, baseDir: string): Promise<MediaCheck> {
  if (/^https?:\/\//.test(source)) {
    const out: MediaCheck = { kind, source, local: false, problems: [], warnings: [] };
    try {
      const h = await head(new URL(source));
      if (h.status < 200 || h.status >= 300) out.problems.push(`the URL answered ${h.status}`);
      else {
        out.mime = h.type;
        out.size = h.length;
        const judged = judgeMedia(kind, h.type, h.length);
        out.problems.push(...judged.problems);
        out.warnings.push(...judged.warnings);
      }
    } catch (err) {
      out.problems.push(`the URL cannot be reached: ${(err as Error).message}`);
    }
    return out;
  }
  const path = resolve(baseDir, source);
  const out: MediaCheck = { kind, source, local: true, path, problems: [], warnings: [] };
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    bytes = readFileSync(path);
  } catch {
    out.problems.push(`no such file: ${path}`);
    return out;
  }
  out.size = bytes.length;
  out.mime = sniffMime(bytes.subarray(0, 64), extname(path));
  out.sha256 = createHash('sha256').update(bytes).digest('hex');
  const judged = judgeMedia(kind, out.mime, out.size);
  out.problems.push(...judged.problems);
  out.warnings.push(...judged.warnings);
  return out;
}
