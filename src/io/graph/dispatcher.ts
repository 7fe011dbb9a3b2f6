/** The only importer of undici: the proxy-aware dispatcher and the request primitives every outgoing request uses. */
import { EnvHttpProxyAgent, FormData, request, type Dispatcher } from 'undici';
import { InputError } from '../../core/errors.js';
import { noProxyList, proxyProblem, type ProxyEnv } from '../../core/net-proxy.js';

export { FormData, request, type Dispatcher };

/** The proxy settings of this process (lower case wins, as in curl and undici). */
export function proxyEnv(env: NodeJS.ProcessEnv = process.env): ProxyEnv {
  return { httpProxy: env.http_proxy ?? env.HTTP_PROXY, httpsProxy: env.https_proxy ?? env.HTTPS_PROXY, noProxy: env.no_proxy ?? env.NO_PROXY };
}

/** A dispatcher that honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY (loopback always direct). */
export function proxyAwareDispatcher(opts: Record<string, unknown>): Dispatcher {
  const env = proxyEnv();
  // undici would throw a bare "Invalid URL" (exit 70): a bad proxy variable is the user's setting to fix, exit 2.
  const problem = proxyProblem(env, { httpProxy: process.env.http_proxy !== undefined ? 'http_proxy' : 'HTTP_PROXY', httpsProxy: process.env.https_proxy !== undefined ? 'https_proxy' : 'HTTPS_PROXY' });
  if (problem) throw new InputError(problem.why, { code: 'bad-proxy', hint: `fix it (e.g. export ${problem.variable}=http://proxy.example.com:3128) or unset ${problem.variable}` });
  return new EnvHttpProxyAgent({ ...opts, httpProxy: env.httpProxy, httpsProxy: env.httpsProxy, noProxy: noProxyList(env.noProxy) });
}
