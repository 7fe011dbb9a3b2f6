/** Check a header medium before the first send: the local file or the URL exists, has the right type and size. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { extname, resolve } from 'node:path';
import { judgeMedia, sniffMime } from '../../core/campaign/media.js';
import { errnoCode, errorMessage } from '../../core/caught.js';
import type { MediaKind } from '../../core/campaign/schema.js';
import { proxyFor } from '../../core/net-proxy.js';
import { describeSpecial } from '../input-file.js';
import { internalAddressKind, mediaUrlProblem } from '../../core/url-policy.js';
import { proxyEnv } from '../graph/dispatcher.js';
import { probe } from '../graph/probe.js';

/** A header media file or URL checked: kind, type, size, and what is wrong with it. */
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

/** Why an address must not be probed (a campaign file must not make wa-ops reach internal hosts). */
function refusedAddress(ip: string): string | undefined {
  const kind = internalAddressKind(ip);
  return kind ? `the media URL resolves to ${kind === 'unspecified' ? 'an' : 'a'} ${kind} address (${ip}); pass --allow-internal-media if you mean it` : undefined;
}

async function head(url: URL, allowInternal: boolean): Promise<{ status: number; type?: string; length?: number }> {
  if (!allowInternal && proxyFor(url, proxyEnv()) !== undefined) {
    // Through a proxy the proxy resolves the name; check what this machine resolves it to as well.
    const addresses = await lookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true }).catch(() => []);
    const refused = addresses.map((a) => refusedAddress(a.address)).find(Boolean);
    if (refused) throw new Error(refused);
  }
  const res = await probe(url, { method: 'HEAD', timeoutMs: 5000, guardAddress: allowInternal ? undefined : refusedAddress });
  const length = res.headers['content-length'] ? Number(res.headers['content-length']) : undefined;
  const type = res.headers['content-type'];
  return { status: res.status, type: typeof type === 'string' ? type.split(';')[0].trim() : undefined, length };
}

/** Check a medium named in a campaign (paths relative to the campaign's folder). */
export async function checkMedia(kind: MediaKind, source: string, baseDir: string): Promise<MediaCheck> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    const out: MediaCheck = { kind, source, local: false, problems: [], warnings: [] };
    const allowInternal = process.env.WA_OPS_ALLOW_INTERNAL_MEDIA === '1';
    const refused = mediaUrlProblem(source, allowInternal);
    if (refused) {
      out.problems.push(refused);
      return out;
    }
    try {
      const h = await head(new URL(source), allowInternal);
      if (h.status < 200 || h.status >= 300) out.problems.push(`the URL answered ${h.status}`);
      else {
        out.mime = h.type;
        out.size = h.length;
        const judged = judgeMedia(kind, h.type, h.length);
        out.problems.push(...judged.problems);
        out.warnings.push(...judged.warnings);
      }
    } catch (err) {
      const code = errnoCode(err);
      const message = errorMessage(err);
      out.problems.push(code === 'EREFUSEDADDRESS' || /^the media URL/.test(message) ? message : `the URL cannot be reached: ${code ?? message}`);
    }
    return out;
  }
  const path = resolve(baseDir, source);
  const out: MediaCheck = { kind, source, local: true, path, problems: [], warnings: [] };
  let bytes: Buffer;
  try {
    // What it is before anything else: a folder or a device is not "no such file".
    const special = describeSpecial(path, statSync(path));
    if (special) {
      out.problems.push(`${path} ${special}`);
      return out;
    }
    bytes = readFileSync(path);
  } catch (err) {
    const code = errnoCode(err);
    out.problems.push(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file: ${path}` : `cannot read ${path} (${code ?? errorMessage(err)})`);
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
