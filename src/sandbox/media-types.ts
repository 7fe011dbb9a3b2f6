/** The media types and sizes the Cloud API takes for upload (Meta's "Supported media types"). */

const MB = 1024 * 1024;

/** MIME type -> largest file Meta accepts, in bytes. */
export const MEDIA_TYPES: Record<string, number> = {
  'audio/aac': 16 * MB,
  'audio/amr': 16 * MB,
  'audio/mpeg': 16 * MB,
  'audio/mp4': 16 * MB,
  'audio/ogg': 16 * MB,
  'text/plain': 100 * MB,
  'application/pdf': 100 * MB,
  'application/msword': 100 * MB,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 100 * MB,
  'application/vnd.ms-excel': 100 * MB,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 100 * MB,
  'application/vnd.ms-powerpoint': 100 * MB,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 100 * MB,
  'image/jpeg': 5 * MB,
  'image/png': 5 * MB,
  'image/webp': 500 * 1024,
  'video/mp4': 16 * MB,
  'video/3gpp': 16 * MB,
};

/** Normalise what clients send ("image/jpg", "video/3gp", "audio/ogg; codecs=opus") to Meta's names. */
export function normaliseMime(type: string): string {
  const base = type.split(';')[0].trim().toLowerCase();
  return base === 'image/jpg' ? 'image/jpeg' : base === 'video/3gp' ? 'video/3gpp' : base;
}

/** The file extension Meta's media URLs carry for a type. */
export function extensionOf(mime: string): string {
  const known: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4', 'video/3gpp': '3gp', 'application/pdf': 'pdf', 'text/plain': 'txt', 'audio/mpeg': 'mp3', 'audio/ogg': 'ogg' };
  return known[mime] ?? 'bin';
}
