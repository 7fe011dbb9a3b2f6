/** Turning what came back (or did not) into GraphErrors: network failures, non-JSON answers, Graph error bodies. */
import { errnoCode, errorMessage } from '../../core/caught.js';
import { GraphError } from '../../core/graph/graph-error.js';
import { waitFromHeaders } from '../../core/graph/actions.js';
import { networkFailure } from '../../core/graph/network-failure.js';
import { redact } from '../../core/redact.js';

type Headers = Record<string, string | string[] | undefined>;

/** The errno-like code of a failed request (undici wraps the socket's error in `cause`). */
export function errorCode(err: unknown): string {
  return errnoCode(err) ?? (isObject(err) ? errnoCode(err.cause) : undefined) ?? '';
}

/** A request that failed before an answer: refused, unresolvable, unreachable, timed out, refused by TLS or cut; proxy: the proxy's host when one was used. */
export function networkError(err: unknown, method: string, path: string, host: string, proxy?: string): GraphError {
  const f = networkFailure({ code: errorCode(err), message: errorMessage(err), host, proxy });
  const where = `${method} /${path.split('?')[0]}`;
  // After a POST was written, a timeout or a reset leaves its outcome unknown: it may have been sent.
  const action = f.notSent ? 'transient' : method === 'POST' ? 'ambiguous' : 'transient';
  // Never "run the same command again" for a POST that may have been carried out: that may do it twice.
  const todo = action === 'ambiguous' ? 'the request may have been carried out before its answer was lost: check its effect before running the same command again, which may do it twice' : f.todo;
  return new GraphError({ title: `${where}: ${f.title}`, httpStatus: 0, action, notSent: f.notSent || undefined, todo });
}

/**
 * A 502 or 504 without a Graph error code, to a POST: a gateway (a proxy, a load balancer) handed the request on and
 * lost the answer, so it may have been carried out. Never retried as transient (a message sent twice): ambiguous.
 */
export function gatewayLost(err: GraphError, method: string, path: string): GraphError {
  if (method !== 'POST' || err.graphCode !== undefined || (err.httpStatus !== 502 && err.httpStatus !== 504)) return err;
  return new GraphError({
    title: `${method} /${path.split('?')[0]}: HTTP ${err.httpStatus} from a gateway, the answer was lost`,
    details: err.details,
    httpStatus: err.httpStatus,
    action: 'ambiguous',
    notSent: false,
    todo: 'the request may have been carried out before its answer was lost: check its effect before running the same command again, which may do it twice',
  });
}

/**
 * A redirect (or any 1xx/3xx answer) instead of Graph JSON: wa-ops follows none, so the token never goes to another
 * address, and its empty body must not read as an empty answer ("no templates", a passed check). The Graph URL is wrong.
 */
export function redirectError(status: number, origin: string, h: Headers, scrub: (s: string) => string): GraphError {
  // Where it points, without its query (which would repeat ours, input_token included).
  const raw = typeof h.location === 'string' ? h.location.split(/[?#]/)[0] : undefined;
  const location = raw === undefined ? undefined : scrub(redact(raw)).replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, 200);
  return new GraphError({
    title: `the server at ${origin} answered with a redirect${location ? ` to ${location}` : ''} instead of Graph JSON`,
    httpStatus: status,
    // The API never took the request; every other request would get the same answer.
    action: 'abort-run',
    notSent: true,
    todo: 'wa-ops follows no redirect, so the access token never goes to another address: set WA_OPS_GRAPH_URL (or graphUrl in the config) to the Graph API itself, e.g. https://graph.facebook.com, or to the wa-ops sandbox',
  });
}

/** JSON without the "data" list every Graph list edge answers with: another server, which must not read as "none". */
export function notAListError(path: string, status: number): GraphError {
  return new GraphError({
    title: `GET /${path.split('?')[0]}: the answer holds no "data" list, so it is not the Graph API's`,
    httpStatus: status,
    action: 'abort-run',
    todo: 'check WA_OPS_GRAPH_URL (or graphUrl in the config): it must point at the Graph API (https://graph.facebook.com) or the wa-ops sandbox',
  });
}

/** An answer that is not Graph JSON (a proxy's HTML page, a load balancer's text): say what it was, redacted. */
export function notJsonError(text: string, status: number, origin: string, h: Headers, scrub: (s: string) => string): GraphError {
  // Redact before cutting: a secret cut in half would escape the redactor.
  const details = scrub(redact(text)).replace(/\s+/g, ' ').slice(0, 120);
  return new GraphError({
    title: `the server at ${origin} answered ${status} with ${String(h['content-type'] ?? 'no content type').split(';')[0]} instead of Graph JSON`,
    details,
    httpStatus: status,
    notSent: status >= 500 ? false : undefined,
    action: status < 300 ? 'ambiguous' : undefined,
  });
}

/** A Graph `{"error":{...}}` answer (or an HTTP error status) as a typed error, every echoed text redacted. */
export function graphBodyError(parsed: unknown, status: number, h: Headers, scrub: (s: string) => string): GraphError {
  const e: Record<string, unknown> = isObject(parsed) && isObject(parsed.error) ? parsed.error : {};
  const data = isObject(e.error_data) ? e.error_data : {};
  const clean = (v: unknown) => (typeof v === 'string' ? scrub(redact(v)).slice(0, 2000) : undefined);
  return new GraphError({
    code: typeof e.code === 'number' ? e.code : undefined,
    subcode: typeof e.error_subcode === 'number' ? e.error_subcode : undefined,
    title: clean(String(e.error_user_title ?? e.message ?? `HTTP ${status}`))!,
    details: clean(data.details) ?? clean(e.error_user_msg),
    httpStatus: status,
    fbtraceId: clean(e.fbtrace_id) ?? clean(h['x-fb-trace-id']),
    retryAfterMs: waitFromHeaders(h['retry-after'] as string | undefined, h['x-business-use-case-usage'] as string | undefined, Date.now()),
  });
}

/** A plain object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
