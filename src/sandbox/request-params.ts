/** A Graph request's parameters as the Graph API reads them: a JSON, form-encoded or multipart body, plus the query string on a POST. */
import { graphError, type SandboxError } from './graph-errors.js';
import { boundaryOf, parseMultipart } from './multipart.js';

type Obj = Record<string, unknown>;

/** Parameters Graph takes from anywhere but that are never part of the object sent. */
const AUTH_PARAMS = new Set(['access_token', 'appsecret_proof', 'appsecret_time']);

/** A form value: Graph reads JSON text for objects and arrays (`text={"body":"hi"}`), a string otherwise. */
function formValue(v: string): unknown {
  const t = v.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}

function fromPairs(pairs: Iterable<[string, string]>): Obj {
  const out: Obj = {};
  for (const [k, v] of pairs) out[k] = formValue(v);
  return out;
}

/** The parsed body (undefined when empty), or Meta's error for one it cannot read. */
export function parseRequestBody(bytes: Buffer, contentType: string): { body: unknown } | { error: SandboxError } {
  if (bytes.length === 0) return { body: undefined };
  const ct = contentType.toLowerCase();
  const text = bytes.toString('utf8');
  // A JSON object sent with a form content type (curl -d '{...}' without -H) is still read as JSON: lenient, as before.
  const looksJson = /^\s*[[{]/.test(text);
  if (ct.startsWith('application/x-www-form-urlencoded') && !looksJson) return { body: fromPairs(new URLSearchParams(text)) };
  if (ct.startsWith('multipart/form-data')) {
    const boundary = boundaryOf(contentType);
    const parts = boundary === undefined ? undefined : parseMultipart(bytes, boundary);
    if (!parts) return { error: graphError(100, 'The multipart body could not be read.') };
    return { body: fromPairs(parts.filter((p) => p.filename === undefined).map((p): [string, string] => [p.name, p.data.toString('utf8')])) };
  }
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { error: graphError(100, 'The request body is not valid JSON.') };
  }
}

/** A token sent as a body parameter (`access_token=` in a form), taken out of the body. */
export function takeBodyToken(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const o = body as Obj;
  const token = typeof o.access_token === 'string' ? o.access_token : undefined;
  for (const k of AUTH_PARAMS) delete o[k];
  return token;
}

/** A POST's query-string parameters, merged under the body's own (Graph reads both alike). */
export function withQueryParams(body: unknown, url: URL): unknown {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) return body;
  const extra = [...url.searchParams].filter(([k]) => !AUTH_PARAMS.has(k) && k !== 'fields');
  if (extra.length === 0) return body;
  return { ...fromPairs(extra), ...(body as Obj | undefined) };
}

/** A filter value: "A", "A,B" or a JSON array '["A","B"]'. */
export function filterValues(v: string | null): string[] | undefined {
  if (v === null || v === '') return undefined;
  if (v.startsWith('[')) {
    try {
      return (JSON.parse(v) as unknown[]).map(String);
    } catch {
      return [v];
    }
  }
  return v.split(',').map((x) => x.trim());
}
