/** graph.reachable: when the Graph host cannot be reached at all, say so once (the checks that need it are skipped). */
import { networkFailure, networkKind } from '../graph/network-failure.js';
import { fail, type CheckResult } from './types.js';

/** The Graph host that could not be reached, and the proxy in the way if any. */
export interface Unreachable {
  host: string;
  /** The first failure, e.g. "GET /debug_token: cannot connect to graph.facebook.com (ENOTFOUND)". */
  error: string;
  /** Whether HTTPS_PROXY / HTTP_PROXY sent the requests through a proxy. */
  proxy?: string;
}

/** One failed check naming the host, with what to look at. */
export function reachabilityCheck(u: Unreachable): CheckResult {
  const code = /\(([A-Z_0-9]+)\)\s*$/.exec(u.error)?.[1];
  if (code && networkKind(code) === 'tls') {
    const f = networkFailure({ code, message: u.error, host: u.host, proxy: u.proxy });
    return fail('graph.reachable', 'Graph API reachable', `cannot reach ${u.host}: its TLS certificate was not accepted (${code}); the checks that need it are skipped`, `${f.todo}, or run doctor --offline`);
  }
  const why = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'its name does not resolve (no network or no DNS?)' : code === 'ECONNREFUSED' ? 'the connection was refused' : code ? `(${code})` : u.error;
  const hint = u.proxy
    ? `check the proxy ${u.proxy} (HTTPS_PROXY/HTTP_PROXY) and NO_PROXY, or run doctor --offline`
    : 'check the network connection (a corporate network may need HTTPS_PROXY), WA_OPS_GRAPH_URL, or run doctor --offline';
  return fail('graph.reachable', 'Graph API reachable', `cannot reach ${u.host}: ${why}; the checks that need it are skipped`, hint);
}
