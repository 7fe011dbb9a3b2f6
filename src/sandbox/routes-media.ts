/** Media: upload (multipart), retrieve the URL, delete, and download with the bearer token, like the Cloud API. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphError, missing } from './graph-errors.js';
import { ok, send, type Answer } from './http.js';
import { MEDIA_TYPES, extensionOf, normaliseMime } from './media-types.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import type { SandboxState, StoredMedia } from './state.js';

/** Media URLs work for 5 minutes, as Meta's do. */
export const MEDIA_URL_TTL_MS = 5 * 60 * 1000;
/** The path media URLs are served at (Meta's lookaside path). */
export const MEDIA_PATH = '/whatsapp_business/attachments/';

/** POST /{pnid}/media: messaging_product (form field or query string) and a file of a type Meta takes. */
export function uploadMedia(req: IncomingMessage, raw: Buffer, url: URL, phoneNumberId: string, state: SandboxState): Answer {
  const boundary = boundaryOf(String(req.headers['content-type'] ?? ''));
  if (!boundary) return graphError(100, 'Media uploads are multipart/form-data with a file and messaging_product.');
  const parts = parseMultipart(raw, boundary);
  if (!parts) return graphError(100, 'The multipart body could not be read.');
  const field = (name: string) => parts.find((p) => p.name === name && p.filename === undefined)?.data.toString('utf8').trim();
  const product = field('messaging_product') ?? url.searchParams.get('messaging_product');
  if (product === undefined || product === null) return missing('messaging_product');
  if (product !== 'whatsapp') return graphError(131009, 'messaging_product must be "whatsapp".');
  const file = parts.find((p) => p.name === 'file');
  if (!file) return missing('file');
  const declared = file.contentType && normaliseMime(file.contentType) !== 'application/octet-stream' ? file.contentType : (field('type') ?? file.contentType ?? '');
  const mime = normaliseMime(declared);
  const limit = MEDIA_TYPES[mime];
  if (limit === undefined) {
    return graphError(100, `Param file must be a file with one of the following types: ${Object.keys(MEDIA_TYPES).join(', ')}. Received file of type '${mime || 'unknown'}'.`);
  }
  if (file.data.length > limit) return graphError(100, `Param file is too large for ${mime}: ${file.data.length} bytes, at most ${limit}.`);
  if (file.data.length === 0) return graphError(100, 'Param file is empty.');
  const bytes = Buffer.from(file.data);
  const stored = state.addMedia({ phoneNumberId, mimeType: mime, sha256: createHash('sha256').update(bytes).digest('hex'), bytes, uploadedAt: Date.now() });
  return ok({ id: stored.id });
}

/** GET or DELETE /{media-id} (optionally checked against ?phone_number_id=). */
export function mediaObject(method: string, media: StoredMedia, url: URL, state: SandboxState): Answer {
  const pn = url.searchParams.get('phone_number_id');
  if (pn && pn !== media.phoneNumberId) return graphError(100, `Media ${media.id} does not belong to phone number ${pn}.`);
  if (method === 'DELETE') {
    state.media.delete(media.id);
    return ok({ success: true });
  }
  const expires = Date.now() + MEDIA_URL_TTL_MS;
  const link = `${state.baseUrl}${MEDIA_PATH}?mid=${media.id}&ext=${extensionOf(media.mimeType)}&exp=${expires}&hash=${media.sha256.slice(0, 16)}`;
  return ok({ url: link, mime_type: media.mimeType, sha256: media.sha256, file_size: String(media.bytes.length), id: media.id, messaging_product: 'whatsapp' });
}

/** GET of a media URL: the bytes, only with the bearer token and within 5 minutes. */
export function downloadMedia(req: IncomingMessage, res: ServerResponse, url: URL, state: SandboxState): void {
  const auth = req.headers.authorization ?? '';
  if (auth !== `Bearer ${state.o.token}`) return send(res, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
  const media = state.media.get(url.searchParams.get('mid') ?? '');
  const exp = Number(url.searchParams.get('exp'));
  // Meta answers 404 for an expired or unknown media URL: fetch a new one with GET /{media-id}.
  if (!media || !(exp > Date.now()) || url.searchParams.get('hash') !== media.sha256.slice(0, 16)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    return void res.end('Not found');
  }
  res.writeHead(200, { 'content-type': media.mimeType, 'content-length': media.bytes.length });
  res.end(media.bytes);
}
