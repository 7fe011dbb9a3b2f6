/** Meta's header media rules: types by their first bytes, and size limits (image 5 MB, video 16 MB, document 100 MB). */
import type { MediaKind } from './schema.js';

const MB = 1024 * 1024;

/** Meta's size cap and accepted types per header media kind; an image above warnAbove is allowed but slow to deliver. */
export const MEDIA_LIMITS: Record<MediaKind, { max: number; warnAbove?: number; types: string[] }> = {
  image: { max: 5 * MB, warnAbove: 3 * MB, types: ['image/jpeg', 'image/png'] },
  video: { max: 16 * MB, types: ['video/mp4', 'video/3gpp'] },
  document: {
    max: 100 * MB,
    types: [
      'application/pdf',
      'text/plain',
      'application/msword',
      'application/vnd.ms-excel',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
  },
};

const OOXML: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const OLE: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

/** The MIME type a file really has, from its first bytes (the extension only tells Office formats apart). */
export function sniffMime(head: Uint8Array, extension: string): string | undefined {
  const b = (i: number) => head[i];
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  const ext = extension.toLowerCase().replace(/^\./, '');
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(4, 8) === 'ftyp') return ascii(8, 10) === '3g' ? 'video/3gpp' : 'video/mp4';
  if (ascii(0, 4) === 'PK\u0003\u0004') return OOXML[ext];
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) return OLE[ext];
  if (ext === 'txt' && head.every((c) => c === 9 || c === 10 || c === 13 || c >= 32)) return 'text/plain';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(0, 3) === 'GIF') return 'image/gif';
  return undefined;
}

/** Problems (refuse) and warnings (go on) for a medium of a kind, type and size. */
export function judgeMedia(kind: MediaKind, mime: string | undefined, size: number | undefined): { problems: string[]; warnings: string[] } {
  const rule = MEDIA_LIMITS[kind];
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!mime) problems.push(`its type could not be recognised; ${kind === 'image' ? 'an' : 'a'} ${kind} header takes ${rule.types.join(', ')}`);
  else if (!rule.types.includes(mime)) problems.push(`it is ${mime}; ${kind === 'image' ? 'an' : 'a'} ${kind} header takes ${rule.types.join(', ')}`);
  if (size !== undefined) {
    if (size > rule.max) problems.push(`it is ${(size / MB).toFixed(1)} MB; the limit for a ${kind} is ${rule.max / MB} MB`);
    else if (rule.warnAbove && size > rule.warnAbove) warnings.push(`it is ${(size / MB).toFixed(1)} MB; ${kind}s above ${rule.warnAbove / MB} MB fail more often`);
  }
  return { problems, warnings };
}
