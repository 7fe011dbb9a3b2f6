/**
 * A request that got no answer, by kind (refused, name not resolved, no route, timeout, TLS, connection cut): what to
 * call it and what the operator should do about it (pure). Every kind says what to check; none says "HTTP 0".
 */

/** The kinds of network failure a Graph request can meet. */
export type NetworkKind = 'refused' | 'dns' | 'unreachable' | 'connect-timeout' | 'answer-timeout' | 'tls' | 'reset' | 'proxy-refused' | 'other';

/** What the error says: its title (after "GET /path: "), the to-do, and whether the request surely never left. */
export interface NetworkFailure {
  kind: NetworkKind;
  title: string;
  todo: string;
  notSent: boolean;
  /** Trying again cannot help (the proxy refuses): stop instead of retrying. */
  final?: boolean;
}

const TLS = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|HOSTNAME_MISMATCH|EPROTO$)/;

/** The kind of a failure from its errno-like code (undici's or the socket's). */
export function networkKind(code: string): NetworkKind {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return 'dns';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN' || code === 'ENETDOWN') return 'unreachable';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect-timeout';
  if (/TIMEOUT|^ETIMEDOUT$/.test(code)) return 'answer-timeout';
  if (TLS.test(code)) return 'tls';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return 'reset';
  return 'other';
}

/**
 * Name the failure for `host` and say what to do. proxy: the proxy's host when the request went through one (its
 * credentials are never shown), since then the proxy, not the Graph host, is the first thing to check.
 */
export function networkFailure(o: { code: string; message: string; host: string; proxy?: string }): NetworkFailure {
  // The proxy answered the CONNECT with something else than 200: the tunnel never opened, so the request never left.
  const tunnel = /Proxy response \((\d+)\) !== 200 when HTTP Tunneling/.exec(o.message);
  if (tunnel) return proxyRefused(Number(tunnel[1]), o.host, o.proxy ?? 'from HTTPS_PROXY');
  const kind = networkKind(o.code);
  const via = o.proxy ? ` through the proxy ${o.proxy}` : '';
  const settings = o.proxy
    ? `check the proxy ${o.proxy} (HTTPS_PROXY, HTTP_PROXY) and NO_PROXY, then the Graph URL (WA_OPS_GRAPH_URL or graphUrl in the config)`
    : 'check the network connection, the Graph URL (WA_OPS_GRAPH_URL or graphUrl in the config) and the proxy settings (HTTPS_PROXY, NO_PROXY; a corporate network may need one)';
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i.test(o.host) && !o.proxy;
  const again = 'then run the same command again';
  switch (kind) {
    case 'refused':
      return { kind, notSent: true, title: `cannot connect to ${o.host}${via} (${o.code})`, todo: loopback ? `nothing listens at ${o.host}: start the sandbox (or the server WA_OPS_GRAPH_URL names) there, or fix WA_OPS_GRAPH_URL; ${again}` : `the connection was refused: ${settings}` };
    case 'dns':
      return { kind, notSent: true, title: `cannot connect to ${o.host}${via} (${o.code})`, todo: `the name ${o.host.replace(/:\d+$/, '')} does not resolve (no network or no DNS?): ${settings}` };
    case 'unreachable':
      return { kind, notSent: true, title: `cannot connect to ${o.host}${via} (${o.code})`, todo: `no route to ${o.host}: ${settings}` };
    case 'connect-timeout':
      return { kind, notSent: true, title: `cannot connect to ${o.host}${via} (${o.code})`, todo: `no connection within the connect timeout (a firewall dropping it?): ${settings}` };
    case 'tls':
      // The handshake comes before the request: nothing was sent.
      return { kind, notSent: true, title: `the TLS certificate of ${o.host}${via} was not accepted (${o.code})`, todo: `check that the Graph URL (WA_OPS_GRAPH_URL) names the right https host; a proxy that inspects TLS needs its CA certificate in NODE_EXTRA_CA_CERTS` };
    case 'answer-timeout':
      return { kind, notSent: false, title: 'timed out waiting for the answer', todo: `the API (or the network${via}) is slow or down: check metastatus.com and the network, ${again}` };
    case 'reset':
      return { kind, notSent: false, title: `connection lost (${o.code})`, todo: `the connection${via} was cut: check the network connection and the proxy settings (HTTPS_PROXY, NO_PROXY), ${again}` };
    default:
      return { kind, notSent: false, title: `connection lost (${o.code || o.message})`, todo: `no answer from ${o.host}${via}: ${settings}` };
  }
}

/** The proxy refused to open a tunnel to the Graph host (407: it wants credentials; 403: its policy). */
function proxyRefused(status: number, host: string, proxy: string): NetworkFailure {
  const todo =
    status === 407
      ? `the proxy ${proxy} wants credentials: put them in HTTPS_PROXY (http://user:password@host:port), then run the same command again`
      : `the proxy ${proxy} does not let requests to ${host} through (HTTP ${status}): ask for ${host} to be allowed, or set NO_PROXY if it should go direct`;
  return { kind: 'proxy-refused', notSent: true, final: true, title: `the proxy ${proxy} refused the connection to ${host} (HTTP ${status})`, todo };
}
