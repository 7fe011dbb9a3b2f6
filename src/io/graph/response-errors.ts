/** Turning what came back (or did not) into GraphErrors: network failures, non-JSON answers, Graph error bodies. */

/** What to check when a success status came with something other than Graph JSON. */
const NOT_GRAPH = 'this is not the Graph API answering (a captive portal, a proxy\'s page or a wrong WA_OPS_GRAPH_URL): check WA_OPS_GRAPH_URL and the proxy settings (HTTPS_PROXY, NO_PROXY)';

/** What to do about a POST that went out and got no usable answer. */
export const MAYBE_DONE = 'the request went out but no usable answer came back, so it may have been carried out: find out whether it was (for a message: its status webhook) before doing it again';
import { errnoCode, errorMessage } from '../../core/caught.js';
import { GraphError } from '../../core/graph/graph-error.js';
import { waitFromHeaders } from '../../core/graph/response-waits.js';
import { networkFailure } from '../../core/graph/network-failure.js';
import { redact } from '../../core/redact.js';
import { isObject } from '../../core/is-object.js';

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
  const action = f.final ? 'abort-run' : f.notSent ? 'transient' : method === 'POST' ? 'ambiguous' : 'transient';
  // Running a POST that may have been carried out again could do it twice (send a message twice): never advise it blindly.
  const todo = action === 'ambiguous' ? `${MAYBE_DONE}; ${f.todo.replace(/,? then run the same command again$/, '')}` : f.todo;
  return new GraphError({ title: `${where}: ${f.title}`, httpStatus: 0, action, notSent: f.notSent || undefined, todo });
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
export function notJsonError(text: string, status: number, origin: string, h: Headers, scrub: (s: string) => string, method = 'GET'): GraphError {
  // Redact before cutting: a secret cut in half would escape the redactor.
  const details = scrub(redact(text)).replace(/\s+/g, ' ').slice(0, 120);
  return new GraphError({
    title: `the server at ${origin} answered ${status} with ${String(h['content-type'] ?? 'no content type').split(';')[0]} instead of Graph JSON`,
    details,
    httpStatus: status,
    notSent: status >= 500 ? false : undefined,
    action: status < 300 || maybeForwarded(method, status) ? 'ambiguous' : undefined,
    todo: maybeForwarded(method, status) ? `a gateway answered ${status} after the request went out: ${MAYBE_DONE}` : status < 300 ? (method === 'POST' ? `${MAYBE_DONE}; ${NOT_GRAPH}` : NOT_GRAPH) : undefined,
    // A gateway's 429 or 503 page says how long to stay away in its headers, not in a body.
    retryAfterMs: status >= 400 ? responseWait(h) : undefined,
  });
}

/** A Graph `{"error":{...}}` answer (or an HTTP error status) as a typed error, every echoed text redacted. */
export function graphBodyError(parsed: unknown, status: number, h: Headers, scrub: (s: string) => string, method = 'GET'): GraphError {
  const e: Record<string, unknown> = isObject(parsed) && isObject(parsed.error) ? parsed.error : {};
  const data = isObject(e.error_data) ? e.error_data : {};
  const clean = (v: unknown) => (typeof v === 'string' ? scrub(redact(v)).slice(0, 2000) : undefined);
  const code = typeof e.code === 'number' ? e.code : undefined;
  return new GraphError({
    code,
    // Graph's own 5xx carry a code and are retried by it; a gateway's bare 502/504 to a POST is the ambiguous case.
    action: code === undefined && maybeForwarded(method, status) ? 'ambiguous' : undefined,
    todo: code === undefined && maybeForwarded(method, status) ? `a gateway answered ${status} after the request went out: ${MAYBE_DONE}` : undefined,
    subcode: typeof e.error_subcode === 'number' ? e.error_subcode : undefined,
    title: clean(String(e.error_user_title ?? e.message ?? `HTTP ${status}`))!,
    details: clean(data.details) ?? clean(e.error_user_msg),
    httpStatus: status,
    fbtraceId: clean(e.fbtrace_id) ?? clean(h['x-fb-trace-id']),
    retryAfterMs: responseWait(h),
  });
}

/**
 * A gateway's 502 or 504 to a POST: it may have passed the request on before the upstream answer went wrong or too
 * late, so the message may have been sent (a timeout after a POST): never resent blindly.
 */
function maybeForwarded(method: string, status: number): boolean {
  return method === 'POST' && (status === 502 || status === 504);
}

/** The wait an answer's headers ask for (Retry-After, x-business-use-case-usage), bounded. */
function responseWait(h: Headers): number | undefined {
  return waitFromHeaders(h['retry-after'], h['x-business-use-case-usage'], Date.now());
}

