/** A small multipart/form-data reader for media uploads: fields as text, files as bytes with their declared type. */

/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary of a multipart/form-data content type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Where a part's headers end (an empty line, CRLF or bare LF) and its data starts; undefined when they never end. */
function headersEnd(body: Buffer, from: number): { end: number; data: number } | undefined {
  const m = /\r?\n\r?\n/.exec(body.subarray(from, Math.min(body.length, from + 64 * 1024)).toString('latin1'));
  return m ? { end: from + m.index, data: from + m.index + m[0].length } : undefined;
}

/**
 * Split a multipart body into its parts; undefined when it is not well formed. Line ends may be CRLF or bare LF:
 * Graph's front end reads uploads with PHP's rfc1867 parser (HHVM), which splits on "\n--boundary" and drops a "\r"
 * before it, so a client writing bare LF is accepted by Meta and must be here too.
 */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\n--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    const h = headersEnd(body, pos);
    if (!h) return undefined;
    const lf = body.indexOf(next, h.end);
    if (lf < 0) return undefined;
    const dataEnd = lf > h.data && body[lf - 1] === 0x0d ? lf - 1 : lf;
    const headers = body.subarray(pos, h.end).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
    parts.push({ name, filename, contentType, data: body.subarray(h.data, Math.max(h.data, dataEnd)) });
    pos = lf + 1;
  }
}
