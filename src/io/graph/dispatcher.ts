/** The only importer of undici: the proxy-aware dispatcher and the request primitives every outgoing request uses. */
import { EnvHttpProxyAgent, FormData, request, type Dispatcher } from 'undici';
import { noProxyList, type ProxyEnv } from '../../core/net-proxy.js';

export { FormData, request, type Dispatcher };

/** The proxy settings of this process (lower case wins, as in curl and undici). */
export function proxyEnv(env: NodeJS.ProcessEnv = process.env): ProxyEnv {
  return { httpProxy: env.http_proxy ?? env.HTTP_PROXY, httpsProxy: env.https_proxy ?? env.HTTPS_PROXY, noProxy: env.no_proxy ?? env.NO_PROXY };
}

/** A dispatcher that honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY (loopback always direct). */
export function proxyAwareDispatcher(opts: Record<string, unknown>): Dispatcher {
  const env = proxyEnv();
  return new EnvHttpProxyAgent({ ...opts, httpProxy: env.httpProxy, httpsProxy: env.httpsProxy, noProxy: noProxyList(env.noProxy) });
}
