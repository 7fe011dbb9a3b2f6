/**
 * Decode a list's bytes as the sniffed encoding. A file without a BOM whose first 64 KiB were plain
 * ASCII was sniffed as UTF-8; when a byte further on is not UTF-8 (a Windows-1252 "ü" on row 4,000
 * of a German export), the rest is read as Windows-1252 instead of turning the name into "M�ller".
 */
import type { Dialect } from './sniff.js';

/** A streaming decoder: decode(chunk) for each chunk, then end(). */
export interface ListDecoder {
  decode(chunk: Uint8Array): string;
  end(): string;
}

/** The decoder for a dialect. */
export function listDecoder(dialect: Dialect): ListDecoder {
  if (dialect.encoding !== 'utf-8' || dialect.bomLength > 0) {
    const d = new TextDecoder(dialect.encoding);
    return { decode: (chunk) => d.decode(chunk, { stream: true }), end: () => d.decode() };
  }
  let d = new TextDecoder('utf-8', { fatal: true });
  let fallback = false;
  // ASCII so far exactly when every byte became one character (UTF-8 sequences make fewer).
  let bytes = 0;
  let chars = 0;
  const guarded = (chunk: Uint8Array | undefined): string => {
    if (fallback) return chunk ? d.decode(chunk, { stream: true }) : d.decode();
    try {
      const text = chunk ? d.decode(chunk, { stream: true }) : d.decode();
      bytes += chunk?.length ?? 0;
      chars += text.length;
      return text;
    } catch {
      fallback = true;
      // Windows-1252 when nothing so far (ASCII reads the same in both) and nothing in this chunk is UTF-8;
      // else a damaged UTF-8 file: only what is damaged is replaced.
      const utf8Here = chunk !== undefined && /[^\x00-\x7f\ufffd]/.test(new TextDecoder('utf-8').decode(chunk));
      d = chars === bytes && !utf8Here ? new TextDecoder('windows-1252') : new TextDecoder('utf-8');
      return chunk ? d.decode(chunk, { stream: true }) : d.decode();
    }
  };
  return { decode: (chunk) => guarded(chunk), end: () => guarded(undefined) };
}
