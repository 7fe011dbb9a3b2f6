/** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, decided the way undici's EnvHttpProxyAgent does, plus: loopback is never proxied. */

/** The proxy variables of the environment. */
export interface ProxyEnv {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** Loopback never goes through a proxy (the sandbox, a local webhook), as in Go's net/http. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** The NO_PROXY list handed to the dispatcher: the user's entries plus loopback ("*" stays "*"). */
export function noProxyList(noProxy: string | undefined): string {
  const v = (noProxy ?? '').trim();
  if (v === '*') return '*';
  return [v, ...LOOPBACK].filter(Boolean).join(',');
}

/** The proxy URL a request to `url` goes through, or undefined for a direct connection. */
export function proxyFor(url: URL, env: ProxyEnv): string | undefined {
  const proxy = url.protocol === 'https:' ? (env.httpsProxy || env.httpProxy) : env.httpProxy;
  if (!proxy) return undefined;
  const list = noProxyList(env.noProxy);
  if (list === '*') return undefined;
  const host = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  for (const raw of list.split(/[,\s]/)) {
    if (!raw) continue;
    const m = /^(.+):(\d+)$/.exec(raw);
    const entry = (m ? m[1] : raw).replace(/^\*?\./, '').toLowerCase();
    if (m && Number(m[2]) !== port) continue;
    if (host === entry || host.endsWith(`.${entry}`)) return undefined;
  }
  return proxy;
}

/** The first proxy variable that is not a usable proxy URL and why, said without its value (it may hold a password); undefined when all are fine. */
export function proxyProblem(env: ProxyEnv, names: { httpProxy: string; httpsProxy: string }): { variable: string; why: string } | undefined {
  for (const key of ['httpsProxy', 'httpProxy'] as const) {
    const v = env[key];
    if (!v) continue;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return { variable: names[key], why: `${names[key]} is not a URL (a proxy is given as http://host:port)` };
    }
    if (!['http:', 'https:', 'socks5:'].includes(url.protocol) || !url.hostname) return { variable: names[key], why: `${names[key]} is not an http(s):// or socks5:// proxy URL with a host` };
  }
  return undefined;
}
