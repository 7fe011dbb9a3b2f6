/** Which URLs wa-ops may send a token to (Graph) or probe (media): pure rules, the I/O lives in io/. */

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** 4 for a dotted IPv4 address, 6 for an IPv6 address (brackets allowed), 0 otherwise. */
export function isIP(host: string): 0 | 4 | 6 {
  const h = host.replace(/^\[|\]$/g, '');
  if (V4.test(h)) return 4;
  return h.includes(':') && /^[0-9a-f:.]+$/i.test(h) ? 6 : 0;
}

/** localhost, 127.0.0.0/8 and ::1: this machine (the sandbox). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  return isLoopbackAddress(h);
}

function isLoopbackAddress(ip: string): boolean {
  if (isIP(ip) === 4) return ip.startsWith('127.');
  const v4 = mappedV4(ip);
  if (v4) return isLoopbackAddress(v4);
  return isIP(ip) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(ip);
}

function mappedV4(ip: string): string | undefined {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1] : undefined;
}

/**
 * Why a Graph base URL must not receive the token, or undefined when it may.
 * https anywhere; plain http only to loopback unless explicitly allowed; never credentials or file:.
 */
export function graphUrlProblem(raw: string, allowInsecure: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a valid URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol} URLs cannot be a Graph API base URL; use https://`;
  if (url.username || url.password) return 'a Graph API base URL must not carry credentials (user:password@); the token is sent as a header';
  if (url.search || url.hash) return 'a Graph API base URL must not carry a query or fragment';
  if (url.protocol === 'http:' && !allowInsecure && !isLoopbackHost(url.hostname)) {
    return `plain http:// to ${url.hostname} would send the token unencrypted; use https://, or pass --allow-insecure-graph-url (WA_OPS_ALLOW_INSECURE_GRAPH_URL=1) if you mean it`;
  }
  return undefined;
}

/** The kind of a numeric address a media URL resolved to, or undefined for an ordinary public address. */
export function internalAddressKind(ip: string): 'loopback' | 'private' | 'link-local' | 'unspecified' | undefined {
  const v4 = mappedV4(ip) ?? (isIP(ip) === 4 ? ip : undefined);
  if (v4) {
    const [a, b] = v4.split('.').map(Number);
    if (a === 127) return 'loopback';
    if (a === 0) return 'unspecified';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    if (a === 169 && b === 254) return 'link-local';
    if (a >= 224) return 'private'; // multicast and reserved
    return undefined;
  }
  const h = ip.toLowerCase().replace(/^\[|\]$/g, '');
  if (isLoopbackAddress(h)) return 'loopback';
  if (h === '::' || /^0{0,4}(:0{0,4}){1,7}$/.test(h)) return 'unspecified';
  if (/^fe[89ab]/.test(h)) return 'link-local';
  if (/^f[cd]/.test(h) || /^ff/.test(h)) return 'private';
  return undefined;
}

/** Why a header media URL must not be fetched (before DNS), or undefined. */
export function mediaUrlProblem(raw: string, allowInternal: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a valid URL`;
  }
  if (url.username || url.password) return 'the media URL carries credentials (user:password@); Meta fetches it without them';
  if (allowInternal) return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : `${url.protocol} media URLs are not supported`;
  if (url.protocol !== 'https:') return `the media URL is not https:// (Meta fetches header media over HTTPS); pass --allow-internal-media to check it anyway`;
  if (isLoopbackHost(url.hostname)) return `the media URL points at this machine (${url.hostname}); pass --allow-internal-media if you mean it`;
  const kind = isIP(url.hostname.replace(/^\[|\]$/g, '')) ? internalAddressKind(url.hostname) : undefined;
  if (kind) return `the media URL points at a ${kind} address (${url.hostname}); pass --allow-internal-media if you mean it`;
  return undefined;
}
